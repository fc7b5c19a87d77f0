"""Human output of the CLI: rich tables on stdout, messages and progress on stderr."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.table import Table

from crm_office.errors import CrmOfficeError
from crm_office.problems import Problem, Severity

if TYPE_CHECKING:
    from crm_office.check import CheckReport
    from crm_office.demo.office import OfficeSummary
    from crm_office.sync.history import RecordHistory
    from crm_office.sync.report import SyncReport
    from crm_office.validate import ValidationReport
    from crm_office.validate.run import ValidationRun

PROBLEM_LIMIT = 50
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def plural(count: int, word: str) -> str:
    """'1 cell', '2 cells'."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


PIPE_WIDTH = 120
"""Width of output written to a file or pipe, where no terminal says how wide it is."""


def stdout() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def setup_logging(level: int) -> None:
    """Log to stderr through rich; the library only uses logging."""
    logging.basicConfig(level=level, format="%(message)s", force=True,
                        handlers=[RichHandler(console=stderr(), show_path=False)])


def error(exc: CrmOfficeError) -> None:
    """Print a CrmOfficeError as the user should see it."""
    console = stderr()
    console.print(f"[bold red]Error:[/] {escape(exc.message)}", soft_wrap=True)
    if exc.hint:
        console.print(f"  hint: {escape(exc.hint)}", soft_wrap=True)


