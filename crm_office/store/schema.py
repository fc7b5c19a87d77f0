"""The store's tables as the code reads and writes them today (the current schema).

The migrations in :mod:`crm_office.store.migrations` build this shape step by step;
a test checks that a migrated store has exactly these tables and columns.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UtcDateTime(sa.TypeDecorator[dt.datetime]):
    """A moment kept as naive UTC; naive input is local time, output is aware UTC."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None,
                           dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None,
                             dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

records = sa.Table(
    "records", metadata,
    sa.Column("table_key", sa.Text, primary_key=True),
    sa.Column("record_id", sa.Text, primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("archived", sa.Boolean, nullable=False),
    sa.Column("sources", sa.Text, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)

history = sa.Table(
    "history", metadata,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("table_key", sa.Text, nullable=False),
    sa.Column("record_id", sa.Text, nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("old", sa.Text),
    sa.Column("new", sa.Text),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("changed_at", UtcDateTime, nullable=False),
    sa.Column("run_id", sa.BigInteger),
)

counters = sa.Table(
    "counters", metadata,
    sa.Column("table_key", sa.Text, primary_key=True),
    sa.Column("last", sa.BigInteger, nullable=False),
)

conflicts = sa.Table(
    "conflicts", metadata,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("table_key", sa.Text, nullable=False),
    sa.Column("record_id", sa.Text, nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("base", sa.Text),
    sa.Column("options", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("settled_at", UtcDateTime),
)

files = sa.Table(
    "files", metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger),
    sa.Column("synced_at", UtcDateTime, nullable=False),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("started_at", UtcDateTime, nullable=False),
    sa.Column("finished_at", UtcDateTime),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
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
    sa.Column("made_at", UtcDateTime, nullable=False),
)

# -- mail (migration step "mail journal"): the journal of every campaign message, the
# addresses never mailed again, and the mailbox messages already read by `mail fetch`.
mail_journal = sa.Table(
    "mail_journal", metadata,
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
    sa.Column("sent_at", UtcDateTime),
)

mail_suppressed = sa.Table(
    "mail_suppressed", metadata,
    sa.Column("address", sa.Text, primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("added_at", UtcDateTime, nullable=False),
)

mail_seen = sa.Table(
    "mail_seen", metadata,
    sa.Column("mailbox_id", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("seen_at", UtcDateTime, nullable=False),
)


def utc_now() -> dt.datetime:
    """The current moment, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)

weekly_figures = sa.Table(
    "weekly_figures", metadata,
    sa.Column("week", sa.Text, primary_key=True),
    sa.Column("scope", sa.Text, primary_key=True),
    sa.Column("figures", sa.Text, nullable=False),
    sa.Column("made_at", UtcDateTime, nullable=False),
)

job_runs = sa.Table(
    "job_runs", metadata,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("job", sa.Text, nullable=False),
    sa.Column("due_at", UtcDateTime, nullable=False),
    sa.Column("started_at", UtcDateTime, nullable=False),
    sa.Column("finished_at", UtcDateTime),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)
