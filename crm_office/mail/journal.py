"""The mail journal in the store: one row per campaign and recipient, never sent twice.

States: ``planned`` → ``sending`` → ``sent`` | ``failed`` | ``uncertain``. A message is handed
to a server only after its ``sending`` row is committed; several messages share one commit
(``mail.journal_batch``): the outcomes of one batch and the ``sending`` mark of the next go
in one transaction. A run killed while a batch was out leaves those rows ``sending``; the next
run turns them into ``uncertain`` and settles them from the server's copy where it can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.store.schema import mail_journal as table
from crm_office.store.store import Store

PLANNED, SENDING, SENT, FAILED, UNCERTAIN = "planned", "sending", "sent", "failed", "uncertain"
STATES = (PLANNED, SENDING, SENT, FAILED, UNCERTAIN)


@dataclass(frozen=True)
class Entry:
    """One recipient of a campaign as the journal knows it."""

    recipient: str
    address: str
    state: str
    key: str
    message_id: str
    transport: str = ""
    subject: str = ""
    reason: str = ""
    final: bool = False
    sent_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "address": self.address, "state": self.state,
                "key": self.key, "message_id": self.message_id, "transport": self.transport,
                "reason": self.reason,
                "sent_at": self.sent_at.isoformat() if self.sent_at else None}


@dataclass(frozen=True)
class Outcome:
    """What became of one message handed over (or tried)."""

    recipient: str
    state: str
    reason: str = ""
    final: bool = False
    message_id: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Journal:
    """The journal of one campaign."""

    def __init__(self, store: Store, campaign: str) -> None:
        self.store = store
        self.campaign = campaign

    def entries(self) -> dict[str, Entry]:
        """Every recipient the campaign has planned so far."""
        return self.store.read(_load, self.campaign)

    def plan(self, entries: Iterable[Entry]) -> int:
        """Add recipients not in the journal yet as ``planned``; returns how many."""
        known = self.entries()
        now = _now()
        rows = [{"campaign": self.campaign, "recipient": e.recipient, "address": e.address,
                 "state": PLANNED, "mail_key": e.key, "message_id": e.message_id,
                 "transport": e.transport, "subject": e.subject, "reason": "",
                 "final": False, "logged": False, "updated_at": now, "sent_at": None}
                for e in entries if e.recipient not in known]
        if rows:
            with self.store.transaction() as tx:
                tx.execute(sa.insert(table), rows)
        return len(rows)

    def commit(self, outcomes: Sequence[Outcome], sending: Sequence[tuple[str, str]] = (),
               transport: str = "") -> None:
        """Record ``outcomes`` and mark ``sending`` (recipient, subject) pairs, in one
        durable commit."""
        if not outcomes and not sending:
            return
        now = _now()
        with self.store.transaction() as tx:
            if outcomes:
                tx.execute(_settle_statement(self.campaign), [
                    {"r": o.recipient, "s": o.state, "why": o.reason, "fin": o.final,
                     "at": now, "sent": now if o.state == SENT else None}
                    for o in outcomes])
            if sending:
                tx.execute(sa.update(table).where(
                    table.c.campaign == self.campaign,
                    table.c.recipient == sa.bindparam("r")).values(
                    state=SENDING, transport=transport, subject=sa.bindparam("subj"),
                    updated_at=now),
                    [{"r": recipient, "subj": subject} for recipient, subject in sending])

    def interrupted(self) -> list[Entry]:
        """Rows left ``sending`` by a run that was stopped: now ``uncertain``."""
        left = [e for e in self.entries().values() if e.state == SENDING]
        self.commit([Outcome(e.recipient, UNCERTAIN, "the run stopped while it was being "
                             "sent") for e in left])
        return left


def _settle_statement(campaign: str) -> Any:
    return sa.update(table).where(
        table.c.campaign == campaign, table.c.recipient == sa.bindparam("r")).values(
        state=sa.bindparam("s"), reason=sa.bindparam("why"), final=sa.bindparam("fin"),
        updated_at=sa.bindparam("at"),
        sent_at=sa.func.coalesce(sa.bindparam("sent", type_=table.c.sent_at.type),
                                 table.c.sent_at))


def _load(conn: Connection, campaign: str) -> dict[str, Entry]:
    rows = conn.execute(sa.select(table).where(table.c.campaign == campaign)).mappings()
    return {row["recipient"]: Entry(row["recipient"], row["address"], row["state"],
                                    row["mail_key"], row["message_id"], row["transport"],
                                    row["subject"], row["reason"], bool(row["final"]),
                                    row["sent_at"]) for row in rows}


def campaign_counts(store: Store) -> dict[str, dict[str, int]]:
    """Per campaign, how many recipients are in each state."""
    def query(conn: Connection) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for campaign, state, number in conn.execute(
                sa.select(table.c.campaign, table.c.state, sa.func.count())
                .group_by(table.c.campaign, table.c.state)):
            counts.setdefault(campaign, {})[state] = number
        return counts
    return store.read(query)


def unlogged(store: Store, campaign: str) -> list[Entry]:
    """Sent messages not yet in the contact log."""
    def query(conn: Connection) -> list[Entry]:
        found = conn.execute(sa.select(table.c.recipient).where(
            table.c.campaign == campaign, table.c.state == SENT,
            table.c.logged == sa.false())).scalars()
        return [entries[r] for r in found] if (entries := _load(conn, campaign)) else []
    return store.read(query)


def mark_logged(store: Store, campaign: str, recipients: Sequence[str]) -> None:
    """These recipients' messages are in the contact log now."""
    if recipients:
        with store.transaction() as tx:
            tx.execute(sa.update(table).where(table.c.campaign == campaign,
                                              table.c.recipient == sa.bindparam("r"))
                       .values(logged=True), [{"r": r} for r in recipients])


def sent_since(store: Store, moment: dt.datetime) -> int:
    """Messages of every campaign sent (or possibly sent) since ``moment``."""
    def query(conn: Connection) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(
            table.c.updated_at >= moment,
            table.c.state.in_((SENT, SENDING, UNCERTAIN)))).scalar() or 0)
    return store.read(query)
