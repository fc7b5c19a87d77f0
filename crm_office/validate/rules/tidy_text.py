"""Text with spaces around it, and dates typed as text: both safely fixed by --fix."""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.model import ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.validate.rules.text_length import EXCEL_CELL_LIMIT
from crm_office.workbook.sheet_table import SheetTable

TRIMMED_TYPES = (ColumnType.TEXT, ColumnType.CHOICE, ColumnType.TAX_ID)


class UntrimmedTextRule(Rule):
    codes = ("text-untrimmed",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                if column.type not in TRIMMED_TYPES:
                    continue
                for part, values in ctx.columns(key, column.key):
                    for index in untrimmed_indexes(part, column.key, values):
                        value = values[index]
                        trimmed = value.strip()
                        yield ctx.problem("text-untrimmed", part, column.key, index,
                                          value=value, fix="remove-spaces",
                                          replacement=trimmed
                                          if len(trimmed) <= EXCEL_CELL_LIMIT else None)


def untrimmed_indexes(part: SheetTable, key: str, values: list[str | None]) -> list[int]:
    """Where the texts with spaces around them are: as the reader noted, else looked for."""
    scan = part.texts.get(key)
    if scan is not None:
        return scan.untrimmed
    return [index for index, value in enumerate(values) if value is not None
            and (value[0].isspace() or value[-1].isspace())]


class TextDateRule(Rule):
    codes = ("date-as-text",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for read in ctx.tables.values():
            for part in read.parts:
                for key, typed in part.text_dates.items():
                    failed = part.unreadable.get(key, set())
                    for index, text in typed.items():
                        value = part.columns[key][index]
                        if index in failed or value is None:
                            continue
                        yield ctx.problem("date-as-text", part, key, index, value=text,
                                          fix=Text("store-as-date", date=value),
                                          replacement=value)
