"""The mail commands as library calls: preview, send and test (fetch is in fetch.py).

Each returns a report whose ``to_dict()`` is the command's ``--format json``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import replace
from zoneinfo import ZoneInfo

from crm_office.catalogue import Text, say
from crm_office.config.model import Config
from crm_office.errors import CampaignError, MailError, describe
from crm_office.mail import journal as jr
from crm_office.mail import suppression
from crm_office.mail.audience import Exclusion, Recipient
from crm_office.mail.campaigns import Campaign, check_attachments
from crm_office.mail.delivery import Item, Progress, deliver_all
from crm_office.mail.logbook import log_sent, write_status
from crm_office.mail.message import Attachment, OutgoingMessage, message_id_for
from crm_office.mail.office_data import OfficeData, audience_of, context_for, read_office_data
from crm_office.mail.personal_documents import PersonalFiles, prepare_documents
from crm_office.mail.render import Renderer
from crm_office.mail.report import MailReport, TestReport
from crm_office.mail.transports.base import Transport, open_transport
from crm_office.mail.transports.outbox import OutboxTransport
from crm_office.mail.window import in_window
from crm_office.store.store import Store
from crm_office.writeback.service import OfficeWriter

log = logging.getLogger(__name__)


def mail_key(campaign: Campaign, client_id: str) -> str:
    """The journal key of one campaign message (also its X-CRM-Office-Key)."""
    return f"{campaign.key}/{client_id.upper()}"


class _Run:
    """What preview and send share: the office read, the campaign and its recipients."""

    def __init__(self, config: Config, name: str, store: Store) -> None:
        self.config, self.store = config, store
        self.data: OfficeData = read_office_data(config)
        self.suppressed = suppression.load(config, store)
        self.campaign, self.audience = audience_of(config, self.data, name, self.suppressed)
        check_attachments(self.campaign, config.locale)
        self.unsubscribe = config.mail.unsubscribe or self.campaign.sender
        self.renderer = Renderer(self.campaign, config.locale, self.unsubscribe)
        self.attachments = tuple(Attachment(path.name, path=path)
                                 for path in self.campaign.attachments)
        self.personal = PersonalFiles()

    def prepare(self, recipients: list[Recipient], report: MailReport, *,
                dry_run: bool) -> list[Recipient]:
        """The campaign's personal documents of ``recipients`` (made unless ``dry_run``);
        a recipient whose document cannot be had is moved to the excluded, with the reason."""
        if not self.campaign.documents or not recipients:
            return recipients
        self.personal = prepare_documents(self.config, self.campaign.documents,
                                          [r.client_id for r in recipients], dry_run=dry_run)
        report.files += self.personal.written
        report.notes += self.personal.problems
        kept = []
        for recipient in recipients:
            reason = self.personal.missing.get(recipient.client_id.upper())
            if reason:
                report.excluded.append(Exclusion(recipient.client_id, recipient.name,
                                                 recipient.address, "document-missing", reason))
            else:
                kept.append(replace(recipient,
                                    documents=self.personal.shown(recipient.client_id)))
        return kept

    def message(self, recipient: Recipient) -> OutgoingMessage:
        rendered = self.renderer.render(context_for(self.config, self.data, recipient.client))
        personal = tuple(Attachment(path.name, path=path)
                         for path in self.personal.files.get(recipient.client_id.upper(), ()))
        return OutgoingMessage(
            sender=self.campaign.sender, sender_name=self.config.mail.sender_name,
            to=recipient.address, to_name=str(recipient.client.get("contact_person") or ""),
            subject=rendered.subject, text=rendered.text, html=rendered.html,
            attachments=self.attachments + personal,
            key=mail_key(self.campaign, recipient.client_id), unsubscribe=self.unsubscribe)

    def report(self, command: str, transport: str) -> MailReport:
        return MailReport(command, self.campaign.to_dict(), transport,
                          excluded=list(self.audience.excluded))


def preview_campaign(config: Config, name: str, count: int | None = None) -> MailReport:
    """Who would get the campaign and why, who not and why; the first messages as .eml files."""
    with Store.open(config.paths.store, config.paths.root) as store:
        run = _Run(config, name, store)
        report = run.report("preview", config.mail.transport)
        entries = jr.Journal(store, run.campaign.key).entries()
        for recipient in run.audience.included:
            entry = entries.get(recipient.client_id.upper())
            if entry is not None and entry.state == jr.SENT:
                when = f"{entry.sent_at:%Y-%m-%d %H:%M}" if entry.sent_at else "?"
                report.excluded.append(Exclusion(
                    recipient.client_id, recipient.name, recipient.address, "already-sent",
                    say("mail.already-sent", config.locale, when=when)))
            else:
                report.recipients.append(recipient)
        report.recipients = run.prepare(report.recipients, report, dry_run=True)
        folder = config.paths.output / "preview" / _safe(run.campaign.key)
        outbox = OutboxTransport(folder)
        for recipient in report.recipients[:config.mail.preview_count if count is None
                                           else count]:
            report.previews.append(outbox.send(run.message(recipient)).detail)
    return report


def preview_messages(config: Config, name: str, count: int) -> list[OutgoingMessage]:
    """The campaign's first ``count`` messages as they would go out (for "test to me")."""
    with Store.open(config.paths.store, config.paths.root) as store:
        run = _Run(config, name, store)
        chosen = run.prepare(run.audience.included[:count], run.report("test", "test"),
                             dry_run=True)
        return [run.message(recipient) for recipient in chosen]


