"""Values as the store keeps them, and the key text is compared by."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal


def canonical(value: object) -> str | None:
    """The canonical text of a value: two values are equal when their texts are.

    None -> None; str as is; bool "true"/"false"; int str; Decimal normalised without
    exponent ("0" for zero); date ISO; datetime ISO date at midnight, else isoformat.
    Anything else falls back to ``str(value)``.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return "0" if value.is_zero() else format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_key(text: str) -> str:
    """Compare text ignoring case, surrounding and repeated spaces, ё/е."""
    return " ".join(text.split()).casefold().replace("ё", "е")
