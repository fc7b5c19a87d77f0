"""Versioned schema steps: step N turns a version N-1 store into version N.

A step never changes once released; a new schema is a new step appended to
``STEPS``. Steps spell out their own tables (frozen as they were in that version)
instead of using :mod:`crm_office.store.schema`, which is always the newest shape.
The version lives in ``meta`` under ``schema_version``; a store made by a newer
crm-office is refused rather than damaged.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.catalogue import Text
from crm_office.errors import StoreError
from crm_office.store.failures import backend_errors, first_line
from crm_office.store.schema import SERIAL, UtcDateTime, meta

VERSION_KEY = "schema_version"
LOCK_KEY = 0x63726D6F  # "crmo": serialises migrations of one PostgreSQL database

Step = Callable[[Connection], None]


def _v1_records(conn: Connection) -> None:
    """Version 1: meta, records, history and the ID counters."""
    md = sa.MetaData()
    sa.Table("meta", md, sa.Column("key", sa.Text, primary_key=True),
             sa.Column("value", sa.Text, nullable=False))
    sa.Table("records", md,
             sa.Column("table_key", sa.Text, primary_key=True),
             sa.Column("record_id", sa.Text, primary_key=True),
             sa.Column("data", sa.Text, nullable=False),
             sa.Column("archived", sa.Boolean, nullable=False),
             sa.Column("sources", sa.Text, nullable=False),
             sa.Column("updated_at", UtcDateTime, nullable=False))
    sa.Table("history", md,
             sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
             sa.Column("table_key", sa.Text, nullable=False),
             sa.Column("record_id", sa.Text, nullable=False),
             sa.Column("field", sa.Text, nullable=False),
             sa.Column("old", sa.Text), sa.Column("new", sa.Text),
             sa.Column("source", sa.Text, nullable=False),
             sa.Column("changed_at", UtcDateTime, nullable=False),
             sa.Column("run_id", sa.BigInteger))
    sa.Table("counters", md, sa.Column("table_key", sa.Text, primary_key=True),
             sa.Column("last", sa.BigInteger, nullable=False))
    md.create_all(conn)


def _v2_conflicts_files_runs(conn: Connection) -> None:
    """Version 2: conflicts, file hashes and the run journal."""
    md = sa.MetaData()
    sa.Table("conflicts", md,
             sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
             sa.Column("table_key", sa.Text, nullable=False),
             sa.Column("record_id", sa.Text, nullable=False),
             sa.Column("field", sa.Text, nullable=False),
             sa.Column("base", sa.Text),
             sa.Column("options", sa.Text, nullable=False),
             sa.Column("status", sa.Text, nullable=False),
             sa.Column("created_at", UtcDateTime, nullable=False),
             sa.Column("settled_at", UtcDateTime))
    sa.Table("files", md, sa.Column("path", sa.Text, primary_key=True),
             sa.Column("sha256", sa.Text, nullable=False),
             sa.Column("size", sa.BigInteger),
             sa.Column("synced_at", UtcDateTime, nullable=False))
    sa.Table("runs", md,
             sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
             sa.Column("started_at", UtcDateTime, nullable=False),
             sa.Column("finished_at", UtcDateTime),
             sa.Column("status", sa.Text, nullable=False),
             sa.Column("summary", sa.Text, nullable=False))
    md.create_all(conn)


def _v3_indexes(conn: Connection) -> None:
    """Version 3: indexes for a record's history and the open conflicts."""
    conn.execute(sa.text("CREATE INDEX ix_history_record ON history (table_key, record_id)"))
    conn.execute(sa.text("CREATE INDEX ix_conflicts_status ON conflicts (status, table_key)"))


def _v4_documents(conn: Connection) -> None:
    """Version 4: the register of documents (offers, invoices…) and their numbers."""
    md = sa.MetaData()
    sa.Table("documents", md,
             sa.Column("kind", sa.Text, primary_key=True),
             sa.Column("number", sa.Text, primary_key=True),
             sa.Column("year", sa.Integer, nullable=False),
             sa.Column("seq", sa.BigInteger, nullable=False),
             sa.Column("deal_id", sa.Text, nullable=False),
             sa.Column("client_id", sa.Text, nullable=False),
             sa.Column("client", sa.Text, nullable=False),
             sa.Column("amount", sa.Text, nullable=False),
             sa.Column("vat", sa.Text, nullable=False),
             sa.Column("currency", sa.Text, nullable=False),
             sa.Column("issued", sa.Date, nullable=False),
             sa.Column("file", sa.Text, nullable=False),
             sa.Column("status", sa.Text, nullable=False),
             sa.Column("reason", sa.Text, nullable=False),
             sa.Column("made_at", UtcDateTime, nullable=False))
    md.create_all(conn)
    conn.execute(sa.text("CREATE INDEX ix_documents_deal ON documents (deal_id, kind)"))


