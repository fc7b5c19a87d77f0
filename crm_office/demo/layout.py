"""Write the demo's workbooks: the office layout of :mod:`crm_office.workbook.new_workbook`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook

from crm_office.demo.config_text import OFFICE, STAGES
from crm_office.demo.seed import Row
from crm_office.model import Table
from crm_office.workbook.new_workbook import FIXED_DOCUMENT_TIME, Formats, write_sheet
from crm_office.workbook.repack import repack_file

DOCUMENT_TIME = FIXED_DOCUMENT_TIME
"""The creation time written into every demo document's properties."""


def write_workbook(path: Path, sheets: Sequence[tuple[Table, str, list[Row]]],
                   locale: str) -> None:
    """Write one workbook with a sheet per (table, sheet name, rows), reproducibly."""
    book = Workbook(str(path), {"constant_memory": False})
    book.set_properties(_properties(sheets, locale))
    formats = Formats(book, locale)
    for table, sheet_name, rows in sheets:
        sheet = book.add_worksheet(sheet_name)
        write_sheet(sheet, table, rows, locale, formats, stage_labels(locale))
    book.close()
    repack_file(path)


def _properties(sheets: Sequence[tuple[Table, str, list[Row]]], locale: str) -> dict[str, Any]:
    office = OFFICE.get(locale, OFFICE["en"])
    return {"title": ", ".join(sheet_name for _table, sheet_name, _rows in sheets),
            "author": str(office["name"]), "company": str(office["legal_name"]),
            "comments": "crm-office demo", "created": DOCUMENT_TIME}


def stage_labels(locale: str) -> dict[str, str]:
    """The demo funnel's stage names -> the label written in ``locale``."""
    return {name: russian if locale == "ru" else name for name, russian, _ in STAGES}
