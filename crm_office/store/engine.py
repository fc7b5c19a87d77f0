"""Make the SQLAlchemy engine of a target, with SQLite tuned for a safe office file.

SQLite runs in WAL mode (readers never wait for the sync) with ``synchronous=FULL``:
in WAL mode that costs one fsync per commit, and a committed sync survives even a
power cut; a killed process always leaves the last committed state. Write
transactions start with ``BEGIN IMMEDIATE`` so a second writer waits (busy timeout)
or fails at the start, never half-way.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RootTransaction

from crm_office.store.location import Target

WRITE_OPTION = "crm_office_write"
CACHE_KIB = 64 * 1024  # SQLite page cache per connection: bulk upserts stay in memory


def create_engine(target: Target, busy_timeout: float = 10.0) -> Engine:
    """An engine for the target; creates the SQLite file's folder when missing."""
    if target.path is not None:
        target.path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(target.url, connect_args={"timeout": busy_timeout})
        _tune_sqlite(engine, busy_timeout)
        return engine
    connect_args: dict[str, Any] = {}
    if target.url.startswith("postgresql+psycopg"):
        connect_args = {"connect_timeout": 10, "application_name": "crm-office"}
    engine = sa.create_engine(target.url, connect_args=connect_args)
    if engine.dialect.name == "postgresql":
        _tune_postgresql(engine)
    return engine


def _tune_sqlite(engine: Engine, busy_timeout: float) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _tune_postgresql(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()  # server-side timestamps in UTC, like ours
        try:
            cursor.execute("SET TIME ZONE 'UTC'")
        finally:
            cursor.close()
        dbapi_connection.commit()


def begin_write(conn: Connection) -> RootTransaction:
    """Begin a transaction that will write (on SQLite: take the write lock now)."""
    conn.execution_options(**{WRITE_OPTION: True})
    return conn.begin()
