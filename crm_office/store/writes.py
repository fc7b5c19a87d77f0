"""StoreTransaction: everything a sync writes, inside one database transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.catalogue import Text
from crm_office.collector import gc_paused
from crm_office.errors import StoreError
from crm_office.store import jsontext, schema
from crm_office.store.counters import bump_counter, raise_counter
from crm_office.store.documents import DocumentRow, insert_documents, settle_documents
from crm_office.store.entities import Change, ConflictOption, StoredRecord
from crm_office.store.upsert import BATCH, batched, dialect_insert, write_rows

Guard = Callable[[], AbstractContextManager[None]]


class StoreTransaction:
    """Writes of one transaction; made by :meth:`Store.transaction`, valid inside it."""

    def __init__(self, conn: Connection, guard: Guard, location: str) -> None:
        self._conn = conn
        self._guard = guard
        self._location = location

    def execute(self, statement: Any, rows: Any = None) -> Any:
        """Run one statement (``rows``: a list of parameter dicts for executemany) in this
        transaction, for a feature's own tables (the mail journal)."""
        with self._guard():
            return self._conn.execute(statement, rows) if rows is not None \
                else self._conn.execute(statement)

    def put_records(self, table: str, records: Iterable[StoredRecord]) -> None:
        """Insert or replace records (data, archived, sources) in bulk."""
        rows = ({"table_key": table, "record_id": record.record_id,
                 "data": jsontext.dump_data(record.data), "archived": record.archived,
                 "sources": jsontext.dump_sources(record.sources)}
                for record in _of_table(table, records))
        with self._guard(), gc_paused():
            write_rows(self._conn, schema.records, rows, keys=("table_key", "record_id"),
                       fixed={"updated_at": sa.func.current_timestamp()})

    def archive(self, table: str, record_ids: Iterable[str]) -> None:
        """Mark records archived (kept, left out of ``records()``); unknown IDs are ignored."""
        self._set_archived(table, ({"rid": record_id} for record_id in record_ids), True)

    def restore(self, table: str, record_id: str) -> None:
        """Bring an archived record back; a record the store never had is an error."""
        if self._set_archived(table, [{"rid": record_id}], False) == 0:
            raise StoreError(Text("store.no-record", record=record_id, table=table),
                             location=self._location, reason="missing",
                             hint=Text("hint.store-known-records"))

    def add_changes(self, changes: Iterable[Change]) -> None:
        """Append changes to the history in bulk."""
        rows = ({"table_key": change.table, "record_id": change.record_id,
                 "field": change.field, "old": change.old, "new": change.new,
                 "source": change.source, "changed_at": change.changed_at,
                 "run_id": change.run_id} for change in changes)
        with self._guard(), gc_paused():
            write_rows(self._conn, schema.history, rows)

    def set_last_id(self, table: str, value: int) -> None:
        """Move a table's ID counter up to ``value``; it never moves backwards."""
        with self._guard():
            raise_counter(self._conn, table, value)

    def next_ids(self, table: str, prefix: str, count: int) -> list[str]:
        """``count`` new IDs such as ``C-000124`` (six digits at least), never used before."""
        return [format_id(prefix, number) for number in self.next_numbers(table, count)]

    def next_numbers(self, counter: str, count: int) -> list[int]:
        """The next ``count`` numbers of a counter (a table, or a table and year), never
        given before; the office's scheme makes IDs of them."""
        if count < 0:
            raise ValueError(f"count must not be negative, not {count}")
        if count == 0:
            return []
        with self._guard():
            last = bump_counter(self._conn, counter, count)
        return list(range(last - count + 1, last + 1))

    def add_conflict(self, table: str, record_id: str, field: str, base: str | None,
                     options: Iterable[ConflictOption]) -> int:
        """Record an open conflict; returns its number."""
        values = {"table_key": table, "record_id": record_id, "field": field, "base": base,
                  "options": jsontext.dump_options(options), "status": "open",
                  "created_at": schema.utc_now()}
        with self._guard():
            new_id = self._conn.execute(sa.insert(schema.conflicts).values(values)
                                        .returning(schema.conflicts.c.id)).scalar_one()
        return int(new_id)

    def settle_conflict(self, conflict_id: int) -> None:
        """Mark a conflict settled (its decision was applied)."""
        con = schema.conflicts
        with self._guard():
            result = self._conn.execute(
                sa.update(con).where(con.c.id == conflict_id)
                .values(status="settled", settled_at=schema.utc_now()))
        if result.rowcount == 0:
            raise StoreError(Text("store.no-conflict", number=conflict_id),
                             location=self._location, reason="missing",
                             hint=Text("hint.store-open-conflicts"))

    def set_file_hashes(self, hashes: dict[str, str]) -> None:
        """Replace the whole set of source-file hashes."""
        now = schema.utc_now()
        rows = [{"path": path, "sha256": sha, "synced_at": now} for path, sha in hashes.items()]
        with self._guard():
            self._conn.execute(sa.delete(schema.files))
            write_rows(self._conn, schema.files, rows)

    def set_meta(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` between runs (the schema version is not a meta key)."""
        if key == "schema_version":
            raise ValueError("the schema version is set by migrations only")
        statement = dialect_insert(self._conn, schema.meta).values(key=key, value=value)
        with self._guard():
            self._conn.execute(statement.on_conflict_do_update(
                index_elements=["key"], set_={"value": statement.excluded.value}))

    def start_run(self) -> int:
        """Open a run in the journal (status "running"); returns its number."""
        values = {"started_at": schema.utc_now(), "status": "running", "summary": "{}"}
        with self._guard():
            new_id = self._conn.execute(sa.insert(schema.runs).values(values)
                                        .returning(schema.runs.c.id)).scalar_one()
        return int(new_id)

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        """Close a run with its status and summary (JSON; Decimals and dates as canonical text)."""
        runs = schema.runs
        with self._guard():
            result = self._conn.execute(sa.update(runs).where(runs.c.id == run_id).values(
                finished_at=schema.utc_now(), status=status, summary=jsontext.dump(summary)))
        if result.rowcount == 0:
            raise StoreError(Text("store.no-run", number=run_id), location=self._location,
                             reason="missing",
                             hint=Text("hint.store-finish-run", call="start_run()"))

    def add_documents(self, rows: Sequence[DocumentRow]) -> None:
        """Register document numbers (reserved before the documents are rendered)."""
        with self._guard():
            insert_documents(self._conn, rows)

    def settle_documents(self, rows: Sequence[DocumentRow]) -> None:
        """Write the ``status``, ``reason`` and ``file`` of registered documents."""
        with self._guard():
            found = settle_documents(self._conn, rows)
        if found != len(rows):
            raise StoreError(Text("store.documents-missing", found=found, wanted=len(rows)),
                             location=self._location, reason="missing")

    def _set_archived(self, table: str, params: Iterable[dict[str, str]], value: bool) -> int:
        rec = schema.records
        statement = (sa.update(rec).where(rec.c.table_key == table,
                                          rec.c.record_id == sa.bindparam("rid"))
                     .values(archived=value))
        with self._guard():
            return sum(self._conn.execute(statement, batch).rowcount
                       for batch in batched(params, BATCH))


def format_id(prefix: str, number: int) -> str:
    """``C`` and 124 → ``C-000124``; more digits past 999999."""
    return f"{prefix}-{number:06d}"


def _of_table(table: str, records: Iterable[StoredRecord]) -> Iterable[StoredRecord]:
    for record in records:
        if record.table != table:
            raise ValueError(f"record {record.record_id} is of table '{record.table}', "
                             f"not '{table}'")
        yield record
