"""Tax IDs: Russian INN with checksums (10 and 12 digits); other countries by pattern."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule

INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS = ((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))

# country prefix or office country -> pattern of the whole id (spaces removed)
PATTERNS: dict[str, str] = {
    "GB": r"GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})", "DE": r"DE\d{9}", "FR": r"FR[0-9A-Z]{2}\d{9}",
    "IT": r"IT\d{11}", "ES": r"ES[0-9A-Z]\d{7}[0-9A-Z]", "NL": r"NL\d{9}B\d{2}",
    "PL": r"PL\d{10}", "AT": r"ATU\d{8}", "BE": r"BE[01]\d{9}", "UA": r"(UA)?(\d{8}|\d{10})",
    "KZ": r"(KZ)?\d{12}", "BY": r"(BY)?\d{9}", "US": r"\d{2}-?\d{7}",
}


def _checksum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def is_inn(text: str) -> bool:
    """Check a Russian INN: 10 digits (organisation) or 12 (person), with control digits."""
    if not text.isdigit():
        return False
    if len(text) == 10:
        return _checksum(text, INN10_WEIGHTS) == int(text[9])
    if len(text) == 12:
        first, second = INN12_WEIGHTS
        return (_checksum(text, first) == int(text[10])
                and _checksum(text, second) == int(text[11]))
    return False


def is_tax_id(text: str, country: str) -> bool:
    """Check by the id's own country prefix, else by the office's country."""
    compact = re.sub(r"[\s.\-/]", "", text).upper()
    prefix = compact[:2]
    if prefix.isalpha() and prefix in PATTERNS:
        return re.fullmatch(PATTERNS[prefix], compact) is not None
    if country == "RU" or prefix == "RU":
        return is_inn(compact.removeprefix("RU"))
    if country in PATTERNS:
        return re.fullmatch(PATTERNS[country], compact) is not None
    return re.fullmatch(r"[A-Z]{0,2}\d{6,15}", compact) is not None


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
        return "inn-digits"
    return "tax-id-documents"
