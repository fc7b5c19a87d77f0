"""Human output of sync, history and restore: what changed, and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from crm_office.catalogue import number, say, say_count
from crm_office.cli.render import headers, id_scheme_line, print_skipped, stdout, table_title

if TYPE_CHECKING:
    from crm_office.sync.history import RecordHistory, Restored
    from crm_office.sync.report import SyncReport
    from crm_office.sync.typed_over import ReplacedCell


def sync_report(report: SyncReport, locale: str = "en", conflicts_sheet: str = "") -> None:
    """Tables, files and assignments of a sync."""
    console = stdout()
    waiting = say("cli.conflicts-waiting", locale,
                  conflicts=say_count("count.conflict", locale, report.open_conflicts),
                  sheet=escape(conflicts_sheet or say("sheet.conflicts", locale)))
    if report.nothing_to_do:
        console.print(say("cli.sync-nothing", locale))
        if report.open_conflicts:
            console.print(waiting)
        return
    console.print(sync_table(report, locale))
    sync_files(console, report, locale)
    for assignment in report.assignments:
        console.print(say("cli.lead-assigned", locale, client=assignment["client"],
                          manager=escape(assignment["manager"]),
                          reason=escape(assignment["reason"])))
    for table in report.tables:
        if table.archived:
            more = len(table.archived) - 20
            tail = say("cli.archived-more", locale, count=more) if more > 0 else ""
            console.print(say("cli.archived-from", locale,
                              table=table_title(table.table, locale),
                              ids=", ".join(table.archived[:20])) + tail)
    sync_notes(console, report, locale)
    if report.open_conflicts:
        console.print(waiting)


def sync_notes(console: Console, report: SyncReport, locale: str) -> None:
    """ID schemes, problems, notes, and the cells typed into engine-owned columns."""
    for table in report.tables:
        if table.id_scheme and (report.dry_run or table.id_scheme["origin"] != "default"):
            console.print(id_scheme_line(table.table, table.id_scheme, locale))
    for problem in report.problems:
        where = f"{problem.where}: " if problem.where else ""
        console.print(f"[red]{escape(where + problem.message)}[/]")
    for note in report.notes:
        console.print(escape(note))
    if report.replaced:
        console.print(say("cli.would-replace" if report.dry_run else "cli.replaced", locale))
        for cell in report.replaced:
            console.print(f"  {escape(replaced_line(cell, locale))}")


def replaced_line(cell: ReplacedCell, locale: str) -> str:
    """``clients.xlsx [Clients] J3 (Debt, C-000002): 700 → 0``; dates as the office
    writes them."""
    from crm_office.sync.typed_over import NOT_A_VALUE

    return say("cli.replaced-cell", locale, file=cell.file, sheet=cell.sheet, cell=cell.cell,
               column=cell.column, record=cell.record_id,
               old=say("cli.not-a-value", locale) if cell.old == NOT_A_VALUE else _day(cell.old),
               new=_day(cell.new) if cell.new is not None else say("cli.empty-cell", locale))


def sync_table(report: SyncReport, locale: str) -> Table:
    title = say("cli.sync-dry-run" if report.dry_run else "cli.sync-title", locale)
    tables = Table(*headers(locale, "table", "rows", "added", "changed", "archived",
                            "conflicts", "settled"), title=title)
    for item in report.tables:
        counts = (item.rows, item.added, item.changed, len(item.archived), item.conflicts,
                  item.settled)
        tables.add_row(table_title(item.table, locale), *(number(n, locale) for n in counts))
    return tables


def sync_files(console: Console, report: SyncReport, locale: str) -> None:
    """Each workbook written, or left alone and why; then the manager views."""
    for written in report.files:
        if written.skipped:
            print_skipped(console, written.file, written.skipped, locale)
        elif written.cells:
            key = "cli.cells-would-change" if report.dry_run else "cli.cells-changed"
            console.print(say(key, locale, file=escape(written.file), cells=written.cells))
    views_written = [view for view in report.views if view["written"]]
    if views_written:
        console.print(say("cli.views-written", locale,
                          files=", ".join(escape(view["file"]) for view in views_written)))


def record_history(found: RecordHistory, locale: str = "en") -> None:
    console = stdout()
    state = say("cli.history-archived", locale) if found.record.archived else ""
    console.print(say("cli.history-record", locale, record=found.record.record_id,
                      table=table_title(found.table, locale), state=state,
                      sources=escape(", ".join(found.record.sources)
                                     or say("cli.no-workbook", locale))))
    changes = Table(*headers(locale, "when", "column", "was", "became", "where"))
    for change in found.changes:
        changes.add_row(f"{change.changed_at.astimezone():%d.%m.%Y %H:%M}",
                        escape(marker_text(found.header(change.field), locale)),
                        escape(_day(change.old)), escape(_day(change.new)),
                        escape(marker_text(change.source, locale)))
    console.print(changes if found.changes else say("cli.no-changes", locale))
    if found.contacts:
        log = Table(*headers(locale, "date", "type", "what-was-said", "result", "manager"),
                    title=say("cli.contact-log", locale))
        for row in found.contacts:
            log.add_row(_day(row.get("date")), escape(str(row.get("type") or "")),
                        escape(str(row.get("summary") or "")),
                        escape(str(row.get("result") or "")),
                        escape(str(row.get("manager") or "")))
        console.print(log)


HISTORY_MARKERS = ("history.archived", "history.restored", "history.deleted", "history.back",
                   "history.restore-into")
"""What sync and restore write into the history instead of a column or a workbook."""


def marker_text(text: str, locale: str) -> str:
    """A history marker the store keeps in English ("(archived)"), in the reader's language."""
    for key in HISTORY_MARKERS:
        english = say(key, "en")
        head = english.split("{", 1)[0]
        if text == english:
            return say(key, locale)
        if "{place}" in english and text.startswith(head):
            return say(key, locale, place=text[len(head):])
    return text


def restored(done: Restored, locale: str = "en") -> None:
    stdout().print(escape(say("cli.restored", locale, record=done.record_id, file=done.file,
                              sheet=done.sheet, row=done.row)))


def _day(text: object) -> str:
    """An ISO date as 30.01.2024, the way the office writes dates; other text unchanged."""
    value = "" if text is None else str(text)
    digits = value.replace("-", "")
    if len(value) == 10 and value[4] == value[7] == "-" and digits.isdigit():
        return f"{value[8:]}.{value[5:7]}.{value[:4]}"
    return value
