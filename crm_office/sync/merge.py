"""Three-way merge of a record's person-owned fields, and settling its conflicts.

base is the store's last synced value; each side is that record's value in one source
(workbook + sheet). All values are canonical text (``crm_office.sync.values.canonical``).
A side equal to base is unchanged; if no side changed, base stays; if every changed side
agrees, that value wins; otherwise base stays and the differing values become a conflict.

The result does not depend on the order of the sides: sides are taken earliest seen
first (then by source, cell and value), so "the first place a value was seen" and the
order of a conflict's options (its letters A, B, …) are stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from crm_office.sync.values import text_key

__all__ = [
    "NOT_DECIDED",
    "FieldConflict",
    "NotDecided",
    "RecordMerge",
    "Side",
    "apply_decision",
    "merge_field",
    "merge_record",
]

KEEP_WORDS = frozenset({"keep", "base", "оставить"})
_LOOK_ALIKES = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")  # Cyrillic letters typed for Latin


@dataclass(frozen=True)
class Side:
    """A record's value for one field in one place: ``clients.xlsx [Clients]``, ``C17``."""

    source: str
    cell: str
    value: str | None
    seen_at: datetime


@dataclass(frozen=True)
class FieldConflict:
    """Changed sides that disagree: one option per distinct value, where it was first seen."""

    record_id: str
    field: str
    base: str | None
    options: tuple[Side, ...]


@dataclass(frozen=True)
class RecordMerge:
    """A merged record: its values, the fields that changed, the conflicts left open."""

    record_id: str
    values: dict[str, str | None]
    changed: dict[str, tuple[str | None, str | None, str]] = field(default_factory=dict)
    conflicts: tuple[FieldConflict, ...] = ()


class NotDecided(Enum):
    """The Decision cell does not settle the conflict: it stays open."""

    OPEN = "open"


NOT_DECIDED = NotDecided.OPEN


def _order(side: Side) -> tuple[datetime, str, str, bool, str]:
    return side.seen_at, side.source, side.cell, side.value is not None, side.value or ""


def merge_field(base: str | None, sides: Sequence[Side]
                ) -> tuple[str | None, Side | None, tuple[Side, ...]]:
    """Merge one field: (merged value, winning side or None if base kept, conflicting sides)."""
    first_seen: dict[str | None, Side] = {}
    for side in sorted(sides, key=_order):
        if side.value != base:
            first_seen.setdefault(side.value, side)
    if not first_seen:
        return base, None, ()
    if len(first_seen) == 1:
        (value, winner), = first_seen.items()
        return value, winner, ()
    return base, None, tuple(first_seen.values())


def merge_record(record_id: str, base: Mapping[str, str | None] | None,
                 sides: Mapping[str, Sequence[Side]], fields: Iterable[str]) -> RecordMerge:
    """Merge the given fields of one record; a new record has ``base=None``.

    ``values`` holds every merged field plus base's other fields untouched (engine-owned
    columns are not merged). A field a source lacks is simply absent from ``sides[field]``.
    """
    values: dict[str, str | None] = dict(base or {})
    changed: dict[str, tuple[str | None, str | None, str]] = {}
    conflicts: list[FieldConflict] = []
    for name in fields:
        old = base.get(name) if base is not None else None
        value, winner, conflicting = merge_field(old, sides.get(name, ()))
        values[name] = value
        if winner is not None:
            changed[name] = (old, value, winner.source)
        if conflicting:
            conflicts.append(FieldConflict(record_id, name, old, conflicting))
    return RecordMerge(record_id, values, changed, tuple(conflicts))


def option_letter(index: int) -> str:
    """The letter a person types to pick option ``index``: A, B, …, Z, then AA, AB, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def apply_decision(conflict: FieldConflict, decision: str) -> str | NotDecided | None:
    """What a Decision cell settles: an option's letter, a value, or keep/base/оставить.

    An unclear decision (empty, unknown, or a letter and a value naming different
    options) returns ``NOT_DECIDED`` and the conflict stays open.
    """
    typed = decision.strip()
    if not typed:
        return NOT_DECIDED
    if text_key(typed) in KEEP_WORDS:
        return conflict.base
    by_letter = _by_letter(conflict, typed)
    by_value = _by_value(conflict, typed)
    if by_letter is not NOT_DECIDED and by_value is not NOT_DECIDED and by_letter != by_value:
        return NOT_DECIDED
    return by_value if by_letter is NOT_DECIDED else by_letter


def _by_letter(conflict: FieldConflict, typed: str) -> str | NotDecided | None:
    letters = typed.upper().translate(_LOOK_ALIKES)
    for index, option in enumerate(conflict.options):
        if option_letter(index) == letters:
            return option.value
    return NOT_DECIDED


def _by_value(conflict: FieldConflict, typed: str) -> str | NotDecided | None:
    candidates = [option.value for option in conflict.options] + [conflict.base]
    folded = text_key(typed)
    matches = {value for value in candidates
               if value is not None and text_key(value) == folded}
    if len(matches) > 1:
        exact = {value for value in matches if value.strip() == typed}
        matches = exact
    return matches.pop() if len(matches) == 1 else NOT_DECIDED
