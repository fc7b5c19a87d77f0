"""Write a new workbook laid out the way an office would lay it out (engine-owned files only).

Header row in bold on a fill (grey for columns the engine keeps), column widths
from the model, frozen header, autofilter, dropdown lists on choice columns, real
dates and money with number formats, yes/no words for booleans. Used for files the
engine creates whole (the demo office, managers' views); files people edit are only
ever patched by :mod:`crm_office.writeback`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from crm_office.model import FUNNEL, Column, ColumnType, Owner, Table

Row = Mapping[str, Any]

FIXED_DOCUMENT_TIME = datetime(2026, 11, 16, 9, 0, 0)
"""The creation time written into the properties of generated files (same bytes every run)."""

DROPDOWN_SPARE_ROWS = 1000
"""Dropdown lists reach this many rows below the data, for rows people add."""

DATE_FORMATS = {"ru": "dd.mm.yyyy", "en": "dd/mm/yyyy"}
MONEY_FORMAT = "#,##0.00"
BOOL_WORDS = {"ru": ("да", "нет"), "en": ("yes", "no")}
HEADER_FILL = "#DDEBF7"
ENGINE_FILL = "#E7E6E6"


class Formats:
    """The cell formats of one workbook."""

    def __init__(self, book: Workbook, locale: str) -> None:
        header = {"bold": True, "text_wrap": True, "valign": "vcenter", "bottom": 1}
        self.header = book.add_format({**header, "bg_color": HEADER_FILL})
        self.engine_header = book.add_format({**header, "bg_color": ENGINE_FILL,
                                              "font_color": "#595959"})
        self.date = book.add_format({"num_format": DATE_FORMATS.get(locale, "dd/mm/yyyy")})
        self.money = book.add_format({"num_format": MONEY_FORMAT})

    def for_column(self, column: Column) -> Format | None:
        """The format a whole column gets, so rows people add look the same."""
        if column.type is ColumnType.DATE:
            return self.date
        if column.type is ColumnType.MONEY:
            return self.money
        return None


def write_sheet(sheet: Worksheet, table: Table, rows: Sequence[Row], locale: str,
                formats: Formats, stage_labels: Mapping[str, str] | None = None) -> None:
    """Header, columns, data, frozen header, filter and dropdowns of one table.

    ``stage_labels`` maps the funnel's stage names to the labels written (the
    office's funnel); without it, stage columns get no dropdown.
    """
    sheet.set_row(0, 30)
    for index, column in enumerate(table.columns):
        head = formats.engine_header if column.owner is Owner.ENGINE else formats.header
        sheet.write_string(0, index, column.header(locale), head)
        sheet.set_column(index, index, column.width, formats.for_column(column))
        labels = choice_labels(column, locale, stage_labels or {})
        for number, row in enumerate(rows, start=1):
            _write_cell(sheet, number, index, column, row.get(column.key), labels, locale,
                        formats)
        if labels:
            sheet.data_validation(1, index, len(rows) + DROPDOWN_SPARE_ROWS, index,
                                  {"validate": "list", "source": list(labels.values())})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(table.columns) - 1)


def choice_labels(column: Column, locale: str,
                  stage_labels: Mapping[str, str]) -> dict[str, str]:
    """Choice key (or funnel stage name) -> the label written in the locale."""
    if column.choices_from == FUNNEL:
        return dict(stage_labels)
    return {choice.key: choice.label(locale) for choice in column.choices}


def _write_cell(sheet: Worksheet, row: int, col: int, column: Column, value: Any,
                labels: dict[str, str], locale: str, formats: Formats) -> None:
    if value is None or value == "":
        return
    kind = column.type
    if kind is ColumnType.DATE:
        sheet.write_datetime(row, col, datetime.combine(value, time()), formats.date)
    elif kind is ColumnType.MONEY:
        sheet.write_number(row, col, float(value), formats.money)
    elif kind in (ColumnType.NUMBER, ColumnType.INTEGER):
        sheet.write_number(row, col, _number(value))
    elif kind is ColumnType.BOOL:
        yes, no = BOOL_WORDS.get(locale, BOOL_WORDS["en"])
        sheet.write_string(row, col, yes if value else no)
    elif labels:
        sheet.write_string(row, col, labels.get(value, str(value)))
    else:
        sheet.write_string(row, col, str(value))


def _number(value: Any) -> float | int:
    """Whole numbers as int (Excel shows 12, not 12.0), the rest as float."""
    if isinstance(value, int) or (isinstance(value, Decimal)
                                  and value == value.to_integral_value()):
        return int(value)
    return float(value)
