"""The values a template prints, formatted for the document's language.

Dates, numbers and money go through babel (``22.11.2026``, ``1 200,50 ₽``;
``22 Nov 2026``, ``£1,200.50``). :data:`FIELDS` lists every field with an example,
for ``crm-office templates fields`` and the template check.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crm_office.config.model import Office
from crm_office.documents.deal_lines import DealFacts
from crm_office.documents.money import Line, Totals
from crm_office.documents.words import amount_in_words

LOCALES = {"en": "en_GB", "ru": "ru_RU"}
OFFICE_FIELDS = ("name", "legal_name", "tax_id", "kpp", "address", "phone", "email", "website",
                 "bank_name", "bank_account", "bank_code", "correspondent_account", "head_name",
                 "accountant_name")
CLIENT_FIELDS = ("id", "name", "legal_name", "tax_id", "contact_person", "address", "email",
                 "phone")


_PROBE = Decimal("1234567.89")


class Formats:
    """Babel formatting in one language.

    Money is formatted thousands of times per batch, and babel takes ~60 µs a value:
    the locale's prefix, suffix and separators are learnt once from babel's own output
    for a probe amount, then applied with ``str.format`` (a test compares both).
    """

    def __init__(self, language: str, currency: str) -> None:
        from babel.numbers import format_currency, get_currency_precision

        self.language, self.currency = language, currency
        self.locale = LOCALES.get(language, "en_GB")
        probe = str(format_currency(_PROBE, currency, locale=self.locale))
        digits = get_currency_precision(currency)
        start, end = probe.index("1"), probe.rindex("9" if digits else "8") + 1
        self._prefix, self._suffix = probe[:start], probe[end:]
        body = probe[start:end]
        self._group = body[1] if not body[1].isdigit() else ""
        self._decimal = body[-3] if digits else ""
        self._digits = digits
        self._numbers: dict[Decimal, str] = {}

    def money(self, value: Decimal) -> str:
        text = f"{abs(value):,.{self._digits}f}"
        text = text.replace(",", "\0").replace(".", self._decimal).replace("\0", self._group)
        return f"{'-' if value < 0 else ''}{self._prefix}{text}{self._suffix}"

    def number(self, value: Decimal) -> str:
        from babel.numbers import format_decimal

        if value not in self._numbers:  # quantities and rates repeat: babel once per value
            self._numbers[value] = str(format_decimal(value, locale=self.locale))
        return self._numbers[value]

    def date(self, value: dt.date) -> str:
        from babel.dates import format_date

        pattern = "dd.MM.yyyy" if self.language == "ru" else "d MMM yyyy"
        return str(format_date(value, pattern, locale=self.locale))

    def percent(self, value: Decimal) -> str:
        return f"{self.number(value)} %" if self.language == "ru" else f"{self.number(value)}%"


def deal_context(facts: DealFacts, office: Office, *, number: str, issued: dt.date,
                 due: dt.date | None, language: str) -> dict[str, Any]:
    """Everything a deal document (offer, invoice, act…) may print."""
    formats, totals = Formats(language, office.currency), facts.totals
    return {
        "number": number, "date": formats.date(issued),
        "due_date": formats.date(due) if due else "", "currency": office.currency,
        "office": {key: str(getattr(office, key)) for key in OFFICE_FIELDS},
        "client": {key: _text(facts.client.get(key)) for key in CLIENT_FIELDS},
        "deal": {"id": facts.deal_id, "title": _text(facts.deal.get("title")),
                 "manager": _text(facts.deal.get("manager"))},
        "items": [_line(line, formats) for line in totals.lines],
        "item_count": len(totals.lines),
        **_sums(totals, formats),
    }


def _line(line: Line, formats: Formats) -> dict[str, str]:
    item = line.item
    return {"no": str(line.number), "code": item.code, "name": item.name,
            "quantity": formats.number(item.quantity), "unit": item.unit,
            "price": formats.money(item.price),
            "discount": formats.percent(item.discount) if item.discount else "",
            "vat_rate": formats.percent(item.vat_rate) if item.vat_rate else "",
            "vat": formats.money(line.vat), "amount": formats.money(line.amount)}


def _sums(totals: Totals, formats: Formats) -> dict[str, Any]:
    ru = formats.language == "ru"
    lines_total = sum((line.amount for line in totals.lines), Decimal(0))
    if not totals.has_vat:
        label = "Без НДС" if ru else "No VAT"
    elif totals.prices_include_vat:
        label = "В том числе НДС" if ru else "Including VAT"
    else:
        label = "НДС" if ru else "VAT"
    vat_lines = [{"label": f"{label} {formats.percent(rate)}", "amount": formats.money(vat)}
                 for rate, vat in totals.vat_by_rate.items() if rate]
    return {"subtotal": formats.money(lines_total), "net": formats.money(totals.net),
            "vat": formats.money(totals.vat) if totals.has_vat else "—",
            "vat_label": label, "vat_lines": vat_lines, "total": formats.money(totals.gross),
            "total_in_words": amount_in_words(totals.gross, totals.currency, formats.language),
            "prices_include_vat": totals.prices_include_vat}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
