"""Store: open (and upgrade) the store, read it, and write it in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine, RootTransaction

from crm_office.catalogue import Text
from crm_office.errors import StoreError
from crm_office.store import reads
from crm_office.store.documents import DocumentRow, load_documents
from crm_office.store.engine import begin_write, create_engine
from crm_office.store.entities import Change, Conflict, StoredRecord
from crm_office.store.failures import backend_errors, translating
from crm_office.store.location import Target, resolve
from crm_office.store.migrations import CURRENT_VERSION, check_version, upgrade
from crm_office.store.writes import StoreTransaction

log = logging.getLogger(__name__)
T = TypeVar("T")


class Store:
    """The engine's memory of the office: records, history, counters, conflicts, runs."""

    def __init__(self, engine: Engine, target: Target, schema_version: int) -> None:
        self._engine: Engine | None = engine
        self._target = target
        self._schema_version = schema_version
        self._active: Connection | None = None

    @classmethod
    def open(cls, location: str, root: Path, *, busy_timeout: float = 10.0) -> Store:
        """Open the store named by ``paths.store`` (file under ``root`` or URL); upgrade it."""
        target = resolve(location, root)
        with translating(target.label, target.secrets):
            engine = create_engine(target, busy_timeout)
            try:
                version = _upgrade(engine, target.label)
            except BaseException:
                engine.dispose()
                raise
        log.debug("opened store %s (schema version %d)", target.label, version)
        return cls(engine, target, version)

    @property
    def location(self) -> str:
        """The store's file or URL, password masked."""
        return self._target.label

    @property
    def schema_version(self) -> int:
        return self._schema_version

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """One database transaction: committed at the end, rolled back on any exception."""
        if self._active is not None:
            raise StoreError(Text("store.transaction-open"), location=self.location,
                             hint=Text("hint.store-one-transaction"))
        conn, transaction = self._begin()
        self._active = conn
        try:
            yield StoreTransaction(conn, self._guard, self.location)
        except BaseException:
            self._rollback(transaction)
            raise
        else:
            with self._guard():
                transaction.commit()
        finally:
            self._active = None
            conn.close()

    def records(self, table: str, *, include_archived: bool = False) -> dict[str, StoredRecord]:
        """Every record of a table by ID (archived ones only when asked)."""
        return self._read(reads.load_records, table, include_archived)

    def record(self, table: str, record_id: str) -> StoredRecord | None:
        """One record (archived or not), or None."""
        return self._read(reads.load_record, table, record_id)

    def history(self, table: str | None = None, record_id: str | None = None) -> list[Change]:
        """Changes oldest first; of one table, or one record, when given."""
        return self._read(reads.load_history, table, record_id)

    def file_hashes(self) -> dict[str, str]:
        """Source file path → sha256 at the last sync."""
        return self._read(reads.load_file_hashes)

    def open_conflicts(self, table: str | None = None) -> list[Conflict]:
        """Conflicts not settled yet, oldest first."""
        return self._read(reads.load_open_conflicts, table)

    def last_id(self, table: str) -> int:
        """The highest ID number given out or seen for a table (0 before any)."""
        return self._read(reads.load_last_id, table)

    def meta(self, key: str) -> str | None:
        """A value kept between runs (see :meth:`StoreTransaction.set_meta`), or None."""
        return self._read(reads.load_meta, key)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        return self._read(reads.load_runs, limit)

    def documents(self, kind: str | None = None, deal_id: str | None = None) -> list[DocumentRow]:
        """The register of documents (of one kind, of one deal, when given)."""
        return self._read(load_documents, kind, deal_id)

    def read(self, query: Callable[..., T], *args: Any) -> T:
        """``query(connection, *args)`` in a read transaction (for a feature's own tables)."""
        return self._read(query, *args)

    def weekly_figures(self, scope: str = "office") -> list[dict[str, Any]]:
        """The weekly report's figures of every stored week, oldest first."""
        from crm_office.store.weekly import load_weekly_figures

        return self._read(load_weekly_figures, scope)

    def put_weekly_figures(self, week: str, figures: dict[str, Any],
                           scope: str = "office") -> None:
        """Keep (or replace) one week's figures, in a transaction of its own."""
        from crm_office.store.weekly import put_weekly_figures

        with self._guard(), self._live_engine().begin() as conn:
            put_weekly_figures(conn, week, scope, figures)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection in a transaction of its own, committed at the end (small writes)."""
        with self._guard(), self._live_engine().begin() as conn:
            yield conn

    def _read(self, query: Callable[..., T], *args: Any) -> T:
        with self._guard():
            if self._active is not None:
                return query(self._active, *args)
            with self._live_engine().connect() as conn, conn.begin():
                return query(conn, *args)

    def _begin(self) -> tuple[Connection, RootTransaction]:
        """A connection of its own with a write transaction begun (the write lock taken)."""
        with self._guard():
            conn = self._live_engine().connect()
            try:
                return conn, begin_write(conn)
            except BaseException:
                conn.close()
                raise

    def _guard(self) -> AbstractContextManager[None]:
        return translating(self._target.label, self._target.secrets)

    def _live_engine(self) -> Engine:
        if self._engine is None:
            raise StoreError(Text("store.closed"), location=self.location, reason="closed",
                             hint=Text("hint.store-open-again"))
        return self._engine

    def _rollback(self, transaction: RootTransaction) -> None:
        try:
            transaction.rollback()
        except backend_errors() as exc:  # the connection may be gone already
            log.warning("rollback of the store %s failed: %s", self.location, exc)


def _upgrade(engine: Engine, location: str) -> int:
    """The store's version after upgrading it; the write lock only when there is work."""
    with engine.connect() as conn, conn.begin():
        version = check_version(conn, location)
    if version == CURRENT_VERSION:
        return version
    with engine.connect() as conn, begin_write(conn):
        return upgrade(conn, location)
