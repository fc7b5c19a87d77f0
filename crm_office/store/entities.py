"""What the store hands out and takes in: records, changes, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One record of a table: its canonical field values and where it lives."""

    table: str
    record_id: str
    data: dict[str, str | None]
    archived: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One field of one record changed from ``old`` to ``new`` (canonical text)."""

    table: str
    record_id: str
    field: str
    old: str | None
    new: str | None
    source: str
    changed_at: dt.datetime
    run_id: int | None = None


@dataclass(frozen=True, slots=True)
class ConflictOption:
    """One differing value of a conflict: where it was typed and when it was seen."""

    value: str | None
    source: str
    cell: str
    seen_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources changed one field in different ways; a person picks the value."""

    id: int
    table: str
    record_id: str
    field: str
    base: str | None
    options: tuple[ConflictOption, ...]
    status: str
    created_at: dt.datetime
