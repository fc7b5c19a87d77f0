"""E-mail addresses are well-formed; upper case or spaces around are safely fixed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule

_ADDRESS = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9\u0400-\u04ff]([A-Za-z0-9\u0400-\u04ff-]{0,61}[A-Za-z0-9\u0400-\u04ff])?\.)+"
    r"[A-Za-z\u0400-\u04ff]{2,63}$")


def is_email(text: str) -> bool:
    """A practical check: local part, @, a domain with a dot and a top-level name."""
    return len(text) <= 254 and _ADDRESS.match(text) is not None


class EmailRule(Rule):
    codes = ("email-invalid", "email-case")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type is not ColumnType.EMAIL:
                    continue
                for part, values in ctx.columns(key, column.key):
                    for index, value in enumerate(values):
                        if value is None:
                            continue
                        clean = value.strip().lower()
                        if not is_email(clean):
                            yield ctx.problem("email-invalid", part, column.key, index,
                                              value=value, fix=_hint(clean))
                        elif clean != value:
                            yield ctx.problem("email-case", part, column.key, index,
                                              value=value, fix=Text("write-as", value=clean),
                                              replacement=clean)


def _hint(text: str) -> str:
    if "@" not in text:
        return "email-needs-at"
    if " " in text or "," in text or ";" in text:
        return "email-one-per-cell"
    return "email-spelling"
