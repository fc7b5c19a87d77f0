"""Write the generated tables of bench/analysis.py as an office's workbooks (xlsxwriter,
constant memory) with a config.toml, for the end-to-end figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas

from crm_office.model import BUILTIN_TABLES

PLACES = {"clients": ("clients.xlsx", "Clients"), "contacts": ("contacts.xlsx", "Contact log"),
          "deals": ("deals.xlsx", "Deals"), "invoices": ("invoices.xlsx", "Invoices"),
          "payments": ("payments.xlsx", "Payments"), "managers": ("managers.xlsx", "Managers")}


def write_office(raw: dict[str, pandas.DataFrame], folder: Path, sample_config: Path) -> Path:
    """The office folder's config.toml; workbooks in ``folder / "workbooks"``."""
    from xlsxwriter import Workbook

    books = folder / "workbooks"
    books.mkdir(parents=True, exist_ok=True)
    (folder / "templates").mkdir(exist_ok=True)
    for key, (file, sheet_name) in PLACES.items():
        frame = raw[key]
        table = BUILTIN_TABLES[key]
        book = Workbook(str(books / file), {"constant_memory": True})
        sheet = book.add_worksheet(sheet_name)
        dates = book.add_format({"num_format": "dd.mm.yyyy"})
        columns = [column for column in table.columns if column.key in frame]
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.header("en"))
        data = [frame[column.key].tolist() for column in columns]
        for row, values in enumerate(zip(*data, strict=True), start=1):
            for col, value in enumerate(values):
                if value is None or value != value:
                    continue
                if isinstance(value, pandas.Timestamp):
                    sheet.write_datetime(row, col, value.to_pydatetime(), dates)
                elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
                    sheet.write_number(row, col, float(value))
                else:
                    sheet.write_string(row, col, str(value))
        book.close()
    text = sample_config.read_text(encoding="utf-8")
    head = text[:text.index("[tables.clients]")]
    tail = text[text.index("[funnel]"):]
    tables = "".join(f'[tables.{key}]\nfile = "{file}"\nsheet = "{sheet}"\n\n'
                     for key, (file, sheet) in PLACES.items())
    config = folder / "config.toml"
    config.write_text(head + tables + tail, encoding="utf-8")
    return config
