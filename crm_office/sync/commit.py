"""The last step of a sync: everything it learnt goes into the store in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from crm_office.store import Change, Store, StoredRecord
from crm_office.sync.plan import TablePlan


def commit_run(store: Store, plans: Mapping[str, TablePlan], unwritten: set[str],
               hashes: dict[str, str], settled: Iterable[int], now: dt.datetime,
               totals: dict[str, Any], meta: Mapping[str, str] | None = None) -> None:
    """Records, archive, history, settled conflicts, workbook hashes, what the engine keeps
    between runs (``meta``) and the run journal."""
    with store.transaction() as tx:
        run_id = tx.start_run()
        for key, plan in plans.items():
            stale = stale_records(plan, unwritten)
            tx.put_records(key, changed_records(key, plan, stale))
            if plan.archived:
                tx.archive(key, plan.archived)
            tx.add_changes(history_changes(key, plan, stale, now, run_id))
        for number in settled:
            tx.settle_conflict(number)
        tx.set_file_hashes(hashes)
        for key, value in (meta or {}).items():
            tx.set_meta(key, value)
        tx.finish_run(run_id, "ok", totals)


def stale_records(plan: TablePlan, unwritten: set[str]) -> set[str]:
    """Records in a workbook that could not be written keep their old base in the store,
    so that workbook's old values are not taken for edits on the next sync."""
    if not unwritten:
        return set()
    return {record_id for record_id, places in plan.places.items()
            if any((rows.part.source.file or rows.part.source.path.name) in unwritten
                   for rows, _ in places)}


def changed_records(key: str, plan: TablePlan, stale: set[str]) -> list[StoredRecord]:
    """Records whose values or places changed (stale ones wait for the next sync)."""
    records = []
    for record_id, places in plan.places.items():
        if record_id in stale:
            continue
        labels = tuple(sorted({rows.label for rows, _ in places}))
        if record_id in plan.touched or labels != tuple(plan.base_sources.get(record_id, ())):
            records.append(StoredRecord(key, record_id, plan.merged[record_id], False, labels))
    return records


def history_changes(key: str, plan: TablePlan, stale: set[str], now: dt.datetime,
                    run_id: int) -> list[Change]:
    """Field changes, archivings and restorings of this run, for `crm-office history`."""
    changes = [Change(key, c.record_id, c.field, c.old, c.new, c.source, now, run_id)
               for c in plan.changes if c.record_id not in stale]
    changes += [Change(key, rid, "(archived)", None, None, "deleted from its workbook", now,
                       run_id) for rid in plan.archived]
    changes += [Change(key, rid, "(restored)", None, None, "back in a workbook", now, run_id)
                for rid in plan.restored]
    return changes
