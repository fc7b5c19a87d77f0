"""The payment reminder mails, each with the Word reminder document when the office has one.

The levels decide *when* a client is reminded (:mod:`.payments`); the mail says it, and
when the office has the reminder template (``documents.kinds.reminder``, ``reminder.docx``
in the sample office) it carries the client's reminder document — numbered, in the
Documents register and the contact log like every document, made through the documents
library — listing every overdue invoice with what is still owed. That is the one payment
reminder an office sends: ``crm-office documents`` makes reminder documents only when asked
(``--kind reminder`` or ``Request("reminder", client)``).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from crm_office.analysis.delivery import OutgoingMail, paragraphs_html
from crm_office.analysis.labels import text
from crm_office.analysis.sentences import money
from crm_office.mail.message import Attachment

if TYPE_CHECKING:
    from crm_office.config.model import Config
    from crm_office.reminders.payments import PaymentReminder

log = logging.getLogger(__name__)


def payment_mail(config: Config, item: PaymentReminder) -> OutgoingMail:
    """The mail of one reminder (level's own subject and body, or the catalogue's)."""
    values = {"invoice": item.invoice, "client": item.client, "office": config.office.name,
              "amount": money(item.open, config.office.currency, config.locale),
              "due": f"{item.due:%d.%m.%Y}"}
    level = next(each for each in config.reminders.levels if each.name == item.level)
    subject = (level.subject or text("payment_subject", config.locale)).format(**values)
    body = (level.body or text("payment_body", config.locale)).format(**values)
    return OutgoingMail(campaign=item.campaign, recipient=item.client_id.strip().upper(),
                        to=item.email, subject=subject, text=body,
                        html=paragraphs_html(subject, body.split("\n"), []))


def with_documents(config: Config, pairs: list[tuple[PaymentReminder, OutgoingMail]],
                   today: date) -> list[OutgoingMail]:
    """The mails, those of overdue invoices with their client's reminder document attached
    (one document per client a day)."""
    kind = config.documents.kinds.get("reminder")
    overdue = {item.client_id.strip().upper() for item, _ in pairs if item.days_overdue > 0}
    if kind is None or not kind.template.is_file() or not overdue:
        return [mail for _, mail in pairs]
    files = _reminder_documents(config, sorted(overdue), today)
    mails = []
    for item, mail in pairs:
        found = files.get(item.client_id.strip().upper()) if item.days_overdue > 0 else None
        if found is not None:
            mail = replace(mail, attachments=(found,))
        mails.append(mail)
    return mails


def _reminder_documents(config: Config, clients: list[str],
                        today: date) -> dict[str, Attachment]:
    """Client ID → today's reminder document (.docx), made when missing."""
    from pathlib import Path

    from crm_office.documents.make import Request, make_documents

    report = make_documents(config, [Request("reminder", client) for client in clients],
                            pdf=False, today=today)
    files = {}
    for outcome in report.documents:
        if outcome.status in ("made", "exists") and outcome.file:
            path = Path(outcome.file)
            files[outcome.deal_id.strip().upper()] = Attachment(path.name,
                                                                data=path.read_bytes())
        else:
            log.warning("payment reminder of %s goes without its document: %s",
                        outcome.deal_id, outcome.reason or outcome.message)
    return files
