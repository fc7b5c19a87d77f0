"""A record's history from the store, and bringing back an archived record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crm_office.catalogue import Text
from crm_office.config.model import Config, Source
from crm_office.errors import CrmOfficeError
from crm_office.model import BUILTIN_TABLES, Table
from crm_office.store import Change, Store, StoredRecord
from crm_office.sync.typed import typed_value
from crm_office.sync.view_sources import with_views
from crm_office.workbook.reader import read_table
from crm_office.writeback import FileStamp, OfficeWriter, WorkbookPatch


class RecordNotFoundError(CrmOfficeError):
    """No table of the store holds this ID."""


@dataclass
class RecordHistory:
    """A record, its field changes oldest first, and (for a client) its contact log."""

    table: str
    record: StoredRecord
    changes: list[Change] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    locale: str = "en"

    def header(self, field_key: str) -> str:
        """The column header a person knows a field by (markers like '(archived)' as they are)."""
        table = BUILTIN_TABLES[self.table]
        try:
            return table.column(field_key).header(self.locale)
        except KeyError:
            return field_key

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "id": self.record.record_id,
                "archived": self.record.archived, "values": self.record.data,
                "sources": list(self.record.sources),
                "changes": [{"when": c.changed_at.isoformat(timespec="seconds"),
                             "field": c.field, "old": c.old, "new": c.new,
                             "source": c.source} for c in self.changes],
                "contacts": self.contacts}


def find_record(store: Store, config: Config, record_id: str) -> tuple[Table, StoredRecord]:
    """The table and record of an ID, looking at the ID prefix first, then every table."""
    wanted = record_id.strip()
    prefix = wanted.split("-", 1)[0].upper()
    ordered = sorted(config.tables, key=lambda key: BUILTIN_TABLES[key].id_prefix != prefix)
    for key in ordered:  # IDs that fit a table's numbering are kept in capitals, others as typed
        for candidate in dict.fromkeys((wanted.upper(), wanted) if BUILTIN_TABLES[key].id_prefix
                                       else (wanted,)):
            record = store.record(key, candidate)
            if record is not None:
                return BUILTIN_TABLES[key], record
    raise RecordNotFoundError(Text("error.record-not-found", record=record_id),
                              hint=Text("hint.record-not-found"))


def record_history(config: Config, record_id: str) -> RecordHistory:
    """Every change of a record; for a client also every contact, document and mail."""
    with Store.open(config.paths.store, config.paths.root) as store:
        table, record = find_record(store, config, record_id)
        history = RecordHistory(table.key, record,
                                store.history(table.key, record.record_id),
                                locale=config.locale)
        if table.key == "clients" and "contacts" in config.tables:
            history.contacts = _contact_log(store, record.record_id)
    return history


def _contact_log(store: Store, client_id: str) -> list[dict[str, Any]]:
    rows = [{"id": rec.record_id, **rec.data}
            for rec in store.records("contacts").values()
            if (rec.data.get("client_id") or "").strip().upper() == client_id.upper()]
    return sorted(rows, key=lambda row: (row.get("date") or "", row["id"]))


@dataclass(frozen=True)
class Restored:
    table: str
    record_id: str
    file: str
    sheet: str
    row: int


def restore_record(config: Config, record_id: str) -> Restored:
    """Append an archived record back to its workbook and mark it live in the store."""
    with Store.open(config.paths.store, config.paths.root) as store:
        table, record = find_record(store, config, record_id)
        if not record.archived:
            raise CrmOfficeError(Text("error.not-archived", record=record.record_id))
        refuse_if_present(config, table, record.record_id)
        source = _home(config, table.key, record)
        stamp = FileStamp.of(source.path)
        read = read_table(config.tables[table.key], config.locale)
        part = next((p for p in read.parts if p.source == source), None)
        if part is None:
            raise CrmOfficeError(Text("error.cannot-put-back", file=source.label,
                                      record=record_id),
                                 hint=Text("hint.run-command", command="crm-office check"))
        values: list[Any] = [None] * (part.first_column + part.width - 1)
        for key in part.fields:
            text = record.record_id if key == table.id_column else record.data.get(key)
            values[part.excel_column(key) - 1] = typed_value(text, table.column(key),
                                                             config.locale)
        patch = WorkbookPatch(source.path, stamp)
        row = patch.sheet(source.sheet).append_row(values)
        OfficeWriter.of(config.paths).apply(source.label, patch).raise_if_skipped()
        with store.transaction() as tx:
            tx.restore(table.key, record.record_id)
            tx.add_changes([Change(table.key, record.record_id, "(restored)", None, None,
                                   f"crm-office restore into {source.label}",
                                   dt.datetime.now(dt.UTC))])
    return Restored(table.key, record.record_id, source.file, source.sheet, row)


def _home(config: Config, table_key: str, record: StoredRecord) -> Source:
    sources = config.tables[table_key].sources
    for source in sources:
        if source.label in record.sources:
            return source
    return sources[0]


def refuse_if_present(config: Config, table: Table, record_id: str) -> None:
    """A record already back in a workbook (a file restored from a backup) is not appended
    again: that would make two rows of one client. The next sync takes it back."""
    for part in read_table(with_views(config).tables[table.key], config.locale).parts:
        for index, value in enumerate(part.columns.get(table.id_column, ())):
            if value is not None and str(value).strip().upper() == record_id.upper():
                raise CrmOfficeError(
                    Text("error.already-in-workbook", record=record_id, file=part.source.label,
                         row=part.rows[index]),
                    hint=Text("hint.sync-takes-back"))
