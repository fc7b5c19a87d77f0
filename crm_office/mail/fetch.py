"""``mail fetch``: replies and bounces from the mailbox into the contact log and the
suppression list, each mailbox message processed once (the store's ``mail_seen``).

A reply is matched to the message it answers by In-Reply-To/References (the Message-IDs the
journal gave out) or by the X-CRM-Office-Key header, and becomes a contact-log row for that
client (date, subject, first lines); a reply saying "unsubscribe" also puts the address on
the suppression list. A delivery failure (DSN/NDR) puts the failed address on the list with
the reason. Replies whose contact-log row could not be written (the workbook open in Excel)
are not remembered, so the next fetch takes them again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.catalogue import Text, say
from crm_office.config.model import Config
from crm_office.errors import ConfigError
from crm_office.mail import suppression
from crm_office.mail.inbound import Inbound, read_inbound
from crm_office.mail.logbook import append_contacts
from crm_office.mail.office_data import read_office_data
from crm_office.store.schema import mail_journal, mail_seen
from crm_office.store.store import Store
from crm_office.writeback.service import FileOutcome, OfficeWriter

Messages = Iterable[tuple[str, bytes]]


@dataclass
class FetchReport:
    """What ``mail fetch`` read and did; ``to_dict()`` is its JSON."""

    read: int = 0
    already_seen: int = 0
    unmatched: int = 0
    replies: list[dict[str, Any]] = field(default_factory=list)
    bounces: list[dict[str, Any]] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.skipped for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "already_seen": self.already_seen,
                "unmatched": self.unmatched, "replies": self.replies,
                "bounces": self.bounces, "ok": self.ok,
                "files": [{"file": f.label, "written": f.written, "skipped": f.skipped}
                          for f in self.files]}


def fetch_mail(config: Config, messages: Messages | None = None) -> FetchReport:
    """Read the mailbox (``[mail.imap]``, or ``messages`` given) and log what is ours."""
    report = FetchReport()
    with Store.open(config.paths.store, config.paths.root) as store:
        seen = store.read(_seen)
        if messages is None:
            messages = _mailbox(config, seen)
        index = store.read(_sent_index)
        today = dt.date.today()
        replies: list[tuple[str, dict[str, Any], Inbound]] = []
        done: list[tuple[str, str]] = []
        for mailbox_id, raw in messages:
            if mailbox_id in seen:
                report.already_seen += 1
                continue
            report.read += 1
            inbound = read_inbound(raw, today)
            sent = _match(inbound, index)
            if inbound.kind == "bounce":
                address = inbound.bounced or (sent or {}).get("address", "")
                if address:
                    suppression.suppress(store, [(address, f"bounced: {inbound.reason}",
                                                  "bounce")])
                    report.bounces.append({"address": address, "reason": inbound.reason})
                done.append((mailbox_id, "bounce" if address else "other"))
            elif sent is not None:
                replies.append((mailbox_id, sent, inbound))
            else:
                report.unmatched += 1
                done.append((mailbox_id, "other"))
        done += _log_replies(config, store, replies, report)
        _remember(store, done)
        outcome = suppression.write_sheet(config, store, OfficeWriter.of(config.paths))
        if outcome is not None:
            report.files.append(outcome)
    return report


def _log_replies(config: Config, store: Store, replies: list[tuple[str, dict[str, Any],
                 Inbound]], report: FetchReport) -> list[tuple[str, str]]:
    if not replies:
        return []
    clients = {str(c.get("id") or "").upper(): c for c in read_office_data(config).clients}
    rows = []
    for _, sent, inbound in replies:
        client = clients.get(sent["recipient"], {})
        rows.append({"date": inbound.date, "client_id": sent["recipient"],
                     "client": client.get("name"), "manager": client.get("manager"),
                     "summary": say("mail.log-reply", config.locale, subject=inbound.subject,
                                     excerpt=inbound.excerpt), "result": inbound.sender})
        report.replies.append({"client_id": sent["recipient"], "campaign": sent["campaign"],
                               "subject": inbound.subject, "excerpt": inbound.excerpt})
        if "unsubscribe" in inbound.subject.lower():
            reason = say("mail.opted-out", config.locale)
            suppression.suppress(store, [(sent["address"], reason, "reply")])
    outcome = append_contacts(config, rows, OfficeWriter.of(config.paths))
    if outcome is not None:
        report.files.append(outcome)
        if outcome.skipped:
            return []
    return [(mailbox_id, "reply") for mailbox_id, _, _ in replies]


def _match(inbound: Inbound, index: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    for ref in (*inbound.refs, inbound.key):
        if ref and ref in index:
            return index[ref]
    return None


def _mailbox(config: Config, seen: set[str]) -> Messages:
    """[mail.imap] when set; else the mailbox the exchange or graph transport sends from."""
    if config.mail.imap.host:
        from crm_office.mail.imap_reader import imap_messages

        return imap_messages(config.mail.imap, seen)
    if config.mail.transport == "exchange":
        from crm_office.mail.transports.exchange import inbox_messages

        return inbox_messages(config.mail.exchange, config.mail.sender, seen)
    if config.mail.transport == "graph":
        from crm_office.mail.transports.graph import inbox_messages as graph_inbox

        return graph_inbox(config.mail.graph, config.mail.sender, seen)
    raise ConfigError(Text("mail.no-mailbox"), key_path="mail.imap.host", path=config.path,
                      hint=Text("mail.no-mailbox-fix"))


def _seen(conn: Connection) -> set[str]:
    return set(conn.execute(sa.select(mail_seen.c.mailbox_id)).scalars())


def _sent_index(conn: Connection) -> dict[str, dict[str, Any]]:
    """Message-ID and journal key → the journal row (sent or uncertain messages to clients:
    a reply to a weekly report or a morning list is a colleague's, not a client contact)."""
    from crm_office.analysis.delivery import STAFF_CAMPAIGNS

    index: dict[str, dict[str, Any]] = {}
    for row in conn.execute(sa.select(mail_journal).where(
            mail_journal.c.state.in_(("sent", "uncertain")),
            *(sa.not_(mail_journal.c.campaign.startswith(prefix, autoescape=True))
              for prefix in STAFF_CAMPAIGNS))).mappings():
        entry = dict(row)
        index[row["message_id"]] = entry
        index[row["mail_key"]] = entry
    return index


def _remember(store: Store, done: list[tuple[str, str]]) -> None:
    if done:
        now = dt.datetime.now(dt.UTC)
        with store.transaction() as tx:
            tx.execute(sa.insert(mail_seen), [{"mailbox_id": mailbox_id, "kind": kind,
                                               "seen_at": now} for mailbox_id, kind in done])
