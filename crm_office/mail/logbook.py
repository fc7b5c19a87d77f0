"""What a mailing writes into the office's workbooks, all through the OfficeWriter.

- a contact-log row per sent message (date, client, manager, type e-mail, campaign and
  subject); rows are written after the run and marked in the journal, so a workbook that is
  open in Excel is caught up on the next run and no row is written twice;
- the campaign's engine-owned status columns in the Campaigns sheet (planned, sent, failed,
  uncertain, excluded, last sent), added after the sheet's last column when missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from crm_office.catalogue import LOCALES, say
from crm_office.catalogue.mail import STATUS_COLUMNS
from crm_office.config.model import Config
from crm_office.mail import journal as journal_rows
from crm_office.mail.audience import Record
from crm_office.mail.campaigns import Campaign
from crm_office.store.store import Store
from crm_office.workbook import read_table
from crm_office.writeback.service import FileOutcome, OfficeWriter


def log_sent(config: Config, store: Store, campaign: Campaign, clients: Mapping[str, Record],
             writer: OfficeWriter) -> FileOutcome | None:
    """Append a contact-log row for every sent message not logged yet."""
    entries = journal_rows.unlogged(store, campaign.key)
    if not entries:
        return None
    rows = []
    for entry in entries:
        client = clients.get(entry.recipient.upper(), {})
        rows.append({"date": (entry.sent_at or dt.datetime.now(dt.UTC)).date(),
                     "client_id": entry.recipient, "client": client.get("name"),
                     "manager": client.get("manager"),
                     "summary": say("mail.log-sent", config.locale, campaign=campaign.name,
                                     subject=entry.subject), "result": entry.address})
    outcome = append_contacts(config, rows, writer)
    if outcome is not None and outcome.written:
        journal_rows.mark_logged(store, campaign.key, [e.recipient for e in entries])
    return outcome


def append_contacts(config: Config, rows: list[dict[str, Any]],
                    writer: OfficeWriter) -> FileOutcome | None:
    """Append e-mail rows (field → value) to the contact log's first workbook."""
    from crm_office.writeback import FileStamp, WorkbookPatch

    if not rows or "contacts" not in config.tables:
        return None
    table = config.tables["contacts"]
    source = table.sources[0]
    stamp = FileStamp.of(source.path)
    part = next((p for p in read_table(table, config.locale).parts if p.source == source), None)
    if part is None:
        return None
    kind = next((c.label(config.locale) for c in table.table.column("type").choices
                 if c.key == "email"), "e-mail")
    patch = WorkbookPatch(source.path, stamp)
    sheet = patch.sheet(source.sheet)
    for values in rows:
        row: list[Any] = [None] * (part.first_column + part.width - 1)
        for key, value in {**values, "type": kind}.items():
            if key in part.fields:
                row[part.excel_column(key) - 1] = value
        sheet.append_row(row)
    return writer.apply(source.label, patch)


def write_status(config: Config, store: Store, campaign: Campaign, excluded: int,
                 writer: OfficeWriter) -> FileOutcome | None:
    """The campaign's counts and last send time in its row of the Campaigns sheet."""
    from crm_office.workbook.files import SheetRows, open_workbook, read_rows
    from crm_office.writeback import FileStamp, WorkbookPatch

    if not campaign.sheet_row or "campaigns" not in config.tables:
        return None
    source = config.tables["campaigns"].sources[0]
    stamp = FileStamp.of(source.path)
    part = next((p for p in read_table(config.tables["campaigns"], config.locale).parts
                 if p.source == source), None)
    book = open_workbook(source.path, source.label, config.locale)
    rows = read_rows(book, source.sheet, config.locale)
    if part is None or not isinstance(rows, SheetRows):
        return None
    header = [str(v).strip().casefold() for v in rows.rows[part.header_row - 1 - rows.start[0]]]
    entries = journal_rows.Journal(store, campaign.key).entries().values()
    counts = [sum(e.state == state for e in entries) for state in
              (journal_rows.PLANNED, journal_rows.SENT, journal_rows.FAILED,
               journal_rows.UNCERTAIN)]
    sent = [e.sent_at for e in entries if e.sent_at is not None]
    last = max(sent).strftime("%Y-%m-%d %H:%M UTC") if sent else ""
    values: list[Any] = [*counts, excluded, last]
    patch = WorkbookPatch(source.path, stamp)
    sheet = patch.sheet(source.sheet)
    next_column = rows.start[1] + len(header) + 1
    for key, value in zip(STATUS_COLUMNS, values, strict=True):
        names = {say(key, locale).casefold() for locale in LOCALES}
        found = next((i for i, name in enumerate(header) if name in names), None)
        if found is None:
            column, next_column = next_column, next_column + 1
            sheet.set_cell(part.header_row, column, say(key, config.locale))
        else:
            column = rows.start[1] + found + 1
        sheet.set_cell(campaign.sheet_row, column, value)
    return writer.apply(source.label, patch)
