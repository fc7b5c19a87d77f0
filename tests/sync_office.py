"""A small office whose clients live in two workbooks, for the sync tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import write_workbook

CLIENTS = [
    ["Client ID", "Client", "Status", "Phone", "E-mail", "Region", "Manager", "Last contact",
     "Open deals", "Debt"],
    ["C-000001", "Acme Ltd", "active", "+44 117 496 0001", "info@acme.example", "Wales",
     "Anna Smith", None, None, None],
    ["C-000002", "Beta Tours", "prospect", "+44 117 496 0002", "hello@beta.example",
     "Scotland", "Bob Jones", None, None, None],
    ["C-000003", "Gamma Travel", "active", "+44 117 496 0003", "gamma@gamma.example",
     "Wales", "Anna Smith", None, None, None],
]
ANNA = [CLIENTS[0], CLIENTS[1], CLIENTS[3]]
MANAGERS = [["Manager", "Regions", "Max clients", "Active"],
            ["Anna Smith", "Wales", 10, "yes"], ["Bob Jones", "Scotland", 10, "yes"]]
CONTACTS = [["Contact ID", "Date", "Client ID", "Type", "Next action date"],
            ["L-000001", dt.date(2026, 11, 2), "C-000001", "call", dt.date(2026, 12, 1)]]

CONFIG = """
[office]
name = "Sync Office"

[paths]
workbooks = "workbooks"
templates = "templates"
store = "{store}"

[tables.clients]
sources = [{{ file = "clients.xlsx", sheet = "Clients" }},
           {{ file = "anna.xlsx", sheet = "My clients" }}]

[tables.managers]
file = "team.xlsx"
sheet = "Managers"

[tables.contacts]
file = "contacts.xlsx"
sheet = "Log"

[funnel]
stages = [
    {{ name = "lead", probability = 10 }},
    {{ name = "won", probability = 100 }},
    {{ name = "lost", probability = 0 }},
]

[sync]
manager_views = false
{extra}
"""


def build_sync_office(root: Path, *, store: str = "crm-office.sqlite", extra: str = "",
                      writer: Callable[..., Any] = write_workbook) -> Path:
    """The small sync office; ``writer`` writes its workbooks (xlsxwriter by default,
    ``tests.excel_shaped.write_workbook`` for files shaped as Excel 365 saves them)."""
    (root / "templates").mkdir(parents=True, exist_ok=True)
    books = root / "workbooks"
    books.mkdir(parents=True, exist_ok=True)
    writer(books / "clients.xlsx", {"Clients": [list(r) for r in CLIENTS]})
    writer(books / "anna.xlsx", {"My clients": [list(r) for r in ANNA]})
    writer(books / "team.xlsx", {"Managers": MANAGERS})
    writer(books / "contacts.xlsx", {"Log": CONTACTS})
    config = root / "config.toml"
    config.write_text(CONFIG.format(store=store, extra=extra), encoding="utf-8")
    return config


def edit(path: Path, sheet: str, cell: str, value: Any) -> None:
    """A person edits one cell and saves (openpyxl stands in for Excel here)."""
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def cells(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def find_row(path: Path, sheet: str, record_id: str) -> list[Any]:
    for row in cells(path, sheet):
        if row and row[0] == record_id:
            return row
    raise AssertionError(f"{record_id} not in {path.name}")
