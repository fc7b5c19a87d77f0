"""Invoices for invoiced and won deals, and the payments made against them.

Some invoices are paid in full, some in part, some not at all (and overdue);
the payments of an invoice never add up to more than its amount.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from crm_office.demo.catalogue import PRODUCTS, product_codes
from crm_office.demo.sales import line_amount
from crm_office.demo.seed import CENT, Row, between, days_ago, make_id, pick, rng_for

BILLED_STAGES = ("invoiced", "won")
RECENT_WON = {"paid": 60, "partly": 20, "unpaid": 20}
OLD_WON = {"paid": 94, "partly": 3, "unpaid": 3}
OPEN_INVOICED = {"partly": 35, "unpaid": 65}
METHOD_WEIGHTS = {"bank": 85, "card": 12, "cash": 3}
VAT_RATES = {code: Decimal(product.vat) for code, product in zip(product_codes(), PRODUCTS,
                                                                  strict=True)}


def invoices(locale: str, deals: list[Row], items: list[Row]) -> tuple[list[Row], list[Row]]:
    """One invoice per invoiced or won deal, numbered INV-<year>-0001 by date; its payments."""
    rng = rng_for(locale, "invoices")
    totals = gross_totals(items)
    drafts = [_invoice(rng, deal, totals[deal["id"]]) for deal in deals
              if deal["stage"] in BILLED_STAGES]
    drafts.sort(key=lambda pair: (pair[0]["date"], pair[0]["deal_id"]))
    counters: dict[int, int] = {}
    payments: list[Row] = []
    for invoice, state in drafts:
        year = invoice["date"].year
        counters[year] = counters.get(year, 0) + 1
        invoice["number"] = f"INV-{year}-{counters[year]:04d}"
        payments.extend(_payments(rng, invoice, state))
    payments.sort(key=lambda row: (row["date"], row["invoice"]))
    for number, payment in enumerate(payments, start=1):
        payment["id"] = make_id("P", number)
    return [invoice for invoice, _state in drafts], payments


def gross_totals(items: list[Row]) -> dict[str, Decimal]:
    """Per deal ID, the sum of its items with VAT, in cents."""
    totals: dict[str, Decimal] = {}
    for item in items:
        net = line_amount(item)
        vat = (net * VAT_RATES[item["product_code"]] / 100).quantize(CENT)
        totals[item["deal_id"]] = totals.get(item["deal_id"], Decimal(0)) + net + vat
    return totals


def _invoice(rng: random.Random, deal: Row, amount: Decimal) -> tuple[Row, str]:
    """An invoice row (without its number yet) and how it is to be paid."""
    if deal["stage"] == "won":
        day = max(deal["created"], deal["closed"] - timedelta(days=rng.randint(0, 10)))
        state = pick(rng, RECENT_WON if deal["closed"] >= days_ago(60) else OLD_WON)
    else:
        day = max(deal["created"], days_ago(rng.randint(1, 50)))
        state = pick(rng, OPEN_INVOICED)
    row: Row = {"date": day, "client_id": deal["client_id"], "deal_id": deal["id"],
                "amount": amount, "due_date": day + timedelta(days=rng.choice((14, 30)))}
    return row, state


def _payments(rng: random.Random, invoice: Row, state: str) -> list[Row]:
    """Payments for one invoice: in full (once or in two parts), in part, or none."""
    amount: Decimal = invoice["amount"]
    first_day: date = invoice["date"]
    last_day = min(invoice["due_date"] + timedelta(days=10), days_ago(1))
    if state == "unpaid":
        return []
    if state == "partly":
        share = Decimal(rng.randint(30, 70)) / 100
        return [_payment(rng, invoice, between(rng, first_day, days_ago(1)),
                         (amount * share).quantize(CENT))]
    if rng.random() < 0.25:
        half = (amount / 2).quantize(CENT)
        day = between(rng, first_day, last_day)
        return [_payment(rng, invoice, day, half),
                _payment(rng, invoice, between(rng, day, last_day), amount - half)]
    return [_payment(rng, invoice, between(rng, first_day, last_day), amount)]


def _payment(rng: random.Random, invoice: Row, day: date, amount: Decimal) -> Row:
    return {"invoice": invoice["number"], "date": day, "amount": amount,
            "method": pick(rng, METHOD_WEIGHTS)}
