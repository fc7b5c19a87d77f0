"""Bulk INSERT, or insert-or-update, in batches with the dialect's own ``ON CONFLICT``.

SQLite: one ``executemany`` of ``INSERT ... ON CONFLICT DO UPDATE`` per batch.
PostgreSQL: one statement per batch, ``INSERT ... SELECT FROM unnest(arrays) ON
CONFLICT DO UPDATE``: a column per array, so a batch is a single round trip instead
of ten thousand pipelined ones (five times faster through psycopg).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

BATCH = 10_000

Row = Mapping[str, Any]


def write_rows(conn: Connection, table: sa.Table, rows: Iterable[Row], *,
               keys: Sequence[str] = (), fixed: Mapping[str, Any] | None = None,
               size: int = BATCH) -> int:
    """Insert rows (all with the same columns), ``size`` at a time; count them.

    With ``keys``, a row whose keys exist updates the other columns instead.
    ``fixed`` columns take one SQL expression, written into the statement once.
    """
    statement: Any = None
    total = 0
    for batch in batched(rows, size):
        names = list(batch[0])
        if statement is None:
            statement = _statement(conn, table, names, keys, dict(fixed or {}))
        if conn.dialect.name == "postgresql":
            conn.execute(statement, {name: [row[name] for row in batch] for name in names})
        else:
            conn.execute(statement, batch)
        total += len(batch)
    return total


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    """``insert(table)`` of the connection's dialect, which knows ``on_conflict_do_update``."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {conn.dialect.name}")


def _statement(conn: Connection, table: sa.Table, names: list[str], keys: Sequence[str],
               fixed: dict[str, Any]) -> Any:
    statement = dialect_insert(conn, table)
    if conn.dialect.name == "postgresql":
        statement = statement.from_select([*names, *fixed], _unnest(table, names, fixed))
    else:
        statement = statement.values(**fixed)
    if not keys:
        return statement
    written = (*names, *fixed)
    updates = {column.name: statement.excluded[column.name] for column in table.columns
               if column.name not in keys and column.name in written}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=updates)


def _unnest(table: sa.Table, names: list[str], fixed: dict[str, Any]) -> sa.Select[Any]:
    """``SELECT a, b, <fixed> FROM unnest(:a, :b) AS rows(a, b)``: one array per column."""
    from sqlalchemy.dialects.postgresql import ARRAY

    arrays = [sa.bindparam(name, type_=ARRAY(table.c[name].type)) for name in names]
    rows = (sa.func.unnest(*arrays)
            .table_valued(*(sa.column(name, table.c[name].type) for name in names))
            .render_derived())
    return sa.select(*(rows.c[name] for name in names), *fixed.values())


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of at most ``size`` items."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
