"""One sync run as explicit steps over a typed state (see docs/sync-design.md).

:data:`SYNC_STEPS` lists the steps in order; each takes the run's
:class:`~crm_office.sync.state.SyncState` and fills its part of it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from crm_office.config.model import Config
from crm_office.model.id_scheme import table_scheme
from crm_office.store import Store
from crm_office.sync.engine_columns import engine_values
from crm_office.sync.finish import commit, last_engine, summarise
from crm_office.sync.guards import (
    archive_view_only,
    held_table,
    lost_id_column,
    mass_archive,
    sources_of,
    unread_sources,
)
from crm_office.sync.ids import duplicate_notes, give_ids, new_ids, typed_ids
from crm_office.sync.leads import assign_new_leads
from crm_office.sync.plan import TablePlan, plan_table
from crm_office.sync.report import SyncReport
from crm_office.sync.settle import register_conflicts, settle_conflicts
from crm_office.sync.sides import source_rows
from crm_office.sync.state import SyncState
from crm_office.sync.typed_over import typed_over_engine
from crm_office.sync.view_sources import is_view, views_folder, with_views
from crm_office.sync.views import view_path
from crm_office.sync.writes import plan_writes, write_into_workbooks, write_views
from crm_office.workbook.reader import read_office
from crm_office.writeback import FileStamp

log = logging.getLogger(__name__)

Step = Callable[[SyncState], None]

BROKEN = ("sheet-missing", "header-not-found")
"""Besides the file-* codes, the problems that leave a workbook's sheet unread."""


def read_workbooks(state: SyncState) -> None:
    """Read every workbook of the office; remember the ones that could not be read."""
    state.on_step("reading workbooks")
    state.tables = read_office(state.config)
    views = f"{state.config.sync.views_folder}/"
    broken = [p for read in state.tables.values() for p in read.problems
              if (p.code.startswith("file-") or p.code in BROKEN)
              and not p.file.startswith(views)]
    state.unreadable = {p.file for p in broken}
    state.report.problems = list({(p.where, p.message): p for p in broken}.values())


def plan_tables(state: SyncState) -> None:
    """Merge each table against the store; a table that cannot be read whole waits."""
    for key in state.tables:
        state.on_step(f"merging {key}")
        plan = _plan_one(state, key)
        if plan is None:
            state.held.add(key)
        else:
            state.plans[key] = plan


def _plan_one(state: SyncState, key: str) -> TablePlan | None:
    read = state.tables[key]
    every = state.store.records(key, include_archived=True)
    base_sources = {rid: rec.sources for rid, rec in every.items()}
    unread = unread_sources(state.base_config.tables[key], read)
    problem = held_table(read.table, unread, state.config.locale) or lost_id_column(
        read, base_sources, state.config.locale)
    if problem:  # its workbooks keep no hash: the next sync tries again
        state.report.problems.append(problem)
        state.unreadable.update(part.source.file for part in read.parts)
        state.unreadable.update(source.file or source.path.name for source in unread)
        return None
    scheme = table_scheme(read.table.id_prefix, state.config.tables[key].id_format,
                          [*typed_ids(read), *every])
    sources = [source_rows(part, scheme) for part in read.parts]
    seen = {rows.label: dt.datetime.fromtimestamp(
        rows.part.source.path.stat().st_mtime, dt.UTC) for rows in sources}
    configured = {source.label for source in state.config.tables[key].sources}
    unread_views = configured - {part.source.label for part in read.parts}
    plan = plan_table(read.table, {rid: rec.data for rid, rec in every.items()
                                   if not rec.archived},
                      {rid: rec.data for rid, rec in every.items() if rec.archived},
                      sources, seen, unread_views, base_sources)
    plan.id_scheme = scheme
    state.report.notes.extend(duplicate_notes(sources, state.config.locale))
    archive_view_only(plan, lambda rows: is_view(state.config, rows.part.source.path))
    problem = mass_archive(plan, sum(1 for rec in every.values() if not rec.archived),
                           state.allow_mass_archive, state.config.locale)
    if problem:
        state.report.problems.append(problem)
        state.unreadable.update(rows.part.source.file for rows in sources_of(plan))
    return plan


