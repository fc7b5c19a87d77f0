"""Text longer than an Excel cell can hold (32,767 characters).

Such a value cannot have been typed in Excel (another program wrote it) and the
engine never writes one back; the person shortens it or keeps it elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable

EXCEL_CELL_LIMIT = 32_767
TEXT_TYPES = (ColumnType.TEXT, ColumnType.CHOICE, ColumnType.EMAIL, ColumnType.PHONE,
              ColumnType.TAX_ID)


class TextLengthRule(Rule):
    codes = ("text-too-long",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type not in TEXT_TYPES:
                    continue
                for part, values in ctx.columns(key, column.key):
                    if _longest(part, column.key, values) <= EXCEL_CELL_LIMIT:
                        continue  # the usual case: as the reader noted, or checked at C speed
                    for index, value in enumerate(values):
                        if value is not None and len(value) > EXCEL_CELL_LIMIT:
                            yield ctx.problem(
                                "text-too-long", part, column.key, index,
                                value=value, length=_count(len(value), ctx.locale),
                                limit=_count(EXCEL_CELL_LIMIT, ctx.locale),
                                fix="shorten-text")


def _longest(part: SheetTable, key: str, values: list[str | None]) -> int:
    scan = part.texts.get(key)
    return scan.longest if scan is not None else max(map(len, filter(None, values)), default=0)


def _count(number: int, locale: str) -> str:
    """32,767 in English, 32 767 in Russian."""
    return f"{number:,}".replace(",", " " if locale == "ru" else ",")
