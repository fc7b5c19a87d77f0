"""Send the morning lists and the payment reminders; log each reminder in the contact log.

A payment reminder is first logged in the contact log (through the write-back), then
mailed: a contact log that cannot be written now (open in Excel…) means its reminders
wait for the next run, so a reminder is never sent without its log line, and the log
line is what keeps it from being sent twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from crm_office.analysis.delivery import OutgoingMail, deliver, paragraphs_html
from crm_office.analysis.frames import OfficeFrames, read_frames
from crm_office.analysis.sentences import money
from crm_office.analysis.texts import text
from crm_office.reminders.morning import MorningList, morning_lists
from crm_office.reminders.payments import PaymentReminder, due_reminders

if TYPE_CHECKING:
    from crm_office.config.model import Config

log = logging.getLogger(__name__)


@dataclass
class RemindersReport:
    morning: list[str] = field(default_factory=list)
    """Managers who got their morning list."""
    payments: list[dict[str, str]] = field(default_factory=list)
    """Payment reminders logged and mailed: invoice, level, to."""
    waiting: list[str] = field(default_factory=list)
    """Why some reminders were not sent (no address, contact log not writable)."""

    @property
    def ok(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        return {"morning": self.morning, "payments": self.payments, "waiting": self.waiting}

    def __str__(self) -> str:
        text_ = f"{len(self.morning)} morning lists, {len(self.payments)} payment reminders"
        return text_ + (f"; {len(self.waiting)} waiting" if self.waiting else "")


def run_reminders(config: Config, today: date | None = None,
                  frames: OfficeFrames | None = None) -> RemindersReport:
    today = today or date.today()
    frames = frames if frames is not None else read_frames(config)
    report = RemindersReport()
    mails: list[OutgoingMail] = []
    if config.reminders.morning:
        mails += _morning_mails(config, frames, today, report)
    if config.reminders.payments:
        reminders = due_reminders(frames, config.reminders.levels, today)
        mails += _payment_mails(config, reminders, today, report)
    deliver(config, mails)
    return report


def _morning_mails(config: Config, frames: OfficeFrames, today: date,
                   report: RemindersReport) -> list[OutgoingMail]:
    addresses = dict(zip(frames["managers"]["name"], frames["managers"]["email"], strict=True))
    lists = morning_lists(frames, config.funnel, today, config.reminders.complaint_days)
    mails = []
    for name, items in lists.items():
        address = addresses.get(name)
        if items.empty:
            continue
        if not isinstance(address, str) or "@" not in address:
            report.waiting.append(f"{name}: no e-mail address for the morning list")
            continue
        lines = _morning_lines(items, config.locale)
        subject = text("morning_subject", config.locale, date=f"{today:%d.%m.%Y}")
        mails.append(OutgoingMail(address, subject, "\n".join(lines),
                                  paragraphs_html(subject, lines, []), kind="morning"))
        report.morning.append(name)
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
                   report: RemindersReport) -> list[OutgoingMail]:
    from crm_office.reminders.contact_log import log_reminders

    sendable = [item for item in reminders if "@" in item.email]
    for item in reminders:
        if item not in sendable:
            report.waiting.append(f"{item.invoice}: client {item.client_id} has no e-mail")
    logged, why = log_reminders(config, sendable, today)
    if why:
        report.waiting.append(why)
    mails = []
    levels = {level.name: level for level in config.reminders.levels}
    for item in logged:
        values = {"invoice": item.invoice, "client": item.client, "office": config.office.name,
                  "amount": money(item.open, config.office.currency, config.locale),
                  "due": f"{item.due:%d.%m.%Y}"}
        level = levels[item.level]
        subject = (level.subject or text("payment_subject", config.locale)).format(**values)
        body = (level.body or text("payment_body", config.locale)).format(**values)
        mails.append(OutgoingMail(item.email, subject, body, kind="payment-reminder"))
        report.payments.append({"invoice": item.invoice, "level": item.level,
                                "to": item.email})
    return mails
