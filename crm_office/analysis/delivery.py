"""The report and reminder mails, sent through the configured transport and journalled.

:class:`OutgoingMail` says what one mail is (recipient, subject, plain text and HTML, PNG
pictures the HTML shows by Content-ID, attachments) and under which journal *campaign* and
*recipient* it goes: ``weekly:2026-W48`` / ``head-of-sales`` or a manager's name,
``morning:2026-12-01`` / the manager, ``reminder:INV-7:7 days`` / the client ID.
:func:`deliver` hands each one to the transport of ``mail.transport`` (the outbox by default)
through the mail journal, as campaigns are sent (:mod:`crm_office.mail.delivery`): a mail
whose journal row is ``sent`` (or ``uncertain``: it may have gone) is not sent again, so a
re-run of the same week or day mails nobody twice; one that failed for now is tried again.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crm_office.errors import MailError
from crm_office.mail import journal as jr
from crm_office.mail.message import Attachment, InlineImage, OutgoingMessage, message_id_for

if TYPE_CHECKING:
    from crm_office.config.model import Config
    from crm_office.mail.transports.base import Transport
    from crm_office.store.store import Store

log = logging.getLogger(__name__)
FALLBACK_SENDER = "crm-office@localhost.localdomain"
STAFF_CAMPAIGNS = ("weekly:", "morning:")
"""Journal campaigns of mails to the office's own staff: replies to them are no client's."""


@dataclass(frozen=True)
class OutgoingMail:
    """One mail of the analysis (a weekly report, a morning list, a payment reminder)."""

    campaign: str
    recipient: str
    to: str
    subject: str
    text: str
    html: str = ""
    pictures: dict[str, bytes] = field(default_factory=dict)
    """Content ID -> PNG, shown in the HTML as ``<img src="cid:ID">``."""
    attachments: tuple[Attachment, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.campaign}/{self.recipient}"

    def message(self, config: Config) -> OutgoingMessage:
        """The neutral message every transport takes (a stable Message-ID from the key)."""
        return OutgoingMessage(
            sender=config.mail.sender or FALLBACK_SENDER, sender_name=config.mail.sender_name,
            to=self.to, subject=self.subject, text=self.text, html=self.html,
            attachments=self.attachments, key=self.key,
            inline=tuple(InlineImage(cid, png) for cid, png in self.pictures.items()))


@dataclass
class DeliveryReport:
    """What became of the mails: sent now, sent by an earlier run, failed, uncertain."""

    sent: list[str] = field(default_factory=list)
    """One line per mail sent now: the .eml file for the outbox, else the address."""
    keys: list[str] = field(default_factory=list)
    """The journal keys of the mails sent now."""
    already: list[str] = field(default_factory=list)
    """Addresses an earlier run sent to."""
    refused: dict[str, str] = field(default_factory=dict)
    """Address → the server's reason, when an earlier run's mail was refused for good
    (not tried again: the address needs a person's look)."""
    failed: dict[str, str] = field(default_factory=dict)
    """Address → why it was not sent now (tried again on the next run)."""
    uncertain: list[str] = field(default_factory=list)
    """Addresses whose hand-over broke off: maybe sent, so not sent again."""
    postponed: list[str] = field(default_factory=list)
    """Addresses over ``mail.daily_limit``: sent by a run after midnight."""

    def to_dict(self) -> dict[str, Any]:
        return {"sent": list(self.sent), "already_sent": list(self.already),
                "refused": dict(self.refused), "failed": dict(self.failed),
                "uncertain": list(self.uncertain), "postponed": list(self.postponed)}


def paragraphs_html(title: str, lines: list[str], pictures: list[str]) -> str:
    """A short HTML body: a title, lines as a list, then the pictures."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    images = "".join(f'<p><img src="cid:{html.escape(cid)}" alt="{html.escape(cid)}"></p>'
                     for cid in pictures)
    return (f"<html><body><h2>{html.escape(title)}</h2><ul>{items}</ul>{images}"
            "</body></html>")


def deliver(config: Config, mails: list[OutgoingMail],
            transport: Transport | None = None) -> DeliveryReport:
    """Send every mail not sent yet through ``transport`` (default: ``mail.transport``)."""
    from crm_office.mail.transports.base import open_transport
    from crm_office.store.store import Store

    report = DeliveryReport()
    if not mails:
        return report
    chosen = transport if transport is not None else open_transport(config)
    try:
        with Store.open(config.paths.store, config.paths.root) as store:
            for campaign, group in _campaigns(mails):
                _deliver_campaign(config, store, chosen, campaign, group, report)
    finally:
        if transport is None:
            chosen.close()
    return report


def _campaigns(mails: list[OutgoingMail]) -> Iterator[tuple[str, list[OutgoingMail]]]:
    grouped: dict[str, list[OutgoingMail]] = {}
    for mail in mails:
        grouped.setdefault(mail.campaign, []).append(mail)
    yield from grouped.items()


def _deliver_campaign(config: Config, store: Store, transport: Transport, campaign: str,
                      mails: list[OutgoingMail], report: DeliveryReport) -> None:
    from crm_office.mail.delivery import deliver_all

    journal = jr.Journal(store, campaign)
    _settle_interrupted(config, journal, transport)
    entries = journal.entries()
    todo = []
    for mail in mails:
        entry = entries.get(mail.recipient)
        if entry is not None and entry.state == jr.UNCERTAIN:
            report.uncertain.append(mail.to)
        elif entry is not None and entry.state == jr.FAILED and entry.final:
            report.refused[mail.to] = entry.reason
        elif entry is not None and _done(entry):
            report.already.append(mail.to)
        else:
            todo.append(mail)
    todo = _within_daily_limit(config, store, todo, report)
    sender = config.mail.sender or FALLBACK_SENDER
    journal.plan(jr.Entry(mail.recipient, mail.to, jr.PLANNED, mail.key,
                          message_id_for(mail.key, sender), subject=mail.subject)
                 for mail in todo)
    items = [(mail.recipient, mail.message(config)) for mail in todo]
    deliver_all(items, transport, journal, batch=config.mail.journal_batch, total=len(items))
    after = journal.entries()
    for mail, (_, message) in zip(todo, items, strict=True):
        entry = after[mail.recipient]
        if entry.state == jr.SENT:
            report.sent.append(_where(config, transport, message))
            report.keys.append(mail.key)
            log.info("%s mailed to %s (%s)", mail.key, mail.to, transport.name)
        elif entry.state == jr.UNCERTAIN:
            report.uncertain.append(mail.to)
        else:
            report.failed[mail.to] = entry.reason
            log.warning("%s to %s was not sent: %s", mail.key, mail.to, entry.reason)


def _within_daily_limit(config: Config, store: Store, todo: list[OutgoingMail],
                        report: DeliveryReport) -> list[OutgoingMail]:
    """``mail.daily_limit`` counts these mails with the campaigns'; the rest wait (not
    planned in the journal) for a run after midnight in ``mail.time_zone``."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    limit = config.mail.daily_limit
    if not limit or not todo:
        return todo
    midnight = dt.datetime.now(ZoneInfo(config.mail.time_zone)).replace(
        hour=0, minute=0, second=0, microsecond=0)
    room = max(limit - jr.sent_since(store, midnight), 0)
    report.postponed += [mail.to for mail in todo[room:]]
    return todo[:room]