def send_campaign(config: Config, name: str, *, limit: int | None = None, resume: bool = False,
                  resend_uncertain: bool = False, transport: Transport | None = None,
                  on_progress: Progress | None = None,
                  now: dt.datetime | None = None) -> MailReport:
    """Send the campaign to every recipient not sent yet; never twice (see journal.py)."""
    with Store.open(config.paths.store, config.paths.root) as store:
        run = _Run(config, name, store)
        journal = jr.Journal(store, run.campaign.key)
        _refuse_unfinished(journal, resume, run.campaign)
        own = transport is None
        chosen = transport if transport is not None else open_transport(config)
        try:
            report = run.report("send", chosen.name)
            _settle(run, journal, chosen, report)
            if not in_window(config.mail, now or dt.datetime.now(dt.UTC)):
                report.notes.append(say("mail.outside-window", config.locale,
                                         window=_window_text(config)))
            else:
                todo = _todo(run, journal, report, resend_uncertain, limit)
                report.planned = len(todo)
                items = _items(run, todo)
                report.tally = deliver_all(items, chosen, journal,
                                           batch=config.mail.journal_batch, total=len(todo),
                                           on_progress=on_progress, locale=config.locale)
        finally:
            if own:
                chosen.close()
        report.uncertain = [e for e in journal.entries().values() if e.state == jr.UNCERTAIN]
        _record_in_workbooks(run, report)
    return report


def _refuse_unfinished(journal: jr.Journal, resume: bool, campaign: Campaign) -> None:
    left = [e for e in journal.entries().values() if e.state in (jr.PLANNED, jr.SENDING)]
    if left and not resume:
        raise CampaignError(Text("mail.stopped-midway", campaign=campaign.key, count=len(left)),
                            hint=Text("mail.stopped-fix", campaign=campaign.key))


def _settle(run: _Run, journal: jr.Journal, transport: Transport, report: MailReport) -> None:
    """Messages left 'sending' by a stopped run: found in Sent Items → sent; else uncertain
    (SMTP cannot tell) or planned again (the server keeps a copy of all it sent)."""
    left = [e for e in journal.entries().values() if e.state == jr.SENDING]
    outcomes: list[jr.Outcome] = []
    for entry in left:
        probe = OutgoingMessage(sender=run.campaign.sender, to=entry.address,
                                subject=entry.subject, text="", key=entry.key)
        if not transport.can_find_sent:
            outcomes.append(jr.Outcome(entry.recipient, jr.UNCERTAIN,
                                       say("mail.uncertain", run.config.locale)))
            continue
        try:
            found = transport.find_sent(probe)
        except MailError as exc:
            outcomes.append(jr.Outcome(entry.recipient, jr.UNCERTAIN,
                                       exc.localised(run.config.locale)[0]))
            continue
        outcomes.append(jr.Outcome(entry.recipient, jr.SENT if found else jr.PLANNED))
        report.settled += 1
    journal.commit(outcomes)


