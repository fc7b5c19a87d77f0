"""One sync run, step by step (see :mod:`crm_office.sync.run` and docs/sync-design.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crm_office.config.model import Config
from crm_office.model.id_scheme import table_scheme
from crm_office.store import ConflictOption, Store
from crm_office.sync.apply import WorkbookJob, write_workbooks
from crm_office.sync.commit import commit_run, stale_records
from crm_office.sync.conflicts_sheet import conflict_rows, read_decisions
from crm_office.sync.engine_columns import EngineValues, engine_values
from crm_office.sync.engine_memory import Remembered, remembered, to_remember
from crm_office.sync.guards import (
    archive_view_only,
    forget_unwritten,
    held_note,
    held_table,
    lost_id_column,
    mass_archive,
    sources_of,
    unread_sources,
)
from crm_office.sync.ids import duplicate_notes, give_ids, new_ids, typed_ids
from crm_office.sync.leads import assign_new_leads
from crm_office.sync.merge import NOT_DECIDED, FieldConflict, Side, apply_decision
from crm_office.sync.plan import FieldChange, TablePlan, plan_table
from crm_office.sync.report import SyncReport, table_sync
from crm_office.sync.sides import source_rows
from crm_office.sync.typed_over import typed_over_engine
from crm_office.sync.values import canonical
from crm_office.sync.view_sources import is_view, refresh_views, with_views
from crm_office.workbook.files import sheet_names
from crm_office.workbook.reader import read_office
from crm_office.workbook.sheet_table import TableRead

log = logging.getLogger(__name__)


class SyncSession:
    """Holds what one run has read and decided, from the hash check to the store commit."""

    def __init__(self, config: Config, store: Store, today: dt.date, dry_run: bool,
                 on_step: Callable[[str], None] | None, allow_mass_archive: bool = False) -> None:
        self.allow_mass_archive = allow_mass_archive
        self.config, self.store, self.today, self.dry_run = config, store, today, dry_run
        self.base_config = config
        self.on_step = on_step or (lambda _step: None)
        self.report = SyncReport(dry_run=dry_run)
        self.now = dt.datetime.now(dt.UTC)
        self.plans: dict[str, TablePlan] = {}
        self.settled: list[int] = []
        self.new_conflicts: dict[int, FieldConflict] = {}
        self.unreadable: set[str] = set()
        self.unclear: dict[int, str] = {}
        self.held: set[str] = set()
        """Tables not merged this run (a place of theirs could not be read)."""
        self.engine: EngineValues = {}
        self.last_engine: Remembered | None = None

    def run(self) -> SyncReport:
        from crm_office.writeback import FileStamp

        self.config = with_views(self.config)
        files = self.config.workbook_files()
        stamps = {path: FileStamp.of(path) for path in files if path.is_file()}
        hashes = {self._key(path): stamp.sha256 for path, stamp in stamps.items()}
        if hashes and hashes | self._run_marks() == self.store.file_hashes():
            self.report.nothing_to_do = True
            self.report.open_conflicts = len(self.store.open_conflicts())
            log.info("sync: no workbook changed since the last sync")
            return self.report
        self.on_step("reading workbooks")
        tables = read_office(self.config)
        views = f"{self.config.sync.views_folder}/"
        broken = [p for read in tables.values() for p in read.problems
                  if (p.code.startswith("file-") or p.code in ("sheet-missing",
                                                               "header-not-found"))
                  and not p.file.startswith(views)]
        self.unreadable = {p.file for p in broken}
        self.report.problems = list(dict.fromkeys(f"{p.where}: {p.message}" for p in broken))
        self._plan(tables)
        self._settle(files)
        self._register_conflicts()
        self._give_ids()
        self._owners_of_view_rows()
        self.report.assignments = assign_new_leads(self.config, self.plans)
        engine = self.engine = self._engine()
        jobs = self._jobs(files, engine)
        self.report.replaced = typed_over_engine(
            (rows for job in jobs for rows in job.sources), engine,
            lambda: self._last_engine(set(engine)),
            self.config.locale)
        self.on_step("writing workbooks")
        self.report.files = write_workbooks(self.config, jobs, self.plans, engine, stamps,
                                            dry_run=self.dry_run)
        if not self.dry_run:
            skipped = {item.file for item in self.report.files if item.skipped}
            self.report.replaced = [cell for cell in self.report.replaced
                                    if cell.file not in skipped]
            dropped = forget_unwritten(self.plans, skipped)
            self.report.assignments = [item for item in self.report.assignments
                                       if item["client"] not in dropped]
            if not self.held:
                self.on_step("writing manager views")
                self._views(engine, stamps)
        if self.held:
            self.report.notes.append(held_note(self.held))
        for key, plan in self.plans.items():
            self.report.tables.append(table_sync(key, plan, self.today.year))
        if not self.dry_run:
            self._commit(stamps)
        self.report.open_conflicts = len(self.store.open_conflicts()) if not self.dry_run \
            else len(self.new_conflicts)
        return self.report

    def _key(self, path: Path) -> str:
        """Workbooks are remembered relative to the office folder, so it may move."""
        try:
            return str(path.resolve().relative_to(self.config.paths.root))
        except ValueError:
            return str(path)

    def _run_marks(self) -> dict[str, str]:
        """Besides the workbooks, a new day (dates move on) or a changed config means work."""
        config_hash = hashlib.sha256(self.base_config.path.read_bytes()).hexdigest()
        return {"@today": self.today.isoformat(), "@config": config_hash}

    def _views(self, engine: Any, stamps: dict[Path, Any]) -> None:
        from crm_office.sync.report import FileSync
        from crm_office.writeback import FileStamp

        for path, stamp in stamps.items():  # a view saved after it was read is left alone
            if is_view(self.config, path) and path.is_file() and FileStamp.of(path) != stamp:
                self.report.files.append(FileSync(self.config.workbook_files()[path], skipped=(
                    "changed while the sync ran; run it again")))
                return
        for result in refresh_views(self.config, self.plans, engine, self.today):
            label = f"{self.config.sync.views_folder}/{result.path.name}"
            self.report.views.append({"manager": result.manager, "file": label,
                                      "written": result.written, "skipped": result.skipped,
                                      "rows": dict(result.rows)})
            if result.skipped:
                self.report.files.append(FileSync(label, skipped=result.skipped))

    def _plan(self, tables: dict[str, TableRead]) -> None:
        for key, read in tables.items():
            self.on_step(f"merging {key}")
            plan = self._plan_one(key, read)
            if plan is None:
                self.held.add(key)
            else:
                self.plans[key] = plan

    def _plan_one(self, key: str, read: TableRead) -> TablePlan | None:
        """The table's plan, or None when it must wait (a source of it could not be read)."""
        every = self.store.records(key, include_archived=True)
        base_sources = {rid: rec.sources for rid, rec in every.items()}
        unread = unread_sources(self.base_config.tables[key], read)
        problem = held_table(key, unread) or lost_id_column(read, base_sources,
                                                             self.config.locale)
        if problem:  # its workbooks keep no hash: the next sync tries again
            self.report.problems.append(problem)
            self.unreadable.update(part.source.file for part in read.parts)
            self.unreadable.update(source.file or source.path.name for source in unread)
            return None
        scheme = table_scheme(read.table.id_prefix, self.config.tables[key].id_format,
                              [*typed_ids(read), *every])
        sources = [source_rows(part, scheme) for part in read.parts]
        seen = {rows.label: dt.datetime.fromtimestamp(
            rows.part.source.path.stat().st_mtime, dt.UTC) for rows in sources}
        base = {rid: rec.data for rid, rec in every.items() if not rec.archived}
        archived = {rid: rec.data for rid, rec in every.items() if rec.archived}
        configured = {source.label for source in self.config.tables[key].sources}
        unread_views = configured - {part.source.label for part in read.parts}
        plan = plan_table(read.table, base, archived, sources, seen, unread_views,
                          base_sources)
        plan.id_scheme = scheme
        self.report.notes.extend(duplicate_notes(sources))
        archive_view_only(plan, lambda rows: is_view(self.config, rows.part.source.path))
        problem = mass_archive(plan, len(base), self.allow_mass_archive)
        if problem:
            self.report.problems.append(problem)
            self.unreadable.update(rows.part.source.file for rows in sources_of(plan))
        return plan

    def _settle(self, files: dict[Path, str]) -> None:
        """Apply what people decided on the Conflicts sheets."""
        sheet = self.config.sync.conflicts_sheet
        decisions: dict[int, str] = {}
        for path in files:
            if sheet in sheet_names(path):
                decisions.update(read_decisions(path, sheet))
        for conflict in self.store.open_conflicts():
            plan = self.plans.get(conflict.table)
            typed = decisions.get(conflict.id)
            if plan is None:
                continue
            if typed is not None:
                value = apply_decision(_field_conflict(conflict), typed)
                if value is NOT_DECIDED:
                    self.unclear[conflict.id] = typed
                else:
                    self._apply_decision(plan, conflict.record_id, conflict.field,
                                         value)
                    self.settled.append(conflict.id)
                    plan.settled += 1
                    continue
            plan.held.add((conflict.record_id, conflict.field))
            plan.conflicts = [c for c in plan.conflicts if (c.record_id, c.field) !=
                              (conflict.record_id, conflict.field)]

    def _apply_decision(self, plan: TablePlan, record_id: str, name: str,
                        value: str | None) -> None:
        merged = plan.merged.get(record_id)
        plan.conflicts = [c for c in plan.conflicts if (c.record_id, c.field) !=
                          (record_id, name)]
        plan.held.discard((record_id, name))
        if merged is None:
            return
        old = merged.get(name)
        merged[name] = value
        plan.touched.add(record_id)
        plan.changes.append(FieldChange(record_id, name, old, value, "Conflicts sheet"))

    def _register_conflicts(self) -> None:
        """New conflicts get their numbers now, so the Conflicts sheet can show them."""
        if self.dry_run:
            for index, conflict in enumerate(c for p in self.plans.values() for c in p.conflicts):
                self.new_conflicts[-index - 1] = conflict
            return
        with self.store.transaction() as tx:
            for key, plan in self.plans.items():
                for conflict in plan.conflicts:
                    options = [ConflictOption(o.value, o.source, o.cell, o.seen_at)
                               for o in conflict.options]
                    number = tx.add_conflict(key, conflict.record_id, conflict.field,
                                             conflict.base, options)
                    self.new_conflicts[number] = conflict

    def _give_ids(self) -> None:
        """New rows get the next IDs of their table's scheme."""
        for key, plan in self.plans.items():
            give_ids(plan, new_ids(self.store, key, plan, self.today.year,
                                   dry_run=self.dry_run))

    def _engine(self) -> EngineValues:
        """Engine columns, computed from every table; none while a table waits (computed
        from part of the office they would be wrong: a debt or last contact cleared)."""
        if self.held:
            return {}
        return engine_values(self.config, self.plans, self.today, self._stage_since())

    def _last_engine(self, tables: set[str]) -> Remembered:
        """The engine values the last sync wrote (read once, when needed)."""
        if self.last_engine is None:
            kept = remembered(self.store, tables)
            self.last_engine = kept if kept is not None else {
                table: {record_id: {name: canonical(value) for name, value in columns.items()}
                        for record_id, columns in values.items()}
                for table, values in self._engine_before().items()}
        return self.last_engine

    def _engine_before(self) -> EngineValues:
        """The engine values of the last sync, for a store that did not keep them: computed
        from the store as it was before this run, on the day of the last run."""
        plans = {key: TablePlan(plan.table, merged={
            record_id: dict(record.data) for record_id, record in self.store.records(key).items()})
            for key, plan in self.plans.items()}
        last_day = self.store.file_hashes().get("@today")
        since = {change.record_id: change.changed_at.date()
                 for change in self.store.history("deals") if change.field == "stage"} \
            if "deals" in plans else {}
        day = dt.date.fromisoformat(last_day) if last_day else self.today
        return engine_values(self.config, plans, day, since)

    def _stage_since(self) -> dict[str, dt.date]:
        since: dict[str, dt.date] = {}
        if "deals" not in self.plans:
            return since
        for change in self.store.history("deals"):
            if change.field == "stage":
                since[change.record_id] = change.changed_at.date()
        for edit in self.plans["deals"].changes:
            if edit.field == "stage":
                since[edit.record_id] = self.today
        return since

    def _owners_of_view_rows(self) -> None:
        """A client or deal typed into a manager's view without a manager is theirs."""
        from crm_office.sync.view_sources import views_folder
        from crm_office.sync.views import view_path

        managers = self.plans.get("managers")
        if managers is None:
            return
        folder = views_folder(self.config)
        owner = {view_path(folder, name).name: name for name in managers.merged}
        for key in ("clients", "deals"):
            plan = self.plans.get(key)
            if plan is None:
                continue
            for record_id in plan.added:
                places = plan.places[record_id]
                path = places[0][0].part.source.path
                name = owner.get(path.name)
                merged = plan.merged[record_id]
                if is_view(self.config, path) and name and not merged.get("manager"):
                    merged["manager"] = name

    def _jobs(self, files: dict[Path, str], engine: Any) -> list[WorkbookJob]:
        jobs = {path: WorkbookJob(path, label) for path, label in files.items()
                if not is_view(self.config, path)}  # views are regenerated, not patched
        for plan in self.plans.values():
            for rows in sources_of(plan):
                if rows.part.source.path in jobs:
                    jobs[rows.part.source.path].sources.append(rows)
        self._conflicts_into(jobs)
        self._appends_into(jobs, engine)
        return list(jobs.values())

    def _appends_into(self, jobs: dict[Path, WorkbookJob], engine: Any) -> None:
        """A record typed only in a manager's view is added to its table's first workbook."""
        from crm_office.sync.apply import row_values

        for key, plan in self.plans.items():
            home = self.base_config.tables[key].sources[0]
            target = next((rows for rows in sources_of(plan)
                           if rows.part.source == home), None)
            if target is None or home.path not in jobs:
                continue
            views = {id(rows) for rows in sources_of(plan)
                     if is_view(self.config, rows.part.source.path)}
            for record_id in plan.added if views else ():
                places = plan.places[record_id]
                if all(id(rows) in views for rows, _ in places):
                    values = {**plan.merged[record_id],
                              **engine.get(key, {}).get(record_id, {})}
                    jobs[home.path].appends.append((home.sheet, row_values(
                        target, record_id, values, self.config.locale)))

    def _conflicts_into(self, jobs: dict[Path, WorkbookJob]) -> None:
        """Each table's open conflicts go to the Conflicts sheet of its first workbook."""
        open_now = [c for c in self.store.open_conflicts() if c.id not in self.settled]
        by_path: dict[Path, list[Any]] = {}
        for conflict in open_now:
            path = self.config.tables[conflict.table].sources[0].path \
                if conflict.table in self.config.tables else None
            if path is not None:
                by_path.setdefault(path, []).append(conflict)
        sheet = self.config.sync.conflicts_sheet
        for path, job in jobs.items():
            if path in by_path or sheet in sheet_names(path):
                job.conflicts = conflict_rows(by_path.get(path, []), self.config.locale,
                                              self.unclear)

    def _commit(self, stamps: dict[Path, Any]) -> None:
        skipped = {item.file for item in self.report.files if item.skipped} | self.unreadable
        hashes = self._run_marks()  # a skipped or unreadable workbook keeps no hash,
        for path, label in with_views(self.base_config).workbook_files().items():  # so it is
            if label not in skipped and path.is_file():  # read (and reported) again
                hashes[self._key(path)] = _hash_now(path, stamps.get(path))
        unwritten = {item.file for item in self.report.files if item.skipped}
        stale = {key: stale_records(plan, unwritten) for key, plan in self.plans.items()}
        before = self._last_engine(set(self.engine)) if any(stale.values()) else {}
        commit_run(self.store, self.plans, unwritten, hashes, self.settled, self.now,
                   self.report.totals(), to_remember(self.engine, before, stale))


def _hash_now(path: Path, read: Any) -> str:
    """The file's SHA-256 now; the one taken at read time when size and mtime are unchanged."""
    from crm_office.writeback import FileStamp

    info = path.stat()
    if read is not None and (info.st_size, info.st_mtime_ns) == (read.size, read.mtime_ns):
        return str(read.sha256)
    return FileStamp.of(path).sha256


def _field_conflict(conflict: Any) -> FieldConflict:
    return FieldConflict(conflict.record_id, conflict.field, conflict.base,
                         tuple(Side(o.source, o.cell, o.value, o.seen_at)
                               for o in conflict.options))

