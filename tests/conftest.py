"""Fixtures: small offices written by xlsxwriter (not by the engine's own writer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

MINIMAL_CONFIG = """
[office]
name = "Test Office"
locale = "{locale}"

[paths]
workbooks = "workbooks"
templates = "templates"

[tables.clients]
file = "clients.xlsx"
sheet = "Clients"

[funnel]
stages = [
    {{ name = "lead", probability = 10 }},
    {{ name = "offer", probability = 50 }},
    {{ name = "won", probability = 100 }},
    {{ name = "lost", probability = 0 }},
]
"""

CLIENT_ROWS = [
    ["Client ID", "Client", "Status", "E-mail", "Mailing consent", "Created"],
    ["C-000001", "Acme Ltd", "active", "info@acme.example", "yes", dt.date(2025, 3, 12)],
    ["C-000002", "Vector LLC", "lead", "sales@vector.example", "no", dt.date(2025, 4, 1)],
]


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]],
                   merge_title: str = "",
                   formulas: dict[str, tuple[str, Any]] | None = None) -> Path:
    """Write sheets of rows with xlsxwriter; dates become real date cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd.mm.yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif value is not None:
                    sheet.write(r, c, value)
        if merge_title:
            sheet.merge_range(0, 0, 0, 3, merge_title)
        for cell, (formula, cached) in (formulas or {}).items():
            sheet.write_formula(cell, formula, None, cached)
    book.close()
    return path


@pytest.fixture
def make_office(tmp_path: Path) -> Callable[..., Path]:
    """Build an office folder with config.toml and a clients workbook; return the config."""

    def build(rows: list[list[Any]] | None = None, *, config: str = MINIMAL_CONFIG,
              locale: str = "en", sheet: str = "Clients") -> Path:
        (tmp_path / "templates").mkdir(exist_ok=True)
        write_workbook(tmp_path / "workbooks" / "clients.xlsx",
                       {sheet: CLIENT_ROWS if rows is None else rows})
        path = tmp_path / "config.toml"
        path.write_text(config.format(locale=locale), encoding="utf-8")
        return path

    return build
