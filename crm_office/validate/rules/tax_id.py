"""Tax IDs with their check digits, by python-stdnum.

The id's own country prefix decides (``DE136695976``, ``GB123456782``), else the
office's country. Checked: every VAT number stdnum knows (all EU states, GB, CH,
NO, ...), Russia's INN (10 and 12 digits), Ukraine's ЄДРПОУ (8) and РНОКПП (10),
Kazakhstan's BIN and IIN (12), Belarus's УНП (9) and the US EIN. A country
stdnum does not know keeps a loose pattern: up to two letters and 6-15 digits.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache, lru_cache
from typing import Any

from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable

IN_WORKER_FROM = 20_000
"""From this many distinct tax IDs on, they are checked in a worker process."""

NATIONAL: dict[str, tuple[str, ...]] = {
    "RU": ("stdnum.ru.inn",),
    "UA": ("stdnum.ua.edrpou", "stdnum.ua.rntrc"),
    "KZ": ("kz-bin-iin",),
    "BY": ("stdnum.by.unp",),
    "US": ("stdnum.us.ein",),
}
"""Countries whose company and personal numbers are not VAT numbers, with their stdnum modules
(stdnum has no Kazakhstan module: its BIN/IIN check is :func:`kz_bin_iin_valid`).

Written with or without the country letters (``UA12345678``, ``12345678``)."""

_SEPARATORS = re.compile(r"[\s.\-/]")
_LOOSE = re.compile(r"[A-Z]{0,2}\d{6,15}")


@lru_cache(maxsize=65536)
def is_tax_id(text: str, country: str) -> bool:
    """Check by the id's own country prefix, else by the office's country."""
    compact = _SEPARATORS.sub("", str(text)).upper()
    prefix = compact[:2]
    if prefix.isalpha() and prefix in NATIONAL:
        return _any_valid(NATIONAL[prefix], compact[2:])
    if prefix.isalpha() and _vat_check(prefix) is not None:
        return _vat_check(prefix)(compact)  # type: ignore[misc]
    if country in NATIONAL:
        return _any_valid(NATIONAL[country], compact)
    check = _vat_check(country)
    if check is not None and not prefix.isalpha():
        return check(country + compact) or check(compact)
    return _LOOSE.fullmatch(compact) is not None


def _any_valid(modules: tuple[str, ...], number: str) -> bool:
    return any(_validator(name)(number) for name in modules)


def kz_bin_iin_valid(number: str) -> bool:
    """Kazakhstan's BIN (companies) and IIN (people): 12 digits, the last a check digit.

    Weights 1-11 modulo 11; when that gives 10, weights 3-11, 1, 2; 10 again is invalid.
    """
    if len(number) != 12 or not number.isdigit():
        return False
    digits = [int(digit) for digit in number]
    weight_rows: tuple[list[int], ...] = ([*range(1, 12)], [*range(3, 12), 1, 2])
    for weights in weight_rows:
        check = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
        if check != 10:
            return check == digits[11]
    return False


@cache
def _validator(module: str) -> Callable[[str], bool]:
    import importlib

    if module == "kz-bin-iin":
        return kz_bin_iin_valid

    found: Any = importlib.import_module(module)
    check: Callable[[str], bool] = found.is_valid
    return check


@cache
def _vat_check(country: str) -> Callable[[str], bool] | None:
    """The VAT-number check of a country (prefix included), None when stdnum has none."""
    from stdnum.eu import vat as eu_vat

    if country.lower() in (*eu_vat.MEMBER_STATES, "el"):  # EL: Greece's VAT prefix
        return _eu_valid
    from stdnum.util import get_cc_module

    module: Any = get_cc_module(country.lower(), "vat") if country.isalpha() else None
    if module is None:
        return None
    check: Callable[[str], bool] = module.is_valid
    return check


def _eu_valid(number: str) -> bool:
    from stdnum.eu import vat as eu_vat

    return bool(eu_vat.is_valid(number))


def invalid_among(texts: list[str], country: str) -> list[str]:
    """The texts that are not valid tax IDs."""
    return [text for text in texts if not is_tax_id(text, country)]


def invalid_in_subprocess(texts: list[str], country: str) -> set[str]:
    """Run :func:`invalid_among` in a fresh interpreter; on any failure, do it here."""
    payload = json.dumps({"country": country, "texts": texts})
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=payload,
                              capture_output=True, text=True, check=True, timeout=3600)
        return set(json.loads(done.stdout))
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return set(invalid_among(texts, country))


class TaxIdRule(Rule):
    """Check digits cost ~10 µs a number: a large office's are checked in a worker process."""

    codes = ("tax-id-invalid",)

    def __init__(self) -> None:
        self._pending: list[tuple[set[str], Future[set[str]]]] = []
        self._started: set[str] = set()

    def _tax_ids(self, ctx: ValidationContext, only: set[str] | None = None,
                 ) -> Iterator[tuple[SheetTable, str, list[Any]]]:
        for key, read in ctx.tables.items():
            if only is not None and key not in only:
                continue
            for column in read.table.columns:
                if column.type is ColumnType.TAX_ID:
                    for part, values in ctx.columns(key, column.key):
                        yield part, column.key, values

    def prepare(self, ctx: ValidationContext) -> None:
        new = set(ctx.tables) - self._started
        self._started.update(new)
        distinct = {value for _part, _key, values in self._tax_ids(ctx, new) for value in values
                    if value is not None}
        if len(distinct) >= IN_WORKER_FROM:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tax-ids")
            self._pending.append((new, pool.submit(invalid_in_subprocess, sorted(distinct),
                                                   ctx.config.office.country)))
            pool.shutdown(wait=False)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        checked: set[str] = set()  # tables whose IDs a worker checked
        invalid: set[str] = set()
        for tables, pending in self._pending:
            checked.update(tables)
            invalid.update(pending.result())
        for table_key in ctx.tables:
            yield from self._check_table(ctx, table_key, invalid if table_key in checked else None)

    def _check_table(self, ctx: ValidationContext, table_key: str,
                     invalid: set[str] | None) -> Iterator[Problem]:
        country = ctx.config.office.country
        for part, key, values in self._tax_ids(ctx, {table_key}):
            for index, value in enumerate(values):
                if value is None:
                    continue
                if (value in invalid) if invalid is not None else not is_tax_id(value, country):
                    yield ctx.problem("tax-id-invalid", part, key, index, value=value,
                                      fix=_hint(country))


def _hint(country: str) -> str:
    if country == "RU":
        return "inn-digits"
    return "tax-id-documents"


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(invalid_among(request["texts"], request["country"]), sys.stdout)
