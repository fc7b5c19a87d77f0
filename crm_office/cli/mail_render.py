"""Human output of the mail commands: summaries and tables of the mail reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from crm_office.cli.render import stderr, stdout

if TYPE_CHECKING:
    from crm_office.mail.fetch import FetchReport
    from crm_office.mail.report import MailReport, TestReport
    from crm_office.mail.requests_column import RequestsReport

SHOWN = 20


def plural(count: int, word: str) -> str:
    """'1 message', '2 messages'."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


@contextmanager
def send_progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress bar over the messages being sent (only on a terminal)."""
    from rich.progress import Progress

    console = stderr()
    with Progress(console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("sending", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total or None)

        yield advance


def test_report(report: TestReport) -> None:
    console = stdout()
    if report.receipt is not None:
        console.print(f"Sent a test message to {escape(report.to)} through "
                      f"{report.transport}: {escape(report.receipt.detail or 'accepted')}")
    else:
        console.print(f"[red]Not sent[/] to {escape(report.to)} through {report.transport}: "
                      f"{escape(report.error)}", soft_wrap=True)


def mail_report(report: MailReport) -> None:
    """Who gets it, who not and why, what happened."""
    console = stdout()
    name = report.campaign.get("name", "")
    console.print(f"Campaign {escape(report.campaign['key'])} ({escape(name)}), "
                  f"transport {report.transport}")
    if report.command == "preview":
        console.print(f"{plural(len(report.recipients), 'recipient')}, "
                      f"{len(report.excluded):,} excluded")
        console.print(_people("Would receive", [(r.client_id, r.name, r.address, r.why)
                                                for r in report.recipients]))
        for path in report.previews:
            console.print(f"  rendered: {escape(path)}")
    else:
        tally = report.tally
        console.print(f"sent {tally.sent:,}, failed {tally.failed:,}, uncertain "
                      f"{len(report.uncertain):,}, already sent before {report.already_sent:,},"
                      f" excluded {len(report.excluded):,}")
        for recipient, why in list(tally.reasons.items())[:SHOWN]:
            console.print(f"  {escape(recipient)}: {escape(why)}", soft_wrap=True)
        for entry in report.uncertain[:SHOWN]:
            console.print(f"  [yellow]uncertain[/] {escape(entry.recipient)} "
                          f"{escape(entry.address)}: {escape(entry.reason)}", soft_wrap=True)
    if report.excluded:
        console.print(_people("Excluded", [(e.client_id, e.name, e.address, e.why)
                                           for e in report.excluded]))
    for outcome in report.files:
        state = "written" if outcome.written else (f"skipped: {outcome.skipped}"
                                                   if outcome.skipped else "unchanged")
        console.print(f"  {escape(outcome.label)}: {escape(state)}", soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]{escape(note)}[/]")


def fetch_report(report: FetchReport) -> None:
    console = stdout()
    console.print(f"Read {plural(report.read, 'message')} from the mailbox: "
                  f"{len(report.replies):,} replies logged, "
                  f"{len(report.bounces):,} bounces suppressed, "
                  f"{report.already_seen:,} read before, {report.unmatched:,} not ours")
    for outcome in report.files:
        if outcome.skipped:
            console.print(f"  {escape(outcome.label)}: skipped: {escape(outcome.skipped)}",
                          soft_wrap=True)


def requests_report(report: RequestsReport) -> None:
    console = stdout()
    if not report.done and not report.ignored:
        console.print("The Send column asks for nothing.")
    for item in report.done:
        state = f"{item['sent']:,} sent" if item["ok"] else f"[red]{escape(item['error'])}[/]"
        console.print(f"row {item['row']}: {item['request']} {escape(item['campaign'])}: "
                      f"{state}", soft_wrap=True)
    for item in report.ignored:
        console.print(f"[yellow]row {item['row']}: '{escape(item['value'])}' is not a request "
                      "(write test or send)[/]")


def _people(title: str, rows: list[tuple[str, str, str, str]]) -> Table:
    table = Table(title=f"{title} ({len(rows):,})", title_justify="left")
    for header in ("client", "name", "e-mail", "why"):
        table.add_column(header)
    for row in rows[:SHOWN]:
        table.add_row(*(escape(value) for value in row))
    if len(rows) > SHOWN:
        table.add_row("…", f"{len(rows) - SHOWN:,} more (--format json lists all)", "", "")
    return table
