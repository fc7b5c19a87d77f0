"""What one sync run has read and decided so far: the state its steps work on.

Each step of :data:`crm_office.sync.session.SYNC_STEPS` reads and fills part of it, in
order (docs/sync-design.md, "A sync run"); a later step (the weekly analysis, the
scheduler) can read the whole of it after the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crm_office.config.model import Config
from crm_office.store import Store
from crm_office.sync.apply import WorkbookJob
from crm_office.sync.engine_columns import EngineValues
from crm_office.sync.engine_memory import Remembered
from crm_office.sync.merge import FieldConflict
from crm_office.sync.plan import TablePlan
from crm_office.sync.report import SyncReport
from crm_office.workbook.sheet_table import TableRead
from crm_office.writeback import FileStamp


@dataclass
class SyncState:
    """One run: its inputs, what was read, the plans, and what was written."""

    config: Config
    """The office's config with the manager views added as sources."""
    base_config: Config
    """The office's config as written (no views)."""
    store: Store
    today: dt.date
    dry_run: bool
    allow_mass_archive: bool = False
    on_step: Callable[[str], None] = lambda _step: None
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    report: SyncReport = field(init=False)
    files: dict[Path, str] = field(default_factory=dict)
    """Every workbook (views too) with the label it is reported under."""
    stamps: dict[Path, FileStamp] = field(default_factory=dict)
    """Size, mtime and SHA-256 of each workbook when the run began."""
    tables: dict[str, TableRead] = field(default_factory=dict)
    plans: dict[str, TablePlan] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)
    """Tables not merged this run (a place of theirs could not be read)."""
    unreadable: set[str] = field(default_factory=set)
    """Workbook labels that keep no hash, so the next sync reads them again."""
    settled: list[int] = field(default_factory=list)
    new_conflicts: dict[int, FieldConflict] = field(default_factory=dict)
    unclear: dict[int, str] = field(default_factory=dict)
    """Conflict number -> a decision typed that could not be understood."""
    engine: EngineValues = field(default_factory=dict)
    last_engine: Remembered | None = None
    """The engine values the last run wrote, once read (see engine_memory)."""
    jobs: list[WorkbookJob] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.report = SyncReport(dry_run=self.dry_run)

    def key(self, path: Path) -> str:
        """Workbooks are remembered relative to the office folder, so it may move."""
        try:
            return str(path.resolve().relative_to(self.config.paths.root))
        except ValueError:
            return str(path)

    def run_marks(self) -> dict[str, str]:
        """Besides the workbooks, a new day (dates move on) or a changed config means work."""
        config_hash = hashlib.sha256(self.base_config.path.read_bytes()).hexdigest()
        return {"@today": self.today.isoformat(), "@config": config_hash}

    @property
    def skipped(self) -> set[str]:
        """Workbooks the write-back had to leave alone this run (open in Excel, ...)."""
        return {item.file for item in self.report.files if item.skipped}
