"""The document commands: offer, invoice, act, documents, templates check/fields."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from crm_office.catalogue import say
from crm_office.cli import render

if TYPE_CHECKING:
    from crm_office.documents.report import DocumentsReport
    from crm_office.documents.templates_check import TemplatesReport

_STYLE = {"made": "green", "would-make": "cyan", "exists": "yellow", "failed": "red",
          "void": "red"}


def document_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--pdf/--no-pdf, --dry-run and --new, shared by every document command."""
    function = click.option("--new", is_flag=True,
                            help="Make a new document even when one exists for the deal.")(function)
    function = click.option("--dry-run", is_flag=True,
                            help="Show what would be made; number, write and record nothing.")(
        function)
    return click.option("--pdf/--no-pdf", default=None,
                        help="Also make a PDF (default: documents.pdf in config.toml).")(function)


@contextmanager
def document_progress(quiet: bool, locale: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar over the documents of a run (only on a terminal)."""
    from rich.progress import Progress

    console = render.stderr()
    with Progress(console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(say("docs.making", locale), total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def documents_report(report: DocumentsReport, locale: str) -> None:
    """One line per document, then the workbooks written or skipped."""
    console = render.stdout()
    if not report.documents:
        console.print(say("docs.nothing", locale))
    for item in report.documents:
        status = say(f"docs.status.{item.status}", locale)
        console.print(f"[{_STYLE.get(item.status, 'white')}]{status:>15}[/] "
                      f"{escape(item.message)}" + (f" (PDF: {escape(item.pdf)})"
                                                    if item.pdf else ""), soft_wrap=True)
    counts = report.to_dict()["counts"]
    console.print(", ".join(say("docs.count", locale, count=count,
                                status=say(f"docs.status.{status}", locale))
                            for status, count in counts.items() if count)
                  + (say("docs.dry-run", locale) if report.dry_run else ""))
    for outcome in report.files:
        if outcome.skipped:
            render.print_skipped(console, outcome.label, outcome.skipped)
        elif outcome.written:
            console.print(escape(say("docs.written", locale, file=outcome.label)))
    for problem in report.problems:
        console.print(f"[red]{escape(problem)}[/]", soft_wrap=True)


def templates_report(report: TemplatesReport, locale: str) -> None:
    """Each template: fine, or every finding in words an office manager understands."""
    console = render.stdout()
    for item in report.templates:
        if not item.findings:
            console.print(f"[green]{say('templates.ok', locale)}[/] {escape(item.kind)}: "
                          f"{escape(item.template)}")
            continue
        problems = say("templates.problems", locale, count=len(item.findings))
        console.print(f"[red]{problems}[/] {escape(item.kind)}: {escape(item.template)}")
        for finding in item.findings:
            console.print(f"  - {escape(finding.message)}", soft_wrap=True)
            if finding.hint:
                console.print(f"    {say('cli.hint', locale)} {escape(finding.hint)}",
                              soft_wrap=True)


def fields_table(fields: list[tuple[str, str]], kind: str, locale: str) -> None:
    from rich.table import Table

    table = Table(say("templates.field", locale), say("templates.example", locale),
                  title=say("templates.fields-title", locale, kind=kind))
    for name, example in fields:
        table.add_row("{{ " + name + " }}", escape(example))
    render.stdout().print(table)
