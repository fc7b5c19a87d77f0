"""Sync steps that write: the workbooks (cells, appended rows, Conflicts sheets), then the
manager views. Every write goes through :mod:`crm_office.writeback`."""

from __future__ import annotations

from pathlib import Path

from crm_office.catalogue import say
from crm_office.store import Conflict
from crm_office.sync.apply import WorkbookJob, row_values, write_workbooks
from crm_office.sync.conflicts_sheet import conflict_rows
from crm_office.sync.guards import forget_unwritten, sources_of
from crm_office.sync.report import FileSync
from crm_office.sync.state import SyncState
from crm_office.sync.view_sources import is_view, refresh_views
from crm_office.workbook.files import sheet_names
from crm_office.writeback import FileStamp


def plan_writes(state: SyncState) -> None:
    """One job per workbook (views are regenerated, not patched): its sheets' rows, the
    records typed only in a view, and the Conflicts sheet."""
    jobs = {path: WorkbookJob(path, label) for path, label in state.files.items()
            if not is_view(state.config, path)}
    for plan in state.plans.values():
        for rows in sources_of(plan):
            if rows.part.source.path in jobs:
                jobs[rows.part.source.path].sources.append(rows)
    _conflicts_into(state, jobs)
    _appends_into(state, jobs)
    state.jobs = list(jobs.values())


def write_into_workbooks(state: SyncState) -> None:
    """Patch each workbook that has something to change; forget what could not be written."""
    state.on_step("writing workbooks")
    state.report.files = write_workbooks(state.config, state.jobs, state.plans, state.engine,
                                         state.stamps, dry_run=state.dry_run)
    if state.dry_run:
        return
    skipped = state.skipped
    report = state.report
    report.replaced = [cell for cell in report.replaced if cell.file not in skipped]
    dropped = forget_unwritten(state.plans, skipped)
    report.assignments = [item for item in report.assignments
                          if item["client"] not in dropped]


def write_views(state: SyncState) -> None:
    """Regenerate the managers' views, unless a table waits or a view changed meanwhile."""
    if state.dry_run or state.held:
        return
    state.on_step("writing manager views")
    for path, stamp in state.stamps.items():  # a view saved after it was read is left alone
        if is_view(state.config, path) and path.is_file() and FileStamp.of(path) != stamp:
            state.report.files.append(FileSync(state.files[path], skipped=say(
                "sync.view-changed", state.config.locale)))
            return
    for result in refresh_views(state.config, state.plans, state.engine, state.today,
                                state.stamps):
        label = f"{state.config.sync.views_folder}/{result.path.name}"
        state.report.views.append({"manager": result.manager, "file": label,
                                   "written": result.written, "skipped": result.skipped,
                                   "rows": dict(result.rows)})
        if result.skipped:
            state.report.files.append(FileSync(label, skipped=result.skipped))


def _appends_into(state: SyncState, jobs: dict[Path, WorkbookJob]) -> None:
    """A record typed only in a manager's view is added to its table's first workbook."""
    for key, plan in state.plans.items():
        home = state.base_config.tables[key].sources[0]
        target = next((rows for rows in sources_of(plan) if rows.part.source == home), None)
        if target is None or home.path not in jobs:
            continue
        views = {id(rows) for rows in sources_of(plan)
                 if is_view(state.config, rows.part.source.path)}
        for record_id in plan.added if views else ():
            if all(id(rows) in views for rows, _ in plan.places[record_id]):
                values = {**plan.merged[record_id],
                          **state.engine.get(key, {}).get(record_id, {})}
                jobs[home.path].appends.append((home.sheet, row_values(
                    target, record_id, values, state.config.locale, plan.id_scheme)))


def _conflicts_into(state: SyncState, jobs: dict[Path, WorkbookJob]) -> None:
    """Each table's open conflicts go to the Conflicts sheet of its first workbook."""
    by_path: dict[Path, list[Conflict]] = {}
    for conflict in state.store.open_conflicts():
        if conflict.id not in state.settled and conflict.table in state.config.tables:
            path = state.config.tables[conflict.table].sources[0].path
            by_path.setdefault(path, []).append(conflict)
    sheet = state.config.sync.conflicts_sheet
    for path, job in jobs.items():
        if path in by_path or sheet in sheet_names(path):
            job.conflicts = conflict_rows(by_path.get(path, []), state.config.locale,
                                          state.unclear)
