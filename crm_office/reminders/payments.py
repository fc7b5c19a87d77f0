"""Which payment reminders are due: by levels, never twice per level and invoice,
none once the invoice is paid.

An invoice open on ``today`` (its payments up to today short of its amount) that is
``days`` past its due date has reached every level with ``level.days <= days``; the
highest level reached is sent when no reminder of that level or a later one was sent
for the invoice. What was sent is read back from the contact log, where every reminder
is logged (``Payment reminder (7 days) for invoice INV-1``, in either language); a reminder
mailed but not logged yet (the contact log was open in Excel) is kept from going twice by
the mail journal (campaign ``reminder:<INVOICE>:<level>``, see :mod:`.run`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.catalogue import LOCALES, template

if TYPE_CHECKING:
    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import ReminderLevel


LOGGED = "analysis.payment_logged"
"""The contact-log line of a payment reminder."""
CAMPAIGN = "reminder:"
"""The journal campaigns of payment reminders start so."""


@dataclass(frozen=True)
class PaymentReminder:
    invoice: str
    level: str
    client_id: str
    client: str
    email: str
    manager: str
    open: Decimal
    due: date
    days_overdue: int

    @property
    def campaign(self) -> str:
        """The mail journal's campaign of this invoice's reminder at this level."""
        return campaign_of(self.invoice, self.level)


def campaign_of(invoice: str, level: str) -> str:
    return f"{CAMPAIGN}{invoice.strip().upper()}:{level}"


def invoice_and_level(campaign: str) -> tuple[str, str]:
    """``reminder:INV-7:7 days`` → (``INV-7``, ``7 days``)."""
    invoice, _, level = campaign.removeprefix(CAMPAIGN).partition(":")
    return invoice, level



def sent_reminders(frames: OfficeFrames) -> set[tuple[str, str]]:
    """(folded invoice number, level name) of every reminder logged in the contact log."""
    patterns = [_pattern(template(LOGGED, locale)) for locale in LOCALES]
    sent = set()
    for summary in frames["contacts"]["summary"].dropna():
        for pattern in patterns:
            match = pattern.fullmatch(str(summary).strip())
            if match:
                sent.add((match["invoice"].strip().casefold(), match["level"]))
    return sent


def _pattern(words: str) -> re.Pattern[str]:
    text = re.escape(words)
    text = text.replace(re.escape("{level}"), r"(?P<level>.+?)")
    text = text.replace(re.escape("{invoice}"), r"(?P<invoice>\S+)")
    return re.compile(text)


def due_reminders(frames: OfficeFrames, levels: tuple[ReminderLevel, ...],
                  today: date) -> list[PaymentReminder]:
    """The reminders to send today, one at most per invoice."""
    import pandas

    from crm_office.analysis.receivables import open_invoices

    invoices = open_invoices(frames, pandas.Timestamp(today))
    invoices = invoices[(invoices["open"] > 0) & invoices["due_date"].notna()]
    sent = sent_reminders(frames)
    clients = frames["clients"].drop_duplicates("client_key").set_index("client_key")
    order = [level.name for level in levels]
    due = []
    for row in invoices.itertuples():
        reached = [level for level in levels if level.days <= row.days_overdue]
        if not reached:
            continue
        level = reached[-1]
        done = [order.index(name) for key, name in sent
                if key == row.invoice_key and name in order]
        if done and max(done) >= order.index(level.name):
            continue
        email = clients["email"].get(row.client_key)
        due.append(PaymentReminder(
            str(row.number), level.name, str(row.client_id), str(row.client or ""),
            email if isinstance(email, str) else "", str(row.manager or ""), row.open,
            row.due_date.date(), int(row.days_overdue)))
    return due
