"""Payment reminders: a letter to a client listing its overdue invoices.

An invoice is overdue when its due date has passed and its payments (the Payments
table) do not cover it. The reminder's lines are those invoices with what is still
owed; ``documents`` asks for one per client with overdue invoices, at most one a day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crm_office.config.model import Config
from crm_office.documents.context import Formats
from crm_office.documents.deal_lines import DealFacts
from crm_office.documents.money import ItemInput, compute_totals
from crm_office.documents.office_data import OfficeData
from crm_office.errors import DocumentError

Record = dict[str, Any]


def overdue_invoices(data: OfficeData, today: dt.date) -> dict[str, list[tuple[Record, Decimal]]]:
    """Per client ID (upper case), its overdue invoices with the amount still owed."""
    result: dict[str, list[tuple[Record, Decimal]]] = {}
    for invoice in data.invoices:
        due, amount = invoice.get("due_date"), invoice.get("amount")
        if not isinstance(due, dt.date) or due >= today or amount is None:
            continue
        owed = Decimal(amount) - data.paid.get(str(invoice.get("number") or "").upper(),
                                               Decimal(0))
        if owed > 0 and invoice.get("client_id"):
            result.setdefault(str(invoice["client_id"]).upper(), []).append((invoice, owed))
    return result


def reminder_facts(config: Config, data: OfficeData, client_id: str,
                   today: dt.date) -> DealFacts:
    """A reminder as a document: one line per overdue invoice, what is owed on it."""
    client = data.clients.get(client_id.strip().upper())
    if client is None:
        raise DocumentError(f"there is no client {client_id} in the Clients sheet",
                            hint="check the Client ID (e.g. C-000123)")
    owed = overdue_invoices(data, today).get(client_id.strip().upper())
    if not owed:
        raise DocumentError(f"client {client_id} has no overdue invoice",
                            hint="a reminder lists invoices past their due date and not paid")
    formats = Formats(config.locale, config.office.currency)
    word = "Счёт" if config.locale == "ru" else "Invoice"
    due = "срок оплаты" if config.locale == "ru" else "due"
    lines = [ItemInput(f"{word} {invoice['number']} ({_date(formats, invoice.get('date'))}), "
                       f"{due} {_date(formats, invoice['due_date'])}", Decimal(1), "",
                       amount, code=str(invoice["number"]))
             for invoice, amount in sorted(owed, key=lambda pair: pair[0]["due_date"])]
    totals = compute_totals(lines, config.office.currency, prices_include_vat=True)
    client_key = str(client.get("id") or client_id)
    return DealFacts(client_key, {"id": client_key, "title": "", "manager": client.get("manager")},
                     client_key, client, totals)


def _date(formats: Formats, value: Any) -> str:
    return formats.date(value) if isinstance(value, dt.date) else ""