def _done(entry: jr.Entry) -> bool:
    """Sent, or may have been, or refused for good: never handed over again."""
    return entry.state in (jr.SENT, jr.SENDING, jr.UNCERTAIN) or entry.final


def pending(config: Config, mails: list[OutgoingMail]) -> list[OutgoingMail]:
    """The mails the journal has not seen go out (nor refused for good)."""
    from crm_office.store.store import Store

    if not mails:
        return []
    with Store.open(config.paths.store, config.paths.root) as store:
        known = {campaign: jr.Journal(store, campaign).entries()
                 for campaign in {mail.campaign for mail in mails}}
    return [mail for mail in mails
            if (entry := known[mail.campaign].get(mail.recipient)) is None or not _done(entry)]


def _settle_interrupted(config: Config, journal: jr.Journal, transport: Transport) -> None:
    """Rows a stopped run left ``sending``: sent when the server kept a copy, else uncertain."""
    left = journal.interrupted()
    if not left or not transport.can_find_sent:
        return
    sender = config.mail.sender or FALLBACK_SENDER
    outcomes = []
    for entry in left:
        probe = OutgoingMessage(sender=sender, to=entry.address, subject=entry.subject,
                                text="", key=entry.key)
        try:
            found = transport.find_sent(probe)
        except MailError as exc:
            log.warning("cannot look for %s's message: %s", entry.address, exc)
            continue
        outcomes.append(jr.Outcome(entry.recipient, jr.SENT if found else jr.PLANNED))
    journal.commit(outcomes)


def _where(config: Config, transport: Transport, message: OutgoingMessage) -> str:
    if transport.name == "outbox":
        from crm_office.mail.transports.outbox import eml_name

        return str(config.mail.outbox / eml_name(message))
    return message.to
