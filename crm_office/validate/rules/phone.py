"""Phone numbers parse (default country from the config) and are written the office's way.

``office.phone_style`` says how: international (with the country code, the default)
or national (the office's own country's numbers without it). A number written with
its country code is international, however it is spaced; only what differs from
the office's style is reported, with the number rewritten as the fix.

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
from typing import Any, NamedTuple

from crm_office.catalogue import Text
from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable

STYLE_WORDS = {"international": ("international", "международном"),
               "national": ("national", "национальном")}
"""office.phone_style as the phone-format message says it (English, Russian)."""

IN_WORKER_FROM = 20_000
"""From this many distinct numbers on, they are parsed in a worker process."""


class Phone(NamedTuple):
    """A valid number: both ways of writing it, how it was written, whose it is."""

    international: str
    national: str
    with_country_code: bool
    """Written with its country code (+7 ..., 00 44 ..., 7912...): international."""
    home: bool
    """A number of the office's own country."""


@lru_cache(maxsize=65536)
def parse_phone(text: str, country: str) -> Phone | None:
    """The number as written in ``text`` (default country ``country``); None when invalid."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, country, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    written = number.country_code_source
    source = phonenumbers.CountryCodeSource
    return Phone(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        written in (source.FROM_NUMBER_WITH_PLUS_SIGN, source.FROM_NUMBER_WITH_IDD,
                    source.FROM_NUMBER_WITHOUT_PLUS_SIGN),
        phonenumbers.region_code_for_number(number) == country)


def restyled(phone: Phone, style: str) -> str | None:
    """How the office wants the number written, or None when it already is."""
    if style == "national":
        return phone.national if phone.home and phone.with_country_code else None
    return None if phone.with_country_code else phone.international


def format_all(texts: list[str], country: str) -> dict[str, Phone | None]:
    """Each text parsed."""
    return {text: parse_phone(text, country) for text in texts}


def format_in_subprocess(texts: list[str], country: str) -> dict[str, Phone | None]:
    """Run :func:`format_all` in a fresh interpreter; on any failure, do it here."""
    payload = json.dumps({"country": country, "texts": texts})
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=payload,
                              capture_output=True, text=True, check=True, timeout=3600)
        found: dict[str, list[Any] | None] = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return format_all(texts, country)
    return {text: Phone(*item) if item is not None else None for text, item in found.items()}


class PhoneRule(Rule):
    codes = ("phone-invalid", "phone-format", "text-untrimmed")

    def __init__(self) -> None:
        self._pending: list[Future[dict[str, Phone | None]]] = []
        self._started: set[str] = set()

    def _phones(self, ctx: ValidationContext, only: set[str] | None = None,
                ) -> Iterator[tuple[SheetTable, str, list[Any]]]:
        for key, read in ctx.tables.items():
            if only is not None and key not in only:
                continue
            for column in read.table.columns:
                if column.type is ColumnType.PHONE:
                    for part, values in ctx.columns(key, column.key):
                        yield part, column.key, values

    def prepare(self, ctx: ValidationContext) -> None:
        new = set(ctx.tables) - self._started
        self._started.update(new)
        distinct = _distinct(values for _part, _key, values in self._phones(ctx, new))
        if len(distinct) >= IN_WORKER_FROM:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phones")
            self._pending.append(pool.submit(format_in_subprocess, sorted(distinct),
                                             ctx.config.office.country))
            pool.shutdown(wait=False)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        country, style = ctx.config.office.country, ctx.config.office.phone_style
        known: dict[str, Phone | None] = {}
        for pending in self._pending:
            known.update(pending.result())
        for part, key, values in self._phones(ctx):
            for index, value in enumerate(values):
                if value is None:
                    continue
                text = str(value).strip()
                phone = known[text] if text in known else parse_phone(text, country)
                if phone is None:
                    yield ctx.problem("phone-invalid", part, key, index,
                                      value=value, country=country,
                                      fix="phone-full-number")
                elif (wanted := restyled(phone, style)) is not None:
                    yield ctx.problem("phone-format", part, key, index, value=value,
                                      style=STYLE_WORDS[style][ctx.locale == "ru"],
                                      fix=Text("write-as", value=wanted), replacement=wanted)
                elif text != value:  # written the office's way, with spaces around
                    yield ctx.problem("text-untrimmed", part, key, index, value=value,
                                      fix="remove-spaces", replacement=text)


def _distinct(columns: Iterable[list[Any]]) -> set[str]:
    return {str(value).strip() for values in columns for value in values if value is not None}


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(format_all(request["texts"], request["country"]), sys.stdout)
