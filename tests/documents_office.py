"""A small office for the documents tests: xlsxwriter workbooks, the shipped templates."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path
from typing import Any

from crm_office.demo.templates import write_templates
from tests.conftest import write_workbook
from tests.excel_shaped import excel_workbook

D = dt.date
AWKWARD = 'Smith & Sons "Best" <Ltd>'

TABLES: dict[str, list[list[Any]]] = {
    "clients": [
        ["Client ID", "Client", "Status", "Tax ID", "Address", "Contact person"],
        ["C-000001", AWKWARD, "active", "7707083893", "1 Main St <B>", "Laura & Co"],
        ["C-000002", "ООО «Вектор»", "active", "7707083893", "г. Москва", "Анна"],
    ],
    "contacts": [["Contact ID", "Date", "Client ID", "Client", "Manager", "Type", "What was said",
                  "Result"],
                 ["L-000001", D(2025, 3, 12), "C-000001", AWKWARD, "Anna Smith", "call", "hi",
                  None]],
    "deals": [
        ["Deal ID", "Deal", "Client ID", "Manager", "Stage", "Planned amount"],
        ["D-000001", "Company retreat", "C-000001", "Anna Smith", "offer", 5000],
        ["D-000002", "No client", None, "Anna Smith", "offer", 100],
        ["D-000003", "Unknown product", "C-000002", "Anna Smith", "offer", 100],
        ["D-000004", "Planned only", "C-000002", "Anna Smith", "invoiced", 1000],
    ],
    "deal_items": [
        ["Item ID", "Deal ID", "Product code", "Quantity", "Price", "Discount, %"],
        ["DI-000001", "D-000001", "EV-001", 40, 95, 5],
        ["DI-000002", "D-000001", "PR-002", 3, 12.5, 0],
        ["DI-000003", "D-000003", "XX-404", 1, 10, 0],
    ],
    "products": [
        ["Product code", "Product", "Unit", "Price", "VAT, %"],
        ["EV-001", "Gala dinner", "person", 95, 20],
        ["PR-002", "Printed guide", "pc", 12.5, 10],
    ],
    "invoices": [["Invoice No.", "Date", "Client ID", "Deal ID", "Amount", "Due date"],
                 ["OLD-1", D(2025, 3, 1), "C-000001", "D-000001", 10, D(2025, 3, 15)]],
}

OFFICE = {
    "en": 'name = "Northwind"\nlegal_name = "Northwind Ltd"\ncurrency = "GBP"\nlocale = "en"\n'
          'bank_name = "Example Bank"\nbank_account = "GB33BUKB20201555555555"\n'
          'bank_code = "BUKBGB22"\n',
    "ru": 'name = "Северный ветер"\nlegal_name = "ООО «Северный ветер»"\ncurrency = "RUB"\n'
          'locale = "ru"\ncountry = "RU"\ntax_id = "7707083893"\nkpp = "770701001"\n'
          'bank_name = "ПАО «Пример Банк»"\nbank_account = "40702810900000000001"\n'
          'bank_code = "044525225"\ncorrespondent_account = "30101810400000000225"\n',
}

FUNNEL = """
[funnel]
stages = [
    { name = "lead", probability = 10 }, { name = "offer", probability = 50 },
    { name = "invoiced", probability = 90 }, { name = "won", probability = 100 },
    { name = "lost", probability = 0 },
]
"""


def build_documents_office(root: Path, locale: str = "en", *, included: bool = False,
                           extra: str = "", excel: bool = False) -> Path:
    """Workbooks (one per table, sheet 'Data'), shipped templates and config.toml;
    ``excel``: the workbooks shaped as Excel 365 saves them (tests/excel_shaped.py)."""
    lines = ["[office]", OFFICE[locale], "[paths]", 'workbooks = "workbooks"',
             'templates = "templates"', ""]
    for key, rows in TABLES.items():
        (excel_workbook if excel else write_workbook)(root / "workbooks" / f"{key}.xlsx",
                                                      {"Data": rows})
        lines += [f"[tables.{key}]", f'file = "{key}.xlsx"', 'sheet = "Data"', ""]
    write_templates(root / "templates", locale)
    lines += [FUNNEL, "[documents]", f"prices_include_vat = {str(included).lower()}",
              'stage_requests = { offer = "offer", invoiced = "invoice" }', extra]
    config = root / "config.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def png_pixels(png: bytes) -> list[list[int]]:
    """Decode a 1-bit greyscale PNG (as segno writes it): rows of 0 (black) / 1 (white)."""
    width, height = struct.unpack(">II", png[16:24])
    assert png[24:26] == b"\x01\x00", "expected 1-bit greyscale"
    data, pos = b"", 8
    while pos < len(png):
        size = struct.unpack(">I", png[pos:pos + 4])[0]
        if png[pos + 4:pos + 8] == b"IDAT":
            data += png[pos + 8:pos + 8 + size]
        pos += 12 + size
    raw, stride = zlib.decompress(data), (width + 7) // 8
    rows, prior = [], bytes(stride)
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)]
        assert kind in (0, 2), f"filter {kind}"
        if kind == 2:
            line = bytes((a + b) & 0xFF for a, b in zip(line, prior, strict=True))
        rows.append([(line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
        prior = line
    return rows
