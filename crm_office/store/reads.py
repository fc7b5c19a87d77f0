"""Queries that read the store; each takes an open connection."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.collector import gc_paused
from crm_office.store import jsontext, schema
from crm_office.store.entities import Change, Conflict, StoredRecord

LOAD_BATCH = 20_000


def load_records(conn: Connection, table: str,
                 include_archived: bool = False) -> dict[str, StoredRecord]:
    """Every record of a table by ID (archived ones only when asked)."""
    rec = schema.records
    query = (sa.select(rec.c.record_id, rec.c.data, rec.c.archived, rec.c.sources)
             .where(rec.c.table_key == table))
    if not include_archived:
        query = query.where(rec.c.archived == sa.false())
    if conn.dialect.name == "postgresql":  # a server-side cursor: rows come in batches
        query = query.execution_options(stream_results=True, max_row_buffer=LOAD_BATCH)
    result = conn.execute(query)
    loaded: dict[str, StoredRecord] = {}
    make, sources_of = StoredRecord, jsontext.load_sources
    with gc_paused():
        while rows := result.fetchmany(LOAD_BATCH):
            datas = jsontext.load_many([row[1] for row in rows])
            for (record_id, _, archived, sources), data in zip(rows, datas, strict=True):
                loaded[record_id] = make(table, record_id, data, archived, sources_of(sources))
    return loaded


def load_record(conn: Connection, table: str, record_id: str) -> StoredRecord | None:
    """One record, archived or not; None when the store does not have it."""
    rec = schema.records
    row = conn.execute(
        sa.select(rec.c.data, rec.c.archived, rec.c.sources)
        .where(rec.c.table_key == table, rec.c.record_id == record_id)).first()
    if row is None:
        return None
    return StoredRecord(table, record_id, json.loads(row.data), bool(row.archived),
                        jsontext.load_sources(row.sources))


def load_history(conn: Connection, table: str | None = None,
                 record_id: str | None = None) -> list[Change]:
    """Changes, oldest first, of every table, one table or one record."""
    his = schema.history
    query = sa.select(his).order_by(his.c.changed_at, his.c.id)
    if table is not None:
        query = query.where(his.c.table_key == table)
    if record_id is not None:
        query = query.where(his.c.record_id == record_id)
    return [Change(row.table_key, row.record_id, row.field, row.old, row.new, row.source,
                   row.changed_at, row.run_id) for row in conn.execute(query)]


def load_file_hashes(conn: Connection) -> dict[str, str]:
    """The sha256 of every source file as of the last sync, by path."""
    files = schema.files
    return {row.path: row.sha256 for row in conn.execute(sa.select(files.c.path, files.c.sha256))}


def load_open_conflicts(conn: Connection, table: str | None = None) -> list[Conflict]:
    """Conflicts nobody has settled yet, oldest first."""
    con = schema.conflicts
    query = sa.select(con).where(con.c.status == "open").order_by(con.c.id)
    if table is not None:
        query = query.where(con.c.table_key == table)
    return [Conflict(row.id, row.table_key, row.record_id, row.field, row.base,
                     jsontext.load_options(row.options), row.status, row.created_at)
            for row in conn.execute(query)]


def load_last_id(conn: Connection, table: str) -> int:
    """The highest ID number given out (or seen) for a table; 0 before the first."""
    counters = schema.counters
    value = conn.execute(sa.select(counters.c.last)
                         .where(counters.c.table_key == table)).scalar()
    return int(value) if value is not None else 0


def load_runs(conn: Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, as plain dicts (summary parsed)."""
    runs = schema.runs
    query = sa.select(runs).order_by(runs.c.id.desc()).limit(limit)
    return [{"id": row.id, "started_at": row.started_at, "finished_at": row.finished_at,
             "status": row.status, "summary": json.loads(row.summary)}
            for row in conn.execute(query)]



def load_meta(conn: Connection, key: str) -> str | None:
    """A value the engine keeps between runs under ``key`` (None before the first)."""
    meta = schema.meta
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()
    return None if value is None else str(value)