def _todo(run: _Run, journal: jr.Journal, report: MailReport, resend_uncertain: bool,
          limit: int | None) -> list[Recipient]:
    entries = journal.entries()
    todo: list[Recipient] = []
    fresh: list[jr.Entry] = []
    for recipient in run.audience.included:
        entry = entries.get(recipient.client_id.upper())
        if entry is None:
            key = mail_key(run.campaign, recipient.client_id)
            fresh.append(jr.Entry(recipient.client_id.upper(), recipient.address, jr.PLANNED,
                                  key, message_id_for(key, run.campaign.sender)))
        elif entry.state == jr.SENT or (entry.state == jr.FAILED and entry.final):
            report.already_sent += entry.state == jr.SENT
            continue
        elif entry.state == jr.UNCERTAIN and not resend_uncertain:
            continue
        todo.append(recipient)
    todo = todo[:limit] if limit is not None else todo
    todo = _within_daily_limit(run, todo, report)
    todo = run.prepare(todo, report, dry_run=False)
    chosen = {r.client_id.upper() for r in todo}
    journal.plan(e for e in fresh if e.recipient in chosen)
    return todo


def _within_daily_limit(run: _Run, todo: list[Recipient],
                        report: MailReport) -> list[Recipient]:
    mail = run.config.mail
    if not mail.daily_limit:
        return todo
    zone = ZoneInfo(mail.time_zone)
    midnight = dt.datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    sent = jr.sent_since(run.store, midnight)
    room = max(mail.daily_limit - sent, 0)
    if len(todo) > room:
        report.notes.append(say("mail.daily-limit", run.config.locale, limit=mail.daily_limit,
                                 sent=sent, left=len(todo) - room, zone=mail.time_zone))
    return todo[:room]


def _items(run: _Run, todo: list[Recipient]) -> Iterator[Item]:
    for recipient in todo:
        yield recipient.client_id.upper(), run.message(recipient)


def _record_in_workbooks(run: _Run, report: MailReport) -> None:
    writer = OfficeWriter.of(run.config.paths)
    clients = {str(c.get("id") or "").upper(): c for c in run.data.clients}
    for outcome in (log_sent(run.config, run.store, run.campaign, clients, writer),
                    write_status(run.config, run.store, run.campaign,
                                 len(report.excluded), writer),
                    suppression.write_sheet(run.config, run.store, writer)):
        if outcome is not None:
            report.files.append(outcome)


def _window_text(config: Config) -> str:
    days = ", ".join(config.mail.send_days) or "every day"
    return f"{config.mail.send_window or 'any time'}, {days}, {config.mail.time_zone}"


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip(".") \
        or "campaign"


def send_test(config: Config, to: str, transport: Transport | None = None) -> TestReport:
    """One test message to ``to``; the report says what the transport answered."""
    chosen = transport if transport is not None else open_transport(config)
    sender = config.mail.sender or config.office.email
    message = OutgoingMessage(
        sender=sender, sender_name=config.mail.sender_name, to=to,
        subject=say("mail.test-subject", config.locale, office=config.office.name),
        text=say("mail.test-body", config.locale, transport=chosen.name),
        key=f"test/{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S.%f}")
    report = TestReport(chosen.name, to)
    try:
        report.receipt = chosen.deliver(message)
    except MailError as exc:
        report.error, report.reason = describe(exc, config.locale), exc.reason
    finally:
        if transport is None:
            chosen.close()
    return report

