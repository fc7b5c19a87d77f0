"""`crm-office validate`: find the problems, apply safe fixes, show the rest in the cells."""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from crm_office.catalogue import Text
from crm_office.config.model import Config
from crm_office.errors import ConfigError
from crm_office.problems import Problem
from crm_office.validate import validate_office
from crm_office.validate.in_workbooks import WorkbookUpdate, show_in_workbooks
from crm_office.validate.report import ValidationReport

log = logging.getLogger(__name__)

FIX_JOURNAL = "fixes.csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ValidationRun:
    """The report, the safe fixes planned (and applied unless a dry run), what was written."""

    report: ValidationReport
    fixes: list[Problem] = field(default_factory=list)
    updates: list[WorkbookUpdate] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok

    def to_dict(self) -> dict[str, Any]:
        data = self.report.to_dict()
        data["fixes"] = [{"file": p.file, "sheet": p.sheet, "cell": p.cell, "header": p.header,
                          "old": _text(p.value), "new": _text(p.replacement), "rule": p.code}
                         for p in self.fixes]
        data["dry_run"] = self.dry_run
        data["workbooks"] = [update.to_dict() for update in self.updates]
        return data


def run_validation(config: Config, *, mark: bool = True, fix: bool = False,
                   dry_run: bool = False,
                   on_step: Callable[[str], None] | None = None) -> ValidationRun:
    """Validate; with ``fix`` apply safe normalisations; with ``mark`` show problems in cells."""
    from crm_office.writeback import FileStamp

    stamps = {source.path: FileStamp.of(source.path)
              for table in config.tables.values() for source in table.sources
              if source.path.is_file()}
    report = validate_office(config, on_step)
    broken = {p.file for p in report.problems if p.code.startswith("file-")}
    stamps = {path: stamp for path, stamp in stamps.items()  # never write into a broken file
              if config.workbook_files().get(path, path.name) not in broken}
    run = ValidationRun(report, fixes=report.fixable if fix else [], dry_run=dry_run)
    if dry_run or not (mark or fix):
        return run
    if not mark:
        config = _without_marks(config)
    with FixJournal.opened(config.paths.output / FIX_JOURNAL, wanted=bool(run.fixes)) as journal:
        run.updates = show_in_workbooks(config, report, stamps, run.fixes)
        written = {update.file for update in run.updates if not update.skipped}
        journal.record([problem for problem in run.fixes if problem.file in written])
    return run


def _without_marks(config: Config) -> Config:
    from dataclasses import replace

    return replace(config, validation=replace(config.validation, mark_cells=False,
                                              issues_sheet=""))


class FixJournal:
    """The CSV journal of applied fixes (when, where, old, new, rule).

    It is opened before the first workbook is written, so a journal that cannot be
    written stops the run before any fix is applied, never after.
    """

    HEADER = ("time", "file", "sheet", "cell", "column", "old", "new", "rule")

    def __init__(self, path: Path, stream: TextIO | None) -> None:
        self.path = path
        self._stream = stream

    @classmethod
    @contextmanager
    def opened(cls, path: Path, *, wanted: bool = True) -> Iterator[FixJournal]:
        """Open (or, when ``wanted`` is false, pretend to open) the journal for appending."""
        if not wanted:
            yield cls(path, None)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            stream = path.open("a", newline="", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(Text("error.fix-journal", path=path, reason=exc.strerror or exc),
                              key_path="paths.output",
                              hint=Text("hint.fix-journal", key="paths.output")) from exc
        with stream:
            yield cls(path, stream)

    def record(self, fixes: list[Problem]) -> None:
        """Append one row per applied fix."""
        if self._stream is None or not fixes:
            return
        writer = csv.writer(self._stream)
        if self._stream.tell() == 0:
            writer.writerow(self.HEADER)
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        for problem in fixes:
            writer.writerow([stamp, problem.file, problem.sheet, problem.cell, problem.header,
                             _safe(_text(problem.value)), _safe(_text(problem.replacement)),
                             problem.code])
        self._stream.flush()
        log.info("recorded %d fixes in %s", len(fixes), self.path)


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _safe(text: str) -> str:
    """A journal opened in Excel must not run a value as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text
