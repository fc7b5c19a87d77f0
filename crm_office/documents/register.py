"""Where a document is recorded, all through the safe write-back (OfficeWriter).

- the engine-owned **Documents** register sheet (every number, made, sent or void);
- a contact-log row for the client ("offer КП-2026/014 made, €12,400");
- for an invoice, a row of the Invoices table (number, date, client, deal, amount, due).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass
class SheetAdditions:
    """More for one sheet of a workbook: cell values, hyperlinks (row, column, text,
    target) and a dropdown (column, first row, choices)."""

    sheet: str
    cells: list[tuple[int, int, CellValue]] = field(default_factory=list)
    links: list[tuple[int, int, str, str]] = field(default_factory=list)
    dropdown: tuple[int, int, tuple[str, ...]] | None = None

    @property
    def has_values(self) -> bool:
        return bool(self.cells or self.links)

    def add_to(self, patch: WorkbookPatch) -> None:
        sheet = patch.sheet(self.sheet)
        for row, column, value in self.cells:
            sheet.set_cell(row, column, value)
        for row, column, text, target in self.links:
            sheet.set_link(row, column, text, target)
        if self.dropdown is not None:
            column, first_row, choices = self.dropdown
            sheet.add_dropdown(column, choices, first_row=first_row)


ExtraCells = dict[Path, SheetAdditions]


def write_register(config: Config, data: OfficeData, all_rows: Sequence[DocumentRow],
                   made: Sequence[Recorded], extra: ExtraCells | None = None
                   ) -> list[FileOutcome]:
    """Write the register, contact-log rows and invoice rows; one write per workbook.

    ``extra`` is more per workbook (the request column's results and dropdown)."""
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
    for path, additions in (extra or {}).items():
        additions.add_to(patch_of(path))
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


def write_additions(config: Config, data: OfficeData, extra: ExtraCells) -> list[FileOutcome]:
    """Only ``extra`` (e.g. the request column's dropdown, added once): the outcomes of the
    files written (a file left as it was, or skipped, is tried again on the next run)."""
    writer = OfficeWriter.of(config.paths)
    outcomes = []
    for path, additions in extra.items():
        patch = WorkbookPatch(path, data.stamps.get(path))
        additions.add_to(patch)
        outcomes.append(writer.apply(path.name, patch))
    return [outcome for outcome in outcomes if outcome.written]
