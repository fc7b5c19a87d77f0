"""The largest of many exact amounts without sorting them all."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any


def largest(amounts: Sequence[Decimal], count: int) -> list[int]:
    """Positions of (at least) the ``count`` largest amounts, in no particular order.

    Floats keep the order of the Decimals they come from (a larger amount never gets a
    smaller float), so every amount whose float reaches the ``count``-th largest float is
    a candidate, and an exact sort of the few candidates gives the true order.
    """
    import numpy

    if len(amounts) <= count:
        return list(range(len(amounts)))
    floats = numpy.array(amounts, dtype=float)
    floor = numpy.partition(floats, len(floats) - count)[len(floats) - count]
    positions: list[int] = numpy.flatnonzero(floats >= floor).tolist()
    return positions


def exact(value: Any) -> Decimal:
    """A sum pandas made: a Decimal, or the int 0 of an empty group."""
    return value if type(value) is Decimal else Decimal(int(value))
