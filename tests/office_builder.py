"""A small multi-table office written by xlsxwriter, for the validation tests."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from tests.conftest import write_workbook

D = dt.date

BASE_TABLES: dict[str, list[list[Any]]] = {
    "managers": [["Manager", "E-mail"], ["Anna Smith", "anna@office.example"]],
    "clients": [
        ["Client ID", "Client", "Status", "E-mail", "Phone", "Tax ID", "Manager"],
        ["C-000001", "Acme Ltd", "active", "info@acme.example", "+44 117 496 0000",
         "GB123456782", "Anna Smith"],
        ["C-000002", "Beta Tours", "lead", "hello@beta.example", "+44 161 496 0123", None,
         "Anna Smith"],
    ],
    "contacts": [
        ["Contact ID", "Date", "Client ID", "Type", "Next action date"],
        ["L-000001", D(2025, 3, 12), "C-000001", "call", D(2025, 3, 20)],
    ],
    "deals": [
        ["Deal ID", "Deal", "Client ID", "Manager", "Stage", "Planned amount", "Refusal reason",
         "Lost at stage"],
        ["D-000001", "Spring tour", "C-000001", "Anna Smith", "won", 1000, None, None],
    ],
    "invoices": [
        ["Invoice No.", "Date", "Client ID", "Amount", "Due date"],
        ["INV-1", D(2025, 3, 1), "C-000001", 1000, D(2025, 3, 15)],
    ],
    "payments": [
        ["Payment ID", "Invoice No.", "Date", "Amount"],
        ["P-000001", "INV-1", D(2025, 3, 10), 600],
    ],
}

CONFIG = """
[office]
name = "Test Office"
locale = "{locale}"
country = "{country}"

[paths]
workbooks = "workbooks"
templates = "templates"

{tables}
[funnel]
stages = [
    {{ name = "lead", label_ru = "лид", probability = 10 }},
    {{ name = "offer", label_ru = "предложение", probability = 50 }},
    {{ name = "won", label_ru = "выиграна", probability = 100 }},
    {{ name = "lost", label_ru = "проиграна", probability = 0 }},
]
{extra}
"""


def base_tables() -> dict[str, list[list[Any]]]:
    return copy.deepcopy(BASE_TABLES)


def build_office(root: Path, tables: dict[str, list[list[Any]]], *, locale: str = "en",
                 country: str = "GB", extra: str = "",
                 formulas: dict[str, dict[str, tuple[str, Any]]] | None = None) -> Path:
    """Write each table to workbooks/<table>.xlsx, sheet 'Data'; return config.toml's path."""
    (root / "templates").mkdir(parents=True, exist_ok=True)
    sections = []
    for key, rows in tables.items():
        write_workbook(root / "workbooks" / f"{key}.xlsx", {"Data": rows},
                       formulas=(formulas or {}).get(key))
        sections.append(f'[tables.{key}]\nfile = "{key}.xlsx"\nsheet = "Data"\n')
    config = root / "config.toml"
    config.write_text(CONFIG.format(locale=locale, country=country, tables="\n".join(sections),
                                    extra=extra), encoding="utf-8")
    return config
