"""Findings and amounts in plain words, in the office's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crm_office.analysis.findings import Finding
from crm_office.analysis.labels import Labels

MONEY_KEYS = ("amount",)
BABEL_LOCALES = {"ru": "ru_RU", "en": "en_GB"}


def money(amount: Any, currency: str, locale: str) -> str:
    """``€38,200.00`` / ``38 200,00 ₽`` (babel)."""
    from babel.numbers import format_currency

    return str(format_currency(Decimal(str(amount)), currency,
                               locale=BABEL_LOCALES.get(locale, "en_GB")))


def percent(value: Decimal, locale: str) -> str:
    from babel.numbers import format_percent

    return str(format_percent(value, locale=BABEL_LOCALES.get(locale, "en_GB")))


def say(finding: Finding, labels: Labels, currency: str) -> str:
    """The sentence of a finding, its numbers formatted for the office."""
    values = dict(finding.values)
    for key in MONEY_KEYS:
        if key in values:
            values[key] = money(values[key], currency, labels.locale)
    if "share" in values:
        values["share"] = percent(values["share"], labels.locale)
    if "stage" in values:
        values["stage"] = labels.show("stage", values["stage"])
    if "reason" in values:
        values["reason"] = labels.show("reason", values["reason"])
    if "flag" in values:
        values["flag"] = labels.text(values["flag"])
    if finding.code == "week_change":
        measure = values["measure"]
        if measure == "won_amount":
            values["current"] = money(values["current"], currency, labels.locale)
            values["previous"] = money(values["previous"], currency, labels.locale)
        values["measure"] = labels.text(measure)
    key = {"stalled_deals": "stalled_deals_finding",
           "late_complaints": "late_complaints_finding",
           "clients_in_work": "clients_in_work_finding"}.get(finding.code, finding.code)
    return labels.text(key, **values)
