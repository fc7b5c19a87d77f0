"""Send the morning lists and the payment reminders through the configured transport.

Every mail goes through the mail journal (:func:`crm_office.analysis.delivery.deliver`):
a morning list in campaign ``morning:<date>`` to each manager, a payment reminder in
campaign ``reminder:<INVOICE>:<level>`` to the client. A re-run of the same day mails
nobody twice. A payment reminder that went out is then logged in the contact log (through
the write-back); a contact log that cannot be written now is caught up on the next run,
and meanwhile the journal keeps the reminder from going twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from crm_office.analysis.delivery import DeliveryReport, OutgoingMail, deliver, paragraphs_html
from crm_office.analysis.frames import OfficeFrames, read_frames
from crm_office.analysis.labels import text
from crm_office.reminders.morning import MorningList, morning_lists
from crm_office.reminders.payments import PaymentReminder, due_reminders

if TYPE_CHECKING:
    from crm_office.config.model import Config
    from crm_office.mail.transports.base import Transport

log = logging.getLogger(__name__)


@dataclass
class RemindersReport:
    morning: list[str] = field(default_factory=list)
    """Managers whose morning list was mailed now."""
    payments: list[dict[str, str]] = field(default_factory=list)
    """Payment reminders mailed now: invoice, level, to, and the document attached."""
    waiting: list[str] = field(default_factory=list)
    """Why some reminders were not sent or not logged yet (no address, contact log open)."""
    logged: int = 0
    """Contact-log rows written for reminders (now or caught up from an earlier run)."""
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    @property
    def ok(self) -> bool:
        return not self.delivery.failed

    def to_dict(self) -> dict[str, Any]:
        return {"morning": self.morning, "payments": self.payments, "waiting": self.waiting,
                "logged": self.logged, "mails": self.delivery.to_dict()}

    def __str__(self) -> str:
        text_ = f"{len(self.morning)} morning lists, {len(self.payments)} payment reminders"
        return text_ + (f"; {len(self.waiting)} waiting" if self.waiting else "")


def run_reminders(config: Config, today: date | None = None,
                  frames: OfficeFrames | None = None,
                  transport: Transport | None = None) -> RemindersReport:
    from crm_office.reminders.contact_log import log_sent_reminders

    today = today or date.today()
    frames = frames if frames is not None else read_frames(config)
    report = RemindersReport()
    morning = _morning_mails(config, frames, today, report) if config.reminders.morning else {}
    payments: dict[str, dict[str, str]] = {}
    mails = list(morning.values())
    if config.reminders.payments:
        reminders = due_reminders(frames, config.reminders.levels, today)
        payment, payments = _payment_mails(config, reminders, today, report)
        mails += payment
    report.delivery = deliver(config, mails, transport)
    sent = set(report.delivery.keys)
    report.morning = [name for name, mail in morning.items() if mail.key in sent]
    report.payments = [row for key, row in payments.items() if key in sent]
    if config.reminders.payments:
        report.logged, why = log_sent_reminders(config, frames, today)
        if why:
            report.waiting.append(why)
    return report


def _morning_mails(config: Config, frames: OfficeFrames, today: date,
                   report: RemindersReport) -> dict[str, OutgoingMail]:
    addresses = dict(zip(frames["managers"]["name"], frames["managers"]["email"], strict=True))
    lists = morning_lists(frames, config.funnel, today, config.reminders.complaint_days)
    mails = {}
    for name, items in lists.items():
        address = addresses.get(name)
        if items.empty:
            continue
        if not isinstance(address, str) or "@" not in address:
            report.waiting.append(text("morning_no_email", config.locale, manager=name))
            continue
        lines = _morning_lines(items, config.locale)
        subject = text("morning_subject", config.locale, date=f"{today:%d.%m.%Y}")
        mails[name] = OutgoingMail(f"morning:{today.isoformat()}", name, address, subject,
                                   "\n".join(lines), paragraphs_html(subject, lines, []))
    return mails


def _morning_lines(items: MorningList, locale: str) -> list[str]:
    lines = []
    for title, rows in (("morning_due", [f"{cid} {name}: {day:%d.%m.%Y}"
                                         for cid, name, day in items.due]),
                        ("morning_stalled", [f"{did} {title_}: {stage}, {days}"
                                             for did, title_, stage, days in items.stalled]),
                        ("morning_complaints", [f"{rid} {subject}: {day:%d.%m.%Y}"
                                                for rid, subject, day in items.complaints])):
        if rows:
            lines += [text(title, locale), *rows]
    return lines


def _payment_mails(config: Config, reminders: list[PaymentReminder], today: date,
                   report: RemindersReport) -> tuple[list[OutgoingMail],
                                                     dict[str, dict[str, str]]]:
    """The mails of the reminders not sent yet (with their documents), and per mail key
    what the report says of it once sent."""
    from crm_office.analysis.delivery import pending
    from crm_office.reminders.payment_mails import payment_mail, with_documents

    pairs = []
    for item in reminders:
        if "@" not in item.email:
            report.waiting.append(text("reminder_no_email", config.locale,
                                       invoice=item.invoice, client=item.client_id))
        else:
            pairs.append((item, payment_mail(config, item)))
    keys = {mail.key for mail in pending(config, [mail for _, mail in pairs])}
    pairs = [(item, mail) for item, mail in pairs if mail.key in keys]
    mails = with_documents(config, pairs, today)
    rows = {mail.key: {"invoice": item.invoice, "level": item.level, "to": item.email,
                       "document": mail.attachments[0].filename if mail.attachments else ""}
            for (item, _), mail in zip(pairs, mails, strict=True)}
    return mails, rows