def give_new_ids(state: SyncState) -> None:
    """New rows get the next IDs of their table's scheme."""
    for key, plan in state.plans.items():
        give_ids(plan, new_ids(state.store, key, plan, state.today.year,
                               dry_run=state.dry_run))


def give_view_rows_owners(state: SyncState) -> None:
    """A client or deal typed into a manager's view without a manager is theirs."""
    managers = state.plans.get("managers")
    if managers is None:
        return
    folder = views_folder(state.config)
    owner = {view_path(folder, name).name: name for name in managers.merged}
    for plan in (state.plans[key] for key in ("clients", "deals") if key in state.plans):
        for record_id in plan.added:
            path = plan.places[record_id][0][0].part.source.path
            name = owner.get(path.name)
            merged = plan.merged[record_id]
            if is_view(state.config, path) and name and not merged.get("manager"):
                merged["manager"] = name


def assign_leads(state: SyncState) -> None:
    state.report.assignments = assign_new_leads(state.config, state.plans)


def compute_engine_columns(state: SyncState) -> None:
    """Engine columns, computed from every table; none while a table waits (computed from
    part of the office they would be wrong: a debt or a last contact cleared). A value a
    person typed over one of them is named in the report."""
    if state.held:
        return
    state.engine = engine_values(state.config, state.plans, state.today, _stage_since(state))


def find_typed_over_engine(state: SyncState) -> None:
    state.report.replaced = typed_over_engine(
        (rows for job in state.jobs for rows in job.sources), state.engine,
        lambda: last_engine(state, set(state.engine)), state.config.locale)


def _stage_since(state: SyncState) -> dict[str, dt.date]:
    since: dict[str, dt.date] = {}
    if "deals" not in state.plans:
        return since
    for change in state.store.history("deals"):
        if change.field == "stage":
            since[change.record_id] = change.changed_at.date()
    for edit in state.plans["deals"].changes:
        if edit.field == "stage":
            since[edit.record_id] = state.today
    return since


SYNC_STEPS: tuple[Step, ...] = (
    read_workbooks, plan_tables, settle_conflicts, register_conflicts, give_new_ids,
    give_view_rows_owners, assign_leads, compute_engine_columns, plan_writes,
    find_typed_over_engine, write_into_workbooks, write_views, summarise, commit,
)
"""The steps of a run that has work to do, in order."""


class SyncSession:
    """One run: skip when nothing changed, else every step of :data:`SYNC_STEPS`."""

    def __init__(self, config: Config, store: Store, today: dt.date, dry_run: bool,
                 on_step: Callable[[str], None] | None, allow_mass_archive: bool = False,
                 steps: tuple[Step, ...] = SYNC_STEPS) -> None:
        self.state = SyncState(with_views(config), config, store, today, dry_run,
                               allow_mass_archive, on_step or (lambda _step: None))
        self.steps = steps

    def run(self) -> SyncReport:
        state = self.state
        if _nothing_changed(state):
            return state.report
        for step in self.steps:
            step(state)
        return state.report


def _nothing_changed(state: SyncState) -> bool:
    """The no-edit sync: every workbook, the day and the config as at the last sync."""
    state.files = state.config.workbook_files()
    state.stamps = {path: FileStamp.of(path) for path in state.files if path.is_file()}
    hashes = {state.key(path): stamp.sha256 for path, stamp in state.stamps.items()}
    if not hashes or hashes | state.run_marks() != state.store.file_hashes():
        return False
    state.report.nothing_to_do = True
    state.report.open_conflicts = len(state.store.open_conflicts())
    log.info("sync: no workbook changed since the last sync")
    return True
