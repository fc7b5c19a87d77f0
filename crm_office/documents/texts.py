"""How the documents feature names a kind and what a document is for, in the office's
language (its texts are in :mod:`crm_office.catalogue.documents`)."""

from __future__ import annotations

from crm_office.catalogue import ENTRIES, say


def target(kind: str, record_id: str, locale: str) -> str:
    """"deal D-000045", or "client C-000123" for a payment reminder."""
    key = "document.target.client" if kind == "reminder" else "document.target.deal"
    return say(key, locale, id=record_id)


def kind_name(kind: str, locale: str, label: str = "") -> str:
    """What a kind of document is called ("offer", "КП"); an office's own kind by its label."""
    key = f"document.kind.{kind}"
    return say(key, locale) if key in ENTRIES else (label or kind)
