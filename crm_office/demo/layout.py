"""Write demo tables into workbooks the way an office would lay them out.

Header row in bold on a fill (grey for columns the engine keeps), column widths
from the model, frozen header, autofilter, dropdown lists on choice columns, real
dates and money with number formats, yes/no words for booleans.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from crm_office.demo.config_text import OFFICE, STAGES
from crm_office.demo.reproducible import repack_file
from crm_office.demo.seed import Row
from crm_office.model import FUNNEL, Column, ColumnType, Owner, Table

DOCUMENT_TIME = datetime(2026, 11, 16, 9, 0, 0)
"""The creation time written into every demo document's properties."""

DROPDOWN_SPARE_ROWS = 1000
"""Dropdown lists reach this many rows below the data, for rows people add."""

DATE_FORMATS = {"ru": "dd.mm.yyyy", "en": "dd/mm/yyyy"}
MONEY_FORMAT = "#,##0.00"
BOOL_WORDS = {"ru": ("да", "нет"), "en": ("yes", "no")}
HEADER_FILL = "#DDEBF7"
ENGINE_FILL = "#E7E6E6"


class _Formats:
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


def write_workbook(path: Path, sheets: Sequence[tuple[Table, str, list[Row]]],
                   locale: str) -> None:
    """Write one workbook with a sheet per (table, sheet name, rows), reproducibly."""
    book = Workbook(str(path), {"constant_memory": False})
    book.set_properties(_properties(sheets, locale))
    formats = _Formats(book, locale)
    for table, sheet_name, rows in sheets:
        sheet = book.add_worksheet(sheet_name)
        write_sheet(sheet, table, rows, locale, formats)
    book.close()
    repack_file(path)


def _properties(sheets: Sequence[tuple[Table, str, list[Row]]], locale: str) -> dict[str, Any]:
    office = OFFICE.get(locale, OFFICE["en"])
    return {"title": ", ".join(sheet_name for _table, sheet_name, _rows in sheets),
            "author": str(office["name"]), "company": str(office["legal_name"]),
            "comments": "crm-office demo", "created": DOCUMENT_TIME}


def write_sheet(sheet: Worksheet, table: Table, rows: list[Row], locale: str,
                formats: _Formats) -> None:
    """Header, columns, data, frozen header, filter and dropdowns of one table."""
    sheet.set_row(0, 30)
    for index, column in enumerate(table.columns):
        head = formats.engine_header if column.owner is Owner.ENGINE else formats.header
        sheet.write_string(0, index, column.header(locale), head)
        sheet.set_column(index, index, column.width, formats.for_column(column))
        labels = choice_labels(column, locale)
        for number, row in enumerate(rows, start=1):
            _write_cell(sheet, number, index, column, row.get(column.key), labels, locale,
                        formats)
        if labels:
            sheet.data_validation(1, index, len(rows) + DROPDOWN_SPARE_ROWS, index,
                                  {"validate": "list", "source": list(labels.values())})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(table.columns) - 1)


def choice_labels(column: Column, locale: str) -> dict[str, str]:
    """Choice key (or funnel stage name) -> the label written in the locale."""
    if column.choices_from == FUNNEL:
        return {name: russian if locale == "ru" else name for name, russian, _ in STAGES}
    return {choice.key: choice.label(locale) for choice in column.choices}


def _write_cell(sheet: Worksheet, row: int, col: int, column: Column, value: Any,
                labels: dict[str, str], locale: str, formats: _Formats) -> None:
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
        sheet.write_string(row, col, labels[value])
    else:
        sheet.write_string(row, col, str(value))


def _number(value: Any) -> float | int:
    """Whole numbers as int (Excel shows 12, not 12.0), the rest as float."""
    if isinstance(value, int) or (isinstance(value, Decimal)
                                  and value == value.to_integral_value()):
        return int(value)
    return float(value)
