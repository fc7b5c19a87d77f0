"""The per-table ID counters: atomic, monotonic, in the caller's transaction."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.store import schema
from crm_office.store.upsert import dialect_insert


def raise_counter(conn: Connection, table: str, value: int) -> None:
    """Set the counter to ``value`` unless it is already higher."""
    counters = schema.counters
    statement = dialect_insert(conn, counters).values(table_key=table, last=value)
    higher = sa.case((statement.excluded.last > counters.c.last, statement.excluded.last),
                     else_=counters.c.last)
    conn.execute(statement.on_conflict_do_update(index_elements=["table_key"],
                                                 set_={"last": higher}))


def bump_counter(conn: Connection, table: str, count: int) -> int:
    """Add ``count`` to the counter in one statement; return the new last number."""
    counters = schema.counters
    statement = dialect_insert(conn, counters).values(table_key=table, last=count)
    statement = statement.on_conflict_do_update(
        index_elements=["table_key"], set_={"last": counters.c.last + statement.excluded.last})
    return int(conn.execute(statement.returning(counters.c.last)).scalar_one())
