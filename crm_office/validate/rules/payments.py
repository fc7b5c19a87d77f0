"""Payments of an invoice never add up to more than the invoice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule


class OverpaymentRule(Rule):
    codes = ("invoice-overpaid",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        amounts: dict[str, Decimal] = {}
        for part in ctx.parts("invoices"):
            for number, amount in zip(part.columns.get("number", []),
                                      part.columns.get("amount", []), strict=False):
                if number is not None and amount is not None:
                    amounts[number.strip().casefold()] = amount
        paid: dict[str, Decimal] = defaultdict(Decimal)
        for part in ctx.parts("payments"):
            invoices = part.columns.get("invoice")
            sums = part.columns.get("amount")
            if invoices is None or sums is None:
                continue
            for index, (number, amount) in enumerate(zip(invoices, sums, strict=True)):
                if number is None or amount is None:
                    continue
                key = number.strip().casefold()
                before = paid[key]
                paid[key] = before + amount
                limit = amounts.get(key)
                if limit is not None and paid[key] > limit >= before:
                    yield ctx.problem("invoice-overpaid", part, "amount", index, value=amount,
                                      invoice=number, total=paid[key], limit=limit,
                                      fix="check-overpaid")
