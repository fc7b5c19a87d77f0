"""The last steps of a sync: the report's table lines, and the store commit."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from crm_office.sync.commit import commit_run, stale_records
from crm_office.sync.engine_columns import EngineValues, engine_values
from crm_office.sync.engine_memory import Remembered, remembered, to_remember
from crm_office.sync.guards import held_note
from crm_office.sync.plan import TablePlan
from crm_office.sync.report import table_sync
from crm_office.sync.state import SyncState
from crm_office.sync.values import canonical
from crm_office.sync.view_sources import with_views
from crm_office.writeback import FileStamp

log = logging.getLogger(__name__)


def summarise(state: SyncState) -> None:
    """One line per merged table; a note when a table waited."""
    for key, plan in state.plans.items():
        state.report.tables.append(table_sync(key, plan, state.today.year))
    if state.held:
        state.report.notes.append(held_note(state.held, state.config.locale))


def commit(state: SyncState) -> None:
    """Records, history, counters, conflicts, hashes and engine values, in one transaction.
    A skipped or unreadable workbook keeps no hash, so it is read (and reported) again."""
    if state.dry_run:
        state.report.open_conflicts = len(state.new_conflicts)
        return
    unwritten = state.skipped
    left_out = unwritten | state.unreadable
    hashes = state.run_marks()
    for path, label in with_views(state.base_config).workbook_files().items():
        if label not in left_out and path.is_file():
            hashes[state.key(path)] = _hash_now(path, state.stamps.get(path))
    stale = {key: stale_records(plan, unwritten) for key, plan in state.plans.items()}
    before = last_engine(state, set(state.engine)) if any(stale.values()) else {}
    from crm_office.analysis.frames_cache import META_KEY, new_token

    token = new_token()
    commit_run(state.store, state.plans, unwritten, hashes, state.settled, state.now,
               state.report.totals(), {**to_remember(state.engine, before, stale),
                                       META_KEY: token})
    state.report.open_conflicts = len(state.store.open_conflicts())
    leave_frames(state, token)


def leave_frames(state: SyncState, token: str) -> None:
    """The weekly analysis' columnar copy of what was committed (see
    :mod:`crm_office.analysis.frames_cache`); without it the analysis reads the records."""
    from crm_office.analysis.frames_cache import write_frames_cache

    try:
        write_frames_cache(state.base_config, token,
                           {key: plan.merged for key, plan in state.plans.items()}, state.engine)
    except OSError as exc:
        log.warning("the weekly analysis' copy of the records was not written: %s", exc)


def last_engine(state: SyncState, tables: set[str]) -> Remembered:
    """The engine values the last sync wrote (read once, when needed)."""
    if state.last_engine is None:
        kept = remembered(state.store, tables)
        state.last_engine = kept if kept is not None else {
            table: {record_id: {name: canonical(value) for name, value in columns.items()}
                    for record_id, columns in values.items()}
            for table, values in _engine_before(state).items()}
    return state.last_engine


def _engine_before(state: SyncState) -> EngineValues:
    """The engine values of the last sync, for a store that did not keep them: computed
    from the store as it was before this run, on the day of the last run."""
    store = state.store
    plans = {key: TablePlan(plan.table, merged={
        record_id: dict(record.data) for record_id, record in store.records(key).items()})
        for key, plan in state.plans.items()}
    since = {change.record_id: change.changed_at.date()
             for change in store.history("deals") if change.field == "stage"} \
        if "deals" in plans else {}
    last_day = store.file_hashes().get("@today")
    day = dt.date.fromisoformat(last_day) if last_day else state.today
    return engine_values(state.config, plans, day, since)


def _hash_now(path: Path, read: FileStamp | None) -> str:
    """The file's SHA-256 now; the one taken at read time when size and mtime are unchanged."""
    info = path.stat()
    if read is not None and (info.st_size, info.st_mtime_ns) == (read.size, read.mtime_ns):
        return read.sha256
    return FileStamp.of(path).sha256
