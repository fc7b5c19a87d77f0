"""What documents need from the workbooks, read as ``validate`` reads them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm_office.config.model import Config
from crm_office.workbook.files import OpenedWorkbook
from crm_office.workbook.reader import read_table
from crm_office.workbook.sheet_table import SheetTable
from crm_office.writeback.stamp import FileStamp

TABLES = ("deals", "deal_items", "products", "clients", "invoices", "payments", "contacts")
Record = dict[str, Any]


@dataclass(frozen=True)
class Placed:
    """A record and where it is: file, sheet and Excel row."""

    record: Record
    path: Path
    sheet: str
    row: int


@dataclass
class OfficeData:
    """Deals, their items, the price list, clients and invoices, by ID (upper case)."""

    deals: dict[str, Placed] = field(default_factory=dict)
    items: dict[str, list[Record]] = field(default_factory=dict)
    products: dict[str, Record] = field(default_factory=dict)
    clients: dict[str, Record] = field(default_factory=dict)
    invoices: list[Record] = field(default_factory=list)
    paid: dict[str, Decimal] = field(default_factory=dict)
    """Payments per invoice number (upper case)."""
    problems: list[str] = field(default_factory=list)
    """Tables that could not be read (named with the reason)."""
    parts: dict[str, SheetTable] = field(default_factory=dict)
    """The first place of each table read (where new rows go)."""
    stamps: dict[Path, FileStamp] = field(default_factory=dict)
    """Each workbook as it was before it was read (the write-back checks it)."""


def read_office_data(config: Config, on_table: Callable[[str], None] | None = None) -> OfficeData:
    """Read the tables documents use; a table that is not configured is left empty."""
    data, opened = OfficeData(), dict[str, OpenedWorkbook]()
    for key in TABLES:
        if key not in config.tables:
            continue
        if on_table:
            on_table(key)
        for source in config.tables[key].sources:
            if source.path not in data.stamps and source.path.is_file():
                data.stamps[source.path] = FileStamp.of(source.path)
        read = read_table(config.tables[key], config.locale, opened)
        errors = [problem for problem in read.problems if problem.code.startswith(
            ("file-", "sheet-", "header-", "column-missing"))]
        data.problems += [f"{problem.file}: {problem.message}" for problem in errors]
        for part in read.parts:
            data.parts.setdefault(key, part)
            _take(data, key, part)
    return data


def _take(data: OfficeData, key: str, part: Any) -> None:
    id_key = part.table.id_column
    for row, record in zip(part.rows, part.records(), strict=True):
        if key == "deals" and record.get("id"):
            data.deals[str(record["id"]).upper()] = Placed(record, part.source.path,
                                                           part.source.sheet, row)
        elif key == "deal_items" and record.get("deal_id"):
            data.items.setdefault(str(record["deal_id"]).upper(), []).append(record)
        elif key == "products" and record.get(id_key):
            data.products[str(record[id_key]).upper()] = record
        elif key == "clients" and record.get(id_key):
            data.clients[str(record[id_key]).upper()] = record
        elif key == "invoices":
            data.invoices.append(record)
        elif key == "payments" and record.get("invoice") and record.get("amount") is not None:
            number = str(record["invoice"]).upper()
            data.paid[number] = data.paid.get(number, Decimal(0)) + Decimal(record["amount"])
