"""Which payment reminders are due: by levels, never twice per level and invoice,
none once the invoice is paid.

An invoice open on ``today`` (its payments up to today short of its amount) that is
``days`` past its due date has reached every level with ``level.days <= days``; the
highest level reached is sent when no reminder of that level or a later one was sent
for the invoice. What was sent is read back from the contact log, where every reminder
is logged (``Payment reminder (7 days) for invoice INV-1``), so the log people see is
the only memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.texts import TEXTS

if TYPE_CHECKING:
    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import ReminderLevel


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


def sent_reminders(frames: OfficeFrames) -> set[tuple[str, str]]:
    """(folded invoice number, level name) of every reminder logged in the contact log."""
    patterns = [_pattern(template) for template in TEXTS["payment_logged"]]
    sent = set()
    for summary in frames["contacts"]["summary"].dropna():
        for pattern in patterns:
            match = pattern.fullmatch(str(summary).strip())
            if match:
                sent.add((match["invoice"].strip().casefold(), match["level"]))
    return sent


def _pattern(template: str) -> re.Pattern[str]:
    text = re.escape(template)
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
