"""Sync steps for conflicts: apply what people decided, number the new ones."""

from __future__ import annotations

from crm_office.store import Conflict, ConflictOption
from crm_office.sync.conflicts_sheet import read_decisions
from crm_office.sync.merge import NOT_DECIDED, FieldConflict, Side, apply_decision
from crm_office.sync.plan import FieldChange, TablePlan
from crm_office.sync.state import SyncState
from crm_office.workbook.files import sheet_names


def settle_conflicts(state: SyncState) -> None:
    """Apply what people decided on the Conflicts sheets; hold the rest open."""
    sheet = state.config.sync.conflicts_sheet
    decisions: dict[int, str] = {}
    for path in state.files:
        if sheet in sheet_names(path):
            decisions.update(read_decisions(path, sheet))
    for conflict in state.store.open_conflicts():
        plan = state.plans.get(conflict.table)
        if plan is None:
            continue
        typed = decisions.get(conflict.id)
        if typed is not None:
            value = apply_decision(_field_conflict(conflict), typed)
            if value is not NOT_DECIDED:
                _apply_decision(plan, conflict.record_id, conflict.field, value)
                state.settled.append(conflict.id)
                plan.settled += 1
                continue
            state.unclear[conflict.id] = typed
        plan.held.add((conflict.record_id, conflict.field))
        plan.conflicts = [c for c in plan.conflicts if (c.record_id, c.field) !=
                          (conflict.record_id, conflict.field)]


def register_conflicts(state: SyncState) -> None:
    """New conflicts get their numbers now, so the Conflicts sheet can show them."""
    if state.dry_run:
        found = (c for plan in state.plans.values() for c in plan.conflicts)
        for index, conflict in enumerate(found):
            state.new_conflicts[-index - 1] = conflict
        return
    with state.store.transaction() as tx:
        for key, plan in state.plans.items():
            for conflict in plan.conflicts:
                options = [ConflictOption(o.value, o.source, o.cell, o.seen_at)
                           for o in conflict.options]
                number = tx.add_conflict(key, conflict.record_id, conflict.field,
                                         conflict.base, options)
                state.new_conflicts[number] = conflict


def _apply_decision(plan: TablePlan, record_id: str, name: str, value: str | None) -> None:
    merged = plan.merged.get(record_id)
    plan.conflicts = [c for c in plan.conflicts if (c.record_id, c.field) != (record_id, name)]
    plan.held.discard((record_id, name))
    if merged is None:
        return
    old = merged.get(name)
    merged[name] = value
    plan.touched.add(record_id)
    plan.changes.append(FieldChange(record_id, name, old, value, "Conflicts sheet"))


def _field_conflict(conflict: Conflict) -> FieldConflict:
    return FieldConflict(conflict.record_id, conflict.field, conflict.base,
                         tuple(Side(o.source, o.cell, o.value, o.seen_at)
                               for o in conflict.options))
