"""Canonical text back to the typed value a cell gets, and choice keys to their labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from crm_office.model import Column, ColumnType


def typed_value(text: str | None, column: Column, locale: str) -> Any:
    """The value to write into ``column``'s cell for canonical ``text``."""
    if text is None:
        return None
    kind = column.type
    if kind is ColumnType.DATE:
        return date.fromisoformat(text[:10])
    if kind in (ColumnType.MONEY, ColumnType.NUMBER):
        return Decimal(text)
    if kind is ColumnType.INTEGER:
        return int(Decimal(text))
    if kind is ColumnType.BOOL:  # written as the word people type, not as TRUE/FALSE
        yes = text == "true"
        if locale == "ru":
            return "да" if yes else "нет"
        return "yes" if yes else "no"
    if kind is ColumnType.CHOICE and column.choices:
        for choice in column.choices:
            if choice.key == text:
                return choice.label(locale)
    return text
