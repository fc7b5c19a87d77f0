"""The suppression list: addresses never mailed again (opted out, bounced, complained).

The store keeps it; an engine-kept sheet (``mail.suppression_sheet`` in the campaigns
workbook) shows it to the office. A row a person adds there (an opt-out taken by phone) is
taken into the store on the next run, and the sheet is rewritten from the store through the
write-back when its content changed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.catalogue import say
from crm_office.catalogue.mail import SUPPRESSION_COLUMNS
from crm_office.config.model import Config
from crm_office.store.schema import mail_suppressed as table
from crm_office.store.store import Store
from crm_office.writeback.service import FileOutcome, OfficeWriter

log = logging.getLogger(__name__)
Row = tuple[str, str, str, dt.date]


def stored(store: Store) -> dict[str, Row]:
    """Address → (address, reason, source, date added), from the store."""
    def query(conn: Connection) -> dict[str, Row]:
        return {row.address: (row.address, row.reason, row.source, row.added_at.date())
                for row in conn.execute(sa.select(table))}
    return store.read(query)


def suppress(store: Store, rows: Iterable[tuple[str, str, str]]) -> int:
    """Add (address, reason, source) rows not on the list yet; returns how many."""
    known = stored(store)
    now = dt.datetime.now(dt.UTC)
    new: dict[str, dict[str, object]] = {}
    for address, reason, source in rows:
        folded = address.strip().lower()
        if folded and folded not in known and folded not in new:
            new[folded] = {"address": folded, "reason": reason, "source": source,
                           "added_at": now}
    if new:
        with store.transaction() as tx:
            tx.execute(sa.insert(table), list(new.values()))
    return len(new)


def sheet_rows(config: Config) -> list[tuple[str, str]] | None:
    """(address, reason) rows of the suppression sheet; None when it is not there."""
    from crm_office.workbook.files import open_workbook, read_rows

    path = _workbook(config)
    if path is None or not path.exists():
        return None
    book = open_workbook(path, path.name, config.locale)
    if book.problem is not None or config.mail.suppression_sheet not in book.sheet_names:
        return None
    rows = read_rows(book, config.mail.suppression_sheet, config.locale)
    if not hasattr(rows, "rows"):
        return None
    found = [(str(row[0]).strip().lower(), str(row[1]) if len(row) > 1 else "")
             for row in rows.rows[1:] if row and str(row[0]).strip()]
    return found


def load(config: Config, store: Store) -> dict[str, str]:
    """Address → reason: the store's list with the sheet's new rows taken in."""
    typed = sheet_rows(config) or []
    suppress(store, ((address, reason or "added by hand", "sheet")
                     for address, reason in typed))
    return {address: row[1] for address, row in stored(store).items()}


def write_sheet(config: Config, store: Store, writer: OfficeWriter) -> FileOutcome | None:
    """Rewrite the suppression sheet from the store when it differs."""
    from crm_office.writeback import FileStamp, WorkbookPatch

    path = _workbook(config)
    if path is None or not path.exists():
        return None
    rows = sorted(stored(store).values())
    shown = sheet_rows(config)
    if shown is not None and sorted(address for address, _ in shown) == [r[0] for r in rows]:
        return None
    patch = WorkbookPatch(path, FileStamp.of(path))
    headers = [say(key, config.locale) for key in SUPPRESSION_COLUMNS]
    patch.replace_sheet(config.mail.suppression_sheet, headers, [list(row) for row in rows])
    return writer.apply(path.name, patch)


def _workbook(config: Config) -> Path | None:
    table = config.tables.get("campaigns")
    return table.sources[0].path if table is not None and table.sources else None
