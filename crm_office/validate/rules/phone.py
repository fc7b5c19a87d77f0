"""Phone numbers parse (default country from the config) and are kept in international format.

Parsing with `phonenumbers` costs ~60 µs a number; for a large client base the
numbers are parsed in a separate Python process (``python -m
crm_office.validate.rules.phone``, JSON over stdin/stdout) while the other rules run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from crm_office.catalogue import Text
from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable

IN_WORKER_FROM = 20_000
"""From this many distinct numbers on, they are parsed in a worker process."""


@lru_cache(maxsize=65536)
def international(text: str, country: str) -> str | None:
    """The number in international format (+44 117 496 0000), or None when it is not valid."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    formatted: str = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return formatted


def format_all(texts: list[str], country: str) -> dict[str, str | None]:
    """Each text's international form."""
    return {text: international(text, country) for text in texts}


def format_in_subprocess(texts: list[str], country: str) -> dict[str, str | None]:
    """Run :func:`format_all` in a fresh interpreter; on any failure, do it here."""
    payload = json.dumps({"country": country, "texts": texts})
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=payload,
                              capture_output=True, text=True, check=True, timeout=3600)
        result: dict[str, str | None] = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return format_all(texts, country)
    return result


class PhoneRule(Rule):
    codes = ("phone-invalid", "phone-format")

    def __init__(self) -> None:
        self._pending: Future[dict[str, str | None]] | None = None

    def _phones(self, ctx: ValidationContext) -> Iterator[tuple[SheetTable, str, list[Any]]]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type is ColumnType.PHONE:
                    for part, values in ctx.columns(key, column.key):
                        yield part, column.key, values

    def prepare(self, ctx: ValidationContext) -> None:
        distinct = _distinct(values for _part, _key, values in self._phones(ctx))
        if len(distinct) >= IN_WORKER_FROM:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phones")
            self._pending = pool.submit(format_in_subprocess, sorted(distinct),
                                        ctx.config.office.country)
            pool.shutdown(wait=False)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        country = ctx.config.office.country
        known = self._pending.result() if self._pending is not None else {}
        for part, key, values in self._phones(ctx):
            for index, value in enumerate(values):
                if value is None:
                    continue
                text = str(value).strip()
                formatted = known[text] if text in known else international(text, country)
                if formatted is None:
                    yield ctx.problem("phone-invalid", part, key, index,
                                      value=value, country=country,
                                      fix="phone-full-number")
                elif formatted != value:
                    yield ctx.problem("phone-format", part, key, index,
                                      value=value, fix=Text("write-as", value=formatted),
                                      replacement=formatted)


def _distinct(columns: Iterable[list[Any]]) -> set[str]:
    return {str(value).strip() for values in columns for value in values if value is not None}


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(format_all(request["texts"], request["country"]), sys.stdout)
