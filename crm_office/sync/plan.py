"""Merge one table's sources against the store's base: what each record becomes.

Pure: takes the base records and the rows read, returns a :class:`TablePlan`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from crm_office.model import Table
from crm_office.model.id_scheme import IdScheme
from crm_office.sync.merge import FieldConflict, Side, merge_record
from crm_office.sync.sides import SourceRows, person_fields

Place = tuple[SourceRows, int]


@dataclass(frozen=True)
class FieldChange:
    """A field of a record took a new value, from ``source``."""

    record_id: str
    field: str
    old: str | None
    new: str | None
    source: str


@dataclass
class TablePlan:
    """The merged state of a table and how it differs from the store."""

    table: Table
    merged: dict[str, dict[str, str | None]] = field(default_factory=dict)
    places: dict[str, list[Place]] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    new_rows: list[Place] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    held: set[tuple[str, str]] = field(default_factory=set)
    """(record, field) pairs whose cells keep their own values while a conflict is open."""
    base_sources: Mapping[str, Sequence[str]] = field(default_factory=dict)
    settled: int = 0
    id_scheme: IdScheme | None = None
    """How new rows of the table are numbered (None: keyed by a natural column)."""


def plan_table(table: Table, base: Mapping[str, Mapping[str, str | None]],
               archived: Mapping[str, Mapping[str, str | None]], sources: Sequence[SourceRows],
               seen_at: Mapping[str, datetime], unreadable: set[str],
               base_sources: Mapping[str, Sequence[str]]) -> TablePlan:
    """Match rows to records by key, merge every field, find new and deleted records."""
    plan = TablePlan(table, base_sources=base_sources)
    for rows in sources:
        for index, key in enumerate(rows.keys):
            if key is not None:
                plan.places.setdefault(key, []).append((rows, index))
        if table.id_prefix:
            plan.new_rows.extend((rows, index) for index in rows.new_rows)
    fields = person_fields(table)
    for key, places in plan.places.items():
        known = base.get(key)
        if known is None and key in archived:
            known = archived[key]
            plan.restored.append(key)
            plan.touched.add(key)  # written back to the store as live, with its ID
        _merge_one(plan, key, known, places, fields, seen_at)
    for key in base:
        if key not in plan.places and not set(base_sources.get(key, ())) & unreadable:
            plan.archived.append(key)
    plan.held = {(conflict.record_id, conflict.field) for conflict in plan.conflicts}
    return plan


def _merge_one(plan: TablePlan, key: str, known: Mapping[str, str | None] | None,
               places: list[Place], fields: list[str], seen_at: Mapping[str, datetime]) -> None:
    if len(places) == 1:
        rows, index = places[0]
        if known is None:  # a new record in one place: taken as it is, no field history
            plan.merged[key] = rows.record(index)
            plan.added.append(key)
            plan.touched.add(key)
            return
        if all(known.get(name) == column[index] for name, column in rows.values.items()):
            plan.merged[key] = dict(known)
            return
    sides: dict[str, list[Side]] = {}
    for rows, index in places:
        when = seen_at.get(rows.label, datetime.min)
        for name, column in rows.values.items():
            sides.setdefault(name, []).append(Side(rows.label, rows.cell(name, index),
                                                   column[index], when))
    result = merge_record(key, known, sides, fields)
    plan.merged[key] = dict(result.values)
    plan.touched.add(key)
    if known is None:
        plan.added.append(key)  # a new record's first values are not field changes
    else:
        for name, (old, new, source) in result.changed.items():
            plan.changes.append(FieldChange(key, name, old, new, source))
    plan.conflicts.extend(result.conflicts)
