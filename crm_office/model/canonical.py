"""Canonical text of a field value: what the store keeps and what merges compare (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Context, Decimal


def canonical(value: object) -> str | None:
    """Return the canonical text of ``value`` (None stays None).

    str as is; bool "true"/"false"; int and float as digits; Decimal normalised
    ("10.5", "0", never an exponent); date ISO; datetime ISO, just the date at midnight.
    So 10 and 10.00 have the same canonical form and compare equal.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return canonical_decimal(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"no canonical form for {type(value).__name__}: {value!r}")


def canonical_decimal(value: Decimal) -> str:
    """A finite Decimal as plain digits without trailing zeros, never rounded."""
    if not value.is_finite():
        raise ValueError(f"no canonical form for the number {value}")
    if value.is_zero():
        return "0"
    exact = Context(prec=max(len(value.as_tuple().digits), 1))
    return format(value.normalize(exact), "f")