def _v5_mail_journal(conn: Connection) -> None:
    """Version 5, mail: the campaign journal, the suppression list and the mailbox messages read."""
    md = sa.MetaData()
    sa.Table("mail_journal", md,
             sa.Column("campaign", sa.Text, primary_key=True),
             sa.Column("recipient", sa.Text, primary_key=True),
             sa.Column("address", sa.Text, nullable=False),
             sa.Column("state", sa.Text, nullable=False),
             sa.Column("mail_key", sa.Text, nullable=False, unique=True),
             sa.Column("message_id", sa.Text, nullable=False),
             sa.Column("transport", sa.Text, nullable=False),
             sa.Column("subject", sa.Text, nullable=False),
             sa.Column("reason", sa.Text, nullable=False),
             sa.Column("final", sa.Boolean, nullable=False),
             sa.Column("logged", sa.Boolean, nullable=False),
             sa.Column("updated_at", UtcDateTime, nullable=False),
             sa.Column("sent_at", UtcDateTime))
    sa.Table("mail_suppressed", md,
             sa.Column("address", sa.Text, primary_key=True),
             sa.Column("reason", sa.Text, nullable=False),
             sa.Column("source", sa.Text, nullable=False),
             sa.Column("added_at", UtcDateTime, nullable=False))
    sa.Table("mail_seen", md,
             sa.Column("mailbox_id", sa.Text, primary_key=True),
             sa.Column("kind", sa.Text, nullable=False),
             sa.Column("seen_at", UtcDateTime, nullable=False))
    md.create_all(conn)


def _v6_weekly_figures(conn: Connection) -> None:
    """Version 6: weekly figures (one row per ISO week and scope) and the scheduler's journal."""
    md = sa.MetaData()
    sa.Table("weekly_figures", md, sa.Column("week", sa.Text, primary_key=True),
             sa.Column("scope", sa.Text, primary_key=True),
             sa.Column("figures", sa.Text, nullable=False),
             sa.Column("made_at", UtcDateTime, nullable=False))
    sa.Table("job_runs", md,
             sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
             sa.Column("job", sa.Text, nullable=False),
             sa.Column("due_at", UtcDateTime, nullable=False),
             sa.Column("started_at", UtcDateTime, nullable=False),
             sa.Column("finished_at", UtcDateTime),
             sa.Column("status", sa.Text, nullable=False),
             sa.Column("message", sa.Text, nullable=False))
    md.create_all(conn)


STEPS: tuple[Step, ...] = (_v1_records, _v2_conflicts_files_runs, _v3_indexes, _v4_documents,
                           _v5_mail_journal, _v6_weekly_figures)
CURRENT_VERSION = len(STEPS)


def read_version(conn: Connection) -> int:
    """The store's schema version; 0 for an empty database."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar()
    return int(value) if value is not None else 0


def check_version(conn: Connection, location: str) -> int:
    """The store's schema version; a store made by a newer crm-office is refused."""
    version = read_version(conn)
    if version > CURRENT_VERSION:
        raise StoreError(Text("store.newer-version", version=version, known=CURRENT_VERSION),
                         location=location, reason="newer-version",
                         hint=Text("hint.upgrade-crm-office"))
    return version


def upgrade(conn: Connection, location: str, target: int = CURRENT_VERSION) -> int:
    """Run the steps that take the store to ``target``, inside the caller's transaction.

    Returns the version reached. A store newer than this code is refused.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(LOCK_KEY)))
    version = check_version(conn, location)
    for number in range(version + 1, target + 1):
        try:
            STEPS[number - 1](conn)
        except backend_errors() as exc:  # the caller's transaction rolls every step back
            raise StoreError(Text("store.migration-failed", version=number,
                                  detail=first_line(exc), left=version),
                             location=location, reason="failed",
                             hint=Text("hint.migration-failed")) from exc
        _write_version(conn, number)
    return max(version, target)


def _write_version(conn: Connection, version: int) -> None:
    updated = conn.execute(sa.update(meta).where(meta.c.key == VERSION_KEY)
                           .values(value=str(version)))
    if updated.rowcount == 0:
        conn.execute(sa.insert(meta).values(key=VERSION_KEY, value=str(version)))
