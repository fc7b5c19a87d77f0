"""Human output of the CLI: rich tables on stdout, messages and progress on stderr.

Every text comes from :mod:`crm_office.catalogue` in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.table import Table

from crm_office.catalogue import ENTRIES, number, say, say_count
from crm_office.errors import CrmOfficeError
from crm_office.model import BUILTIN_TABLES
from crm_office.problems import Problem, Severity

if TYPE_CHECKING:
    from crm_office.check import CheckReport
    from crm_office.demo.office import OfficeSummary
    from crm_office.validate import ValidationReport
    from crm_office.validate.run import ValidationRun

PROBLEM_LIMIT = 50
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

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


def error(exc: CrmOfficeError, locale: str = "en") -> None:
    """Print a CrmOfficeError as the user should see it."""
    console = stderr()
    message, hint = exc.localised(locale)
    console.print(f"[bold red]{say('cli.error', locale)}[/] {escape(message)}", soft_wrap=True)
    if hint:
        console.print(f"  {say('cli.hint', locale)} {escape(hint)}", soft_wrap=True)


def headers(locale: str, *keys: str) -> list[str]:
    """Column headers of a table from their catalogue keys."""
    return [say(f"cli.{key}", locale) for key in keys]


def table_title(key: str, locale: str) -> str:
    """A table of the model by the name the office knows it ("Клиенты")."""
    table = BUILTIN_TABLES.get(key)
    return table.title(locale) if table else key


@contextmanager
def table_progress(total: int, quiet: bool, locale: str = "en") -> Iterator[Callable[[str], None]]:
    """A progress bar over the tables being read (only on a terminal)."""
    from rich.progress import Progress

    console = stderr()
    with Progress(console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(say("progress.reading-workbooks", locale), total=total)

        def advance(name: str) -> None:
            progress.update(task, advance=1,
                            description=say("progress.reading", locale,
                                            name=table_title(name, locale)))

        yield advance


@contextmanager
def step_progress(quiet: bool, locale: str = "en") -> Iterator[Callable[[str], None]]:
    """A spinner naming the current step of a long job (only on a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    console = stderr()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console,
                  transient=True, disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(say("progress.starting", locale), total=None)

        def step(name: str) -> None:
            progress.update(task, description=step_text(name, locale))

        yield step


def step_text(name: str, locale: str) -> str:
    """A step named by the library in English ("merging clients"), in the reader's language."""
    for key, (english, _russian) in ENTRIES.items():
        if not key.startswith("progress."):
            continue
        if english == name:
            return say(key, locale)
        head = english.split("{", 1)[0]
        if english.endswith("{name}") and name.startswith(head):
            return say(key, locale, name=table_title(name[len(head):], locale))
    return name


def init_summary(summary: OfficeSummary, next_command: str, locale: str = "en") -> None:
    console = stdout()
    console.print(escape(say("cli.init-created", locale, root=summary.root)))
    table = Table(*headers(locale, "table", "rows"), title=None, box=None)
    for key, rows in summary.rows.items():
        table.add_row(table_title(key, locale), number(rows, locale))
    console.print(table)
    console.print(escape(say("cli.init-next", locale, command=next_command)), soft_wrap=True)


def check_report(report: CheckReport, *, show_all: bool = False, locale: str = "en") -> None:
    """The check report as tables a person reads top to bottom."""
    console = stdout()
    console.print(say("cli.office", locale, office=f"[bold]{escape(report.office)}[/]",
                      config=escape(report.config_path)))
    tables = Table(*headers(locale, "table", "workbook", "sheet", "header-row", "rows",
                            "columns-matched", "unknown-columns"))
    for summary in report.tables:
        for source in summary.sources:
            tables.add_row(summary.key, escape(source.file),
                           escape(source.sheet), str(source.header_row or "-"),
                           number(source.rows, locale), str(len(source.mapping)),
                           escape(", ".join(source.unknown_headers)) or "-")
    console.print(tables)
    console.print(mapping_table(report, locale))
    for summary in report.tables:
        if summary.id_scheme:
            console.print(id_scheme_line(summary.key, summary.id_scheme, locale))
    print_problems(console, list(report.problems), show_all, locale)
    data = report.to_dict()["summary"]
    verdict = (f"[green]{say('cli.ok', locale)}[/]" if report.ok
               else f"[red]{say('cli.problems-found', locale)}[/]")
    console.print(say("cli.check-summary", locale, verdict=verdict, **data))


def mapping_table(report: CheckReport, locale: str = "en") -> Table:
    """Which column of each sheet matched which field, as the person typed the header."""
    mapping = Table(*headers(locale, "table", "sheet", "mapping-columns"),
                    title=say("cli.mapping-title", locale))
    for summary in report.tables:
        for source in summary.sources:
            if source.mapping:
                text = ", ".join(f"{letter}: {header} → {key}" if header.casefold() != key
                                 else f"{letter}: {header}"
                                 for key, header, letter in source.mapping)
                mapping.add_row(summary.key,
                                escape(f"{source.file} [{source.sheet}]"), escape(text))
    return mapping


def id_scheme_line(table: str, scheme: dict[str, str], locale: str = "en") -> str:
    """``clients: IDs К-{n:04d} (learnt from the IDs, e.g. К-0001)``; a Russian office reads
    its first IDs instead of the format (``«Клиенты»: коды К-0001, К-0002, …``)."""
    from crm_office.model.id_scheme import IdScheme

    origin = ID_ORIGINS.get(scheme["origin"])
    shown = IdScheme(scheme["format"]).shown(locale, dt.date.today().year)
    return escape(say("cli.id-scheme", locale,
                      table=table_title(table, locale) if locale == "ru" else table,
                      format=shown, example=scheme["example"],
                      origin=say(origin, locale) if origin else scheme["origin"]))


ID_ORIGINS = {"default": "id-origin.default", "learnt from the IDs": "id-origin.learnt",
              "from the config": "id-origin.config"}
"""The origins :class:`~crm_office.model.id_scheme.IdScheme` reports, as catalogue keys."""


def validation_run(run: ValidationRun, *, show_all: bool = False, locale: str = "en",
                   issues_sheet: str = "") -> None:
    """The report, then the fixes, then what was written into each workbook."""
    validation_report(run.report, show_all=show_all, locale=locale)
    console = stdout()
    if run.fixes:
        title = say("cli.safe-fixes", locale) + (
            say("cli.dry-run-not-applied", locale) if run.dry_run else "")
        changes = Table(*headers(locale, "where", "column", "was", "becomes", "rule"),
                        title=title)
        for problem in run.fixes:
            changes.add_row(escape(problem.where), escape(problem.header),
                            escape(repr(problem.value)), escape(str(problem.replacement)),
                            problem.code)
        console.print(changes)
    sheet = issues_sheet or say("sheet.issues", locale)
    for update in run.updates:
        if update.skipped:
            print_skipped(console, update.file, update.skipped, locale)
        elif update.written:
            console.print(say("cli.workbook-marked", locale, file=escape(update.file),
                              cells=say_count("count.cell", locale, update.marks),
                              fixes=update.fixes, issues=update.issues,
                              sheet=escape(sheet)))
    if run.dry_run:
        console.print(say("cli.dry-run-nothing-changed", locale))


def validation_report(report: ValidationReport, *, show_all: bool = False,
                      locale: str = "en") -> None:
    """Counts by rule, then the problems in the order of their cells."""
    console = stdout()
    summary = report.summary()
    console.print(say("cli.rows-checked", locale, office=f"[bold]{escape(report.office)}[/]",
                      rows=summary["rows"]))
    if summary["by_code"]:
        counts = Table(*headers(locale, "rule", "problems"))
        for code, count in summary["by_code"].items():
            counts.add_row(code, number(count, locale))
        console.print(counts)
    print_problems(console, list(report.problems), show_all, locale)
    verdict = (f"[green]{say('cli.ok', locale)}[/]" if report.ok
               else f"[red]{say('cli.errors-found', locale)}[/]")
    console.print(say("cli.validate-summary", locale, verdict=verdict, **_counts(summary, locale)))


def _counts(summary: dict[str, Any], locale: str) -> dict[str, Any]:
    return {"errors": say_count("count.error", locale, summary["errors"]),
            "warnings": say_count("count.warning", locale, summary["warnings"]),
            "infos": say_count("count.note", locale, summary["infos"]),
            "fixable": summary["fixable"]}


def print_skipped(console: Console, file: str, why: str, locale: str = "en") -> None:
    """A workbook left alone, and why (open in Excel, changed meanwhile, unreadable)."""
    console.print(f"[yellow]{say('cli.not-written', locale, file=escape(file))}[/] — "
                  f"{escape(why)}")


def print_problems(console: Console, problems: list[Problem], show_all: bool,
                   locale: str = "en") -> None:
    """The problems as a table, the first PROBLEM_LIMIT unless ``show_all``."""
    if not problems:
        return
    console.print(problem_table(problems if show_all else problems[:PROBLEM_LIMIT], locale))
    if len(problems) > PROBLEM_LIMIT and not show_all:
        console.print(say("cli.more-problems", locale, count=len(problems) - PROBLEM_LIMIT))


def problem_table(problems: list[Problem], locale: str = "en") -> Table:
    table = Table(*headers(locale, "severity", "where", "problem", "fix"))
    for problem in problems:
        colour = _COLOURS[problem.severity]
        table.add_row(f"[{colour}]{say('severity.' + problem.severity.value, locale)}[/]",
                      escape(problem.where), escape(problem.message), escape(problem.fix))
    return table
