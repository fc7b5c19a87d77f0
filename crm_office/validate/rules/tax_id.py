"""Tax IDs with their check digits, by python-stdnum.

The id's own country prefix decides (``DE136695976``, ``GB123456782``), else the
office's country. Checked: every VAT number stdnum knows (all EU states, GB, CH,
NO, ...), Russia's INN (10 and 12 digits), Ukraine's ЄДРПОУ (8) and РНОКПП (10),
Kazakhstan's BIN and IIN (12), Belarus's УНП (9) and the US EIN. A country
stdnum does not know keeps a loose pattern: up to two letters and 6-15 digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any

from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule

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


class TaxIdRule(Rule):
    codes = ("tax-id-invalid",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        country = ctx.config.office.country
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type is not ColumnType.TAX_ID:
                    continue
                for part, values in ctx.columns(key, column.key):
                    for index, value in enumerate(values):
                        if value is not None and not is_tax_id(value, country):
                            yield ctx.problem("tax-id-invalid", part, column.key, index,
                                              value=value, fix=_hint(country))


def _hint(country: str) -> str:
    if country == "RU":
        return "an INN has 10 digits (company) or 12 (person); check for a typo"
    return "check the number against the client's documents"
