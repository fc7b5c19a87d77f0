"""Phone numbers parse (default country from the config) and are kept in international format."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule


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
    if number.extension:
        formatted = formatted.replace(" ext. ", " ext. ")
    return formatted


class PhoneRule(Rule):
    codes = ("phone-invalid", "phone-format")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        country = ctx.config.office.country
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type is not ColumnType.PHONE:
                    continue
                for part, values in ctx.columns(key, column.key):
                    for index, value in enumerate(values):
                        if value is None:
                            continue
                        formatted = international(value.strip(), country)
                        if formatted is None:
                            yield ctx.problem("phone-invalid", part, column.key, index,
                                              value=value, country=country,
                                              fix="write the full number with the country "
                                                  "code, e.g. +44 117 496 0000")
                        elif formatted != value:
                            yield ctx.problem("phone-format", part, column.key, index,
                                              value=value, fix=f"write it as {formatted}",
                                              replacement=formatted)
