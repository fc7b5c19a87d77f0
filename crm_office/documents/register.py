"""Where a document is recorded, all through the safe write-back (OfficeWriter).

- the engine-owned **Documents** register sheet (every number, made, sent or void);
- a contact-log row for the client ("offer КП-2026/014 made, €12,400");
- for an invoice, a row of the Invoices table (number, date, client, deal, amount, due).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.documents.office_data import OfficeData
from crm_office.model.tables import CONTACT_TYPES
from crm_office.store.documents import DocumentRow
from crm_office.workbook.sheet_table import SheetTable
from crm_office.writeback.patch import WorkbookPatch
from crm_office.writeback.service import FileOutcome, OfficeWriter
from crm_office.writeback.values import CellValue

REGISTER_COLUMNS = ("number", "kind", "date", "client", "deal", "amount", "vat", "currency",
                    "file", "status", "reason")


def register_rows(rows: Sequence[DocumentRow], output: Path) -> list[list[Any]]:
    """The register sheet's rows (newest last), files relative to the output folder."""
    result = []
    for row in rows:
        file = row.file
        if file and Path(file).is_absolute() and output in Path(file).parents:
            file = str(Path(file).relative_to(output))
        result.append([row.number, row.kind, row.issued, f"{row.client} ({row.client_id})",
                       row.deal_id, row.amount, row.vat, row.currency, file, row.status,
                       row.reason])
    return result


@dataclass(frozen=True)
class Recorded:
    """A document made in this run: its register row, contact-log text and due date."""

    row: DocumentRow
    summary: str
    due: dt.date | None = None


ExtraCells = dict[Path, tuple[str, list[tuple[int, int, CellValue]]]]


def write_register(config: Config, data: OfficeData, all_rows: Sequence[DocumentRow],
                   made: Sequence[Recorded], extra: ExtraCells | None = None
                   ) -> list[FileOutcome]:
    """Write the register, contact-log rows and invoice rows; one write per workbook.

    ``extra`` are more cells per workbook (the request column's results)."""
    patches: dict[Path, WorkbookPatch] = {}

    def patch_of(path: Path) -> WorkbookPatch:
        if path not in patches:
            patches[path] = WorkbookPatch(path, data.stamps.get(path))
        return patches[path]

    locale = config.locale
    deals = data.parts.get("deals")
    if deals is not None:
        header = [say(f"document.register.{key}", locale) for key in REGISTER_COLUMNS]
        patch_of(deals.source.path).replace_sheet(
            config.documents.register_sheet, header,
            register_rows(all_rows, config.paths.output))
    contacts = data.parts.get("contacts")
    invoices = data.parts.get("invoices")
    for done in made:
        if contacts is not None:
            _contact_row(patch_of(contacts.source.path), contacts, done.row, done.summary,
                         data, locale)
        if invoices is not None and done.row.kind == "invoice" and done.due is not None:
            _invoice_row(patch_of(invoices.source.path), invoices, done.row, done.due)
    for path, (sheet_name, cells) in (extra or {}).items():
        sheet = patch_of(path).sheet(sheet_name)
        for row, column, value in cells:
            sheet.set_cell(row, column, value)
    writer = OfficeWriter.of(config.paths)
    return [writer.apply(path.name, patch) for path, patch in patches.items()]


def _put(patch: WorkbookPatch, part: SheetTable, values: dict[str, Any]) -> None:
    sheet = patch.sheet(part.source.sheet)
    number = sheet.append_row([])
    for key, value in values.items():
        if key in part.fields and value not in (None, ""):
            sheet.set_cell(number, part.excel_column(key), value)


def _contact_row(patch: WorkbookPatch, part: SheetTable, row: DocumentRow, summary: str,
                 data: OfficeData, locale: str) -> None:
    deal = data.deals.get(row.deal_id.upper())
    manager = deal.record.get("manager") if deal else None
    kind = next(choice for choice in CONTACT_TYPES if choice.key == "document")
    _put(patch, part, {"date": row.issued, "client_id": row.client_id, "client": row.client,
                       "manager": manager, "type": kind.label(locale), "summary": summary,
                       "result": row.number})


def _invoice_row(patch: WorkbookPatch, part: SheetTable, row: DocumentRow,
                 due: dt.date) -> None:
    _put(patch, part, {"number": row.number, "date": row.issued, "client_id": row.client_id,
                       "deal_id": row.deal_id, "amount": row.amount, "due_date": due})