@contextmanager
def table_progress(total: int, quiet: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar over the tables being read (only on a terminal)."""
    from rich.progress import Progress

    console = stderr()
    with Progress(console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("reading workbooks", total=total)

        def advance(name: str) -> None:
            progress.update(task, advance=1, description=f"reading {name}")

        yield advance


@contextmanager
def step_progress(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current step of a long job (only on a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    console = stderr()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console,
                  transient=True, disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("starting", total=None)

        def step(name: str) -> None:
            progress.update(task, description=name)

        yield step


def sync_report(report: SyncReport) -> None:
    """Tables, files and assignments of a sync."""
    console = stdout()
    if report.nothing_to_do:
        console.print("No workbook changed since the last sync: nothing to do.")
        if report.open_conflicts:
            console.print(f"{plural(report.open_conflicts, 'conflict')} waiting for a "
                          "decision on the Conflicts sheet (in the table's first workbook).")
        return
    tables = Table("Table", "Rows", "Added", "Changed", "Archived", "Conflicts", "Settled",
                   title="Sync" + (" (dry run: nothing written)" if report.dry_run else ""))
    for item in report.tables:
        tables.add_row(item.table, f"{item.rows:,}", f"{item.added:,}", f"{item.changed:,}",
                       f"{len(item.archived):,}", f"{item.conflicts:,}", f"{item.settled:,}")
    console.print(tables)
    for written in report.files:
        if written.skipped:
            print_skipped(console, written.file, written.skipped)
        elif written.cells:
            verb = "would change" if report.dry_run else "changed"
            console.print(f"{escape(written.file)}: {written.cells:,} cells {verb}")
    views_written = [view for view in report.views if view["written"]]
    if views_written:
        console.print("Manager views written: "
                      + ", ".join(escape(view["file"]) for view in views_written))
    for assignment in report.assignments:
        console.print(f"Lead {assignment['client']} → {escape(assignment['manager'])} "
                      f"({escape(assignment['reason'])})")
    for table in report.tables:
        if table.archived:
            more = len(table.archived) - 20
            console.print(f"Archived from {table.table} (restore with `crm-office restore ID`): "
                          + ", ".join(table.archived[:20])
                          + (f" … and {more:,} more (--format json lists all)" if more > 0 else ""))
    for table in report.tables:
        if table.id_scheme and (report.dry_run or table.id_scheme["origin"] != "default"):
            console.print(id_scheme_line(table.table, table.id_scheme))
    for problem in report.problems:
        console.print(f"[red]{escape(problem)}[/]")
    for note in report.notes:
        console.print(escape(note))
    if report.replaced:
        verb = "would replace" if report.dry_run else "replaced"
        console.print(f"Typed into engine-owned columns ({verb} by the engine's values):")
        for cell in report.replaced:
            console.print(f"  {escape(cell.line())}")
    if report.open_conflicts:
        console.print(f"{plural(report.open_conflicts, 'conflict')} waiting for a decision "
                      "on the Conflicts sheet (in the table's first workbook).")


def record_history(found: RecordHistory) -> None:
    console = stdout()
    state = " (archived)" if found.record.archived else ""
    console.print(f"{found.record.record_id} in {found.table}{state}: "
                  f"{escape(', '.join(found.record.sources) or 'no workbook')}")
    changes = Table("When", "Column", "Was", "Became", "Where")
    for change in found.changes:
        changes.add_row(f"{change.changed_at.astimezone():%d.%m.%Y %H:%M}",
                        escape(found.header(change.field)), escape(_day(change.old)),
                        escape(_day(change.new)), escape(change.source))
    console.print(changes if found.changes else "No changes since it was first synced.")
    if found.contacts:
        log = Table("Date", "Type", "What was said", "Result", "Manager", title="Contact log")
        for row in found.contacts:
            log.add_row(_day(row.get("date")), escape(str(row.get("type") or "")),
                        escape(str(row.get("summary") or "")),
                        escape(str(row.get("result") or "")),
                        escape(str(row.get("manager") or "")))
        console.print(log)


def _day(text: object) -> str:
    """An ISO date as 30.01.2024, the way the office writes dates; other text unchanged."""
    value = "" if text is None else str(text)
    digits = value.replace("-", "")
    if len(value) == 10 and value[4] == value[7] == "-" and digits.isdigit():
        return f"{value[8:]}.{value[5:7]}.{value[:4]}"
    return value


def init_summary(summary: OfficeSummary) -> None:
    console = stdout()
    console.print(f"Created a demo office in {summary.root}")
    table = Table("Table", "Rows", title=None, box=None)
    for key, rows in summary.rows.items():
        table.add_row(key, f"{rows:,}")
    console.print(table)
    console.print(f"Next: cd {summary.root} && crm-office check")


def check_report(report: CheckReport, *, show_all: bool = False) -> None:
    """The check report as tables a person reads top to bottom."""
    console = stdout()
    console.print(f"Office: [bold]{escape(report.office)}[/] ({escape(report.config_path)})")
    tables = Table("Table", "Workbook", "Sheet", "Header row", "Rows", "Columns matched",
                   "Unknown columns")
    for summary in report.tables:
        for source in summary.sources:
            tables.add_row(summary.key, escape(source.file), escape(source.sheet),
                           str(source.header_row or "-"), f"{source.rows:,}",
                           str(len(source.mapping)),
                           escape(", ".join(source.unknown_headers)) or "-")
    console.print(tables)
    console.print(mapping_table(report))
    for summary in report.tables:
        if summary.id_scheme:
            console.print(id_scheme_line(summary.key, summary.id_scheme))
    print_problems(console, list(report.problems), show_all)
    data = report.to_dict()["summary"]
    verdict = "[green]OK[/]" if report.ok else "[red]problems found[/]"
    console.print(f"{data['tables']} tables, {data['rows']:,} rows: {data['errors']} errors, "
                  f"{data['warnings']} warnings, {data['infos']} notes — {verdict}")


def mapping_table(report: CheckReport) -> Table:
    """Which column of each sheet matched which field, as the person typed the header."""
    mapping = Table("Table", "Sheet", "Columns (letter: header as typed → field)",
                    title="Header mapping")
    for summary in report.tables:
        for source in summary.sources:
            if source.mapping:
                text = ", ".join(f"{letter}: {header} → {key}" if header.casefold() != key
                                 else f"{letter}: {header}"
                                 for key, header, letter in source.mapping)
                mapping.add_row(summary.key, escape(f"{source.file} [{source.sheet}]"),
                                escape(text))
    return mapping


def id_scheme_line(table: str, scheme: dict[str, str]) -> str:
    """``clients: IDs К-{n:04d} (learnt from the IDs, e.g. К-0001)``."""
    return escape(f"{table}: IDs {scheme['format']} ({scheme['origin']}, "
                  f"e.g. {scheme['example']})")


def validation_run(run: ValidationRun, *, show_all: bool = False) -> None:
    """The report, then the fixes, then what was written into each workbook."""
    validation_report(run.report, show_all=show_all)
    console = stdout()
    if run.fixes:
        changes = Table("Where", "Column", "Was", "Becomes", "Rule",
                        title="Safe fixes" + (" (dry run: not applied)" if run.dry_run else ""))
        for problem in run.fixes:
            changes.add_row(escape(problem.where), escape(problem.header),
                            escape(repr(problem.value)), escape(str(problem.replacement)),
                            problem.code)
        console.print(changes)
    for update in run.updates:
        if update.skipped:
            print_skipped(console, update.file, update.skipped)
        elif update.written:
            console.print(f"{escape(update.file)}: {plural(update.marks, 'cell')} marked, "
                          f"{update.fixes} fixed, {update.issues} listed on the Issues sheet")
    if run.dry_run:
        console.print("Dry run: no workbook was changed.")


def validation_report(report: ValidationReport, *, show_all: bool = False) -> None:
    """Counts by rule, then the problems in the order of their cells."""
    console = stdout()
    summary = report.summary()
    console.print(f"Office: [bold]{escape(report.office)}[/] — {summary['rows']:,} rows checked")
    if summary["by_code"]:
        counts = Table("Rule", "Problems")
        for code, count in summary["by_code"].items():
            counts.add_row(code, f"{count:,}")
        console.print(counts)
    print_problems(console, list(report.problems), show_all)
    verdict = "[green]OK[/]" if report.ok else "[red]errors found[/]"
    console.print(f"{plural(summary['errors'], 'error')}, "
                  f"{plural(summary['warnings'], 'warning')}, {plural(summary['infos'], 'note')} "
                  f"({summary['fixable']:,} safely fixable) — {verdict}")


def print_skipped(console: Console, file: str, why: str) -> None:
    """A workbook left alone, and why (open in Excel, changed meanwhile, unreadable)."""
    console.print(f"[yellow]{escape(file)}: not written[/] — {escape(why)}")


def print_problems(console: Console, problems: list[Problem], show_all: bool) -> None:
    """The problems as a table, the first PROBLEM_LIMIT unless ``show_all``."""
    if not problems:
        return
    console.print(problem_table(problems if show_all else problems[:PROBLEM_LIMIT]))
    if len(problems) > PROBLEM_LIMIT and not show_all:
        console.print(f"... and {len(problems) - PROBLEM_LIMIT:,} more (use --all).")


def problem_table(problems: list[Problem]) -> Table:
    table = Table("Severity", "Where", "Problem", "Fix")
    for problem in problems:
        colour = _COLOURS[problem.severity]
        table.add_row(f"[{colour}]{problem.severity.value}[/]", escape(problem.where),
                      escape(problem.message), escape(problem.fix))
    return table
