"""What makes the demo data the same on every run: a seed and a reference date."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

REFERENCE_DATE = date(2026, 11, 16)
"""'Today' of the demo office: every demo date is counted from it."""

SEED = 20261116
CENT = Decimal("0.01")

Row = dict[str, Any]
"""One row of a table, keyed by the model's column keys."""

K = TypeVar("K")


def rng_for(locale: str, table: str) -> random.Random:
    """A random generator of its own for each table, so tables do not disturb each other."""
    return random.Random(f"{SEED}:{locale}:{table}")


def pick(rng: random.Random, weights: Mapping[K, float]) -> K:
    """One key of ``weights``, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_id(prefix: str, number: int) -> str:
    """A row ID as the engine writes it: C-000001."""
    return f"{prefix}-{number:06d}"


def days_ago(days: int) -> date:
    """The date ``days`` before the reference date."""
    return REFERENCE_DATE - timedelta(days=days)


def between(rng: random.Random, first: date, last: date) -> date:
    """A date from ``first`` to ``last`` inclusive (``first`` if the range is empty)."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, span)) if span > 0 else first


def later(rng: random.Random, day: date, low: int, high: int) -> date:
    """A date ``low``..``high`` days after ``day``."""
    return day + timedelta(days=rng.randint(low, high))
