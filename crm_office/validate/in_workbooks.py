"""Show a validation in the workbooks themselves: marks, notes, an Issues sheet, safe fixes.

Everything is written through :mod:`crm_office.writeback`, one write per workbook.
A workbook that is open or changed meanwhile is skipped with a message; nothing is lost.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.catalogue import say
from crm_office.catalogue.sheets import ISSUES_COLUMNS
from crm_office.config.model import Config
from crm_office.errors import WorkbookError, describe
from crm_office.problems import Problem
from crm_office.validate.report import ValidationReport
from crm_office.workbook.files import sheet_names

log = logging.getLogger(__name__)

ISSUES_HEADER = tuple(say(key, "en") for key in ISSUES_COLUMNS)
ISSUES_HEADER_RU = tuple(say(key, "ru") for key in ISSUES_COLUMNS)


@dataclass
class WorkbookUpdate:
    """What was written into one workbook, or why it was left alone."""

    file: str
    marks: int = 0
    fixes: int = 0
    issues: int = 0
    backup: str = ""
    skipped: str = ""
    written: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "written": self.written, "marks": self.marks,
                "fixes": self.fixes, "issues": self.issues, "backup": self.backup,
                "skipped": self.skipped}


@dataclass
class Workbook:
    """The office's problems and fixes that belong to one workbook file."""

    path: Path
    label: str
    sheets: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    fixes: list[Problem] = field(default_factory=list)


def group_by_workbook(config: Config, problems: Iterable[Problem],
                      fixes: Iterable[Problem]) -> dict[Path, Workbook]:
    """Every configured workbook (even one without problems, to clear its old marks)."""
    books: dict[Path, Workbook] = {}
    by_label: dict[str, Workbook] = {}
    for table in config.tables.values():
        for source in table.sources:
            book = books.setdefault(source.path, Workbook(source.path, source.file))
            book.sheets.add(source.sheet)
            by_label[source.file] = book
    for problem in problems:
        if problem.file in by_label and problem.sheet:
            by_label[problem.file].problems.append(problem)
    for problem in fixes:
        if problem.file in by_label:
            by_label[problem.file].fixes.append(problem)
    return books


def show_in_workbooks(config: Config, report: ValidationReport, stamps: dict[Path, Any],
                      fixes: list[Problem]) -> list[WorkbookUpdate]:
    """Mark problem cells, write the Issues sheet and apply ``fixes``, workbook by workbook."""
    fixed = {id(problem) for problem in fixes}
    shown = [problem for problem in report.problems if id(problem) not in fixed]
    updates = []
    for book in group_by_workbook(config, shown, fixes).values():
        if book.path not in stamps:
            continue  # the file was unreadable: never write into it
        updates.append(_update_one(config, book, stamps[book.path]))
    return updates


def _update_one(config: Config, book: Workbook, stamp: Any) -> WorkbookUpdate:
    from crm_office.writeback import OfficeWriter, WorkbookPatch

    update = WorkbookUpdate(book.label)
    try:
        patch = WorkbookPatch(book.path, stamp)
        update.marks = _mark(config, patch, book)
        update.fixes = _fix(patch, book)
        update.issues = _issues_sheet(config, patch, book)
    except WorkbookError as exc:  # a value that cannot go into its cell
        update.skipped = describe(exc, config.locale)
        log.info("not written: %s", exc)  # the command reports the skip itself
        return update
    outcome = OfficeWriter.of(config.paths).apply(book.label, patch)
    if outcome.error is not None:
        update.skipped = describe(outcome.error, config.locale)
        return update
    update.backup = str(outcome.backup or "")
    update.written = outcome.written
    log.info("%s: %d marks, %d fixes, %d issues listed", book.label, update.marks,
             update.fixes, update.issues)
    return update


def _mark(config: Config, patch: Any, book: Workbook) -> int:
    from crm_office.writeback import Mark

    if not config.validation.mark_cells:
        return 0
    notes: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for problem in book.problems:
        if problem.severity.value in config.validation.mark_severities \
                and problem.row and problem.column:
            notes[(problem.sheet, problem.row, problem.column)].append(
                note_text(problem, config.locale))
    for sheet in sorted(book.sheets):
        sheet_patch = patch.sheet(sheet)
        for (name, row, column), texts in notes.items():
            if name == sheet:
                sheet_patch.mark(Mark(row, column, "\n".join(texts)))
        sheet_patch.clear_marks()
    return len(notes)


def note_text(problem: Problem, locale: str = "en") -> str:
    """The note a person reads when hovering over a marked cell."""
    text = f"{say('severity.' + problem.severity.value, locale)}: {problem.message}"
    return f"{text}\n→ {problem.fix}" if problem.fix else text


def _fix(patch: Any, book: Workbook) -> int:
    for problem in book.fixes:
        if problem.row and problem.column:
            patch.sheet(problem.sheet).set_cell(problem.row, problem.column, problem.replacement)
    return len(book.fixes)


def _issues_sheet(config: Config, patch: Any, book: Workbook) -> int:
    from crm_office.writeback import LinkedCell

    name = config.validation.issues_sheet
    if not name or (not book.problems and name not in sheet_names(book.path)):
        return 0  # no Issues sheet is added to a workbook without problems
    rows = []
    for problem in book.problems:
        cell = problem.cell or (f"A{problem.row}" if problem.row else "")
        link: Any = LinkedCell(cell, problem.sheet, cell) if cell else ""
        rows.append([say("severity." + problem.severity.value, config.locale), problem.sheet, link,
                     problem.header,
                     _shown(problem.value), problem.message, problem.fix, problem.code])
    header = ISSUES_HEADER_RU if config.locale == "ru" else ISSUES_HEADER
    patch.replace_sheet(config.validation.issues_sheet, header, rows)
    return len(rows)


def _shown(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)

