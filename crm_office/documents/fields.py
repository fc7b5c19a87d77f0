"""Every field a template may use, with an example: a sample deal rendered into a context."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.documents.context import deal_context
from crm_office.documents.deal_lines import DealFacts
from crm_office.documents.logo import LOGO_FIELD, LOGO_WIDTH_MM
from crm_office.documents.money import ItemInput, compute_totals

SAMPLE_DAY = dt.date(2026, 11, 22)
LOOP_NAMES = {"items": "item", "vat_lines": "line"}
"""The loop variable the shipped templates use for each list."""


def sample_context(config: Config, kind: str) -> dict[str, Any]:
    """The context of a sample deal with two VAT rates, a discount and an awkward name."""
    rate = config.office.vat_rate
    items = [ItemInput("Gala dinner", Decimal(40), "person", Decimal("95.00"), Decimal(5), rate,
                       "EV-001"),
             ItemInput("Printed guide", Decimal(3), "pc", Decimal("12.50"), Decimal(0),
                       Decimal(10) if rate else Decimal(0), "PR-002")]
    totals = compute_totals(items, config.office.currency,
                            prices_include_vat=config.documents.prices_include_vat)
    client = {"id": "C-000123", "name": 'Smith & Sons "Best" <Ltd>',
              "legal_name": 'Smith & Sons "Best" <Ltd>', "tax_id": "7707083893",
              "contact_person": "Laura Smith", "address": "12 High Street, Leeds LS1 4AB",
              "email": "laura@smith.example", "phone": "+44 113 496 0000"}
    facts = DealFacts("D-000045", {"id": "D-000045", "title": "Company retreat",
                                   "manager": "Emma Clarke"}, "C-000123", client, totals)
    due = SAMPLE_DAY + dt.timedelta(days=config.documents.payment_days)
    return deal_context(facts, config.office, number="INV-2026-00001", issued=SAMPLE_DAY,
                        due=due if kind == "invoice" else None, language=config.locale)


def field_list(context: dict[str, Any], locale: str = "en") -> list[tuple[str, str]]:
    """``[("client.name", "Smith & Sons…"), ("item.price", "£95.00"), …]`` plus ``qr``
    and ``logo``."""
    fields: list[tuple[str, str]] = []
    for key, value in context.items():
        if isinstance(value, dict):
            fields += [(f"{key}.{sub}", str(example)) for sub, example in value.items()]
        elif isinstance(value, list):
            loop = LOOP_NAMES.get(key, key)
            fields.append((f"{key} (a list: {{% for {loop} in {key} %}})", f"{len(value)} rows"))
            if value:
                fields += [(f"{loop}.{sub}", str(example)) for sub, example in value[0].items()]
        else:
            fields.append((key, str(value)))
    fields.append(("qr", "the payment QR code (invoices in RUB or EUR)"))
    fields.append((LOGO_FIELD, say("document.logo.field", locale, width=LOGO_WIDTH_MM)))
    return fields


def known_names(context: dict[str, Any]) -> set[str]:
    """Dotted names a template may print (loop variables under any name)."""
    names = {"qr", LOGO_FIELD, "loop.index", "loop.index0", "loop.first", "loop.last",
             "loop.length"}
    for key, value in context.items():
        names.add(key)
        if isinstance(value, dict):
            names.update(f"{key}.{sub}" for sub in value)
        elif isinstance(value, list) and value:
            names.update(f"{LOOP_NAMES.get(key, key)}.{sub}" for sub in value[0])
    return names
