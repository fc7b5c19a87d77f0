"""Human output of the mail commands: summaries and tables of the mail reports, in the
reader's language (every text from the catalogue)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from crm_office.catalogue import number, say, say_count
from crm_office.cli.render import stderr, stdout
from crm_office.errors import describe

if TYPE_CHECKING:
    from crm_office.mail.fetch import FetchReport
    from crm_office.mail.report import MailReport, TestReport
    from crm_office.mail.requests_column import RequestsReport
    from crm_office.writeback.service import FileOutcome

SHOWN = 20
PEOPLE_COLUMNS = ("mail.column.client", "mail.column.name", "mail.column.address",
                  "mail.column.why")


@contextmanager
def send_progress(quiet: bool, locale: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar over the messages being sent (only on a terminal)."""
    from rich.progress import Progress

    console = stderr()
    with Progress(console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(say("mail.sending", locale), total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total or None)

        yield advance


def test_report(report: TestReport, locale: str) -> None:
    console = stdout()
    if report.receipt is not None:
        detail = report.receipt.detail or say("mail.test-accepted", locale)
        console.print(escape(say("mail.test-sent", locale, to=report.to,
                                 transport=report.transport, detail=detail)))
    else:
        console.print(say("mail.test-failed", locale,
                          not_sent=f"[red]{say('mail.test-not-sent', locale)}[/]",
                          to=escape(report.to), transport=report.transport,
                          error=escape(report.error)), soft_wrap=True)


def mail_report(report: MailReport, locale: str) -> None:
    """Who gets it, who not and why, what happened."""
    console = stdout()
    console.print(escape(say("mail.campaign", locale, key=report.campaign["key"],
                             name=report.campaign.get("name", ""),
                             transport=report.transport)))
    if report.command == "preview":
        _preview(report, locale)
    else:
        _sent(report, locale)
    if report.excluded:
        console.print(_people(say("mail.excluded", locale), locale,
                              [(e.client_id, e.name, e.address, e.why)
                               for e in report.excluded]))
    for outcome in report.files:
        console.print(f"  {escape(outcome.label)}: {escape(file_state(outcome, locale))}",
                      soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]{escape(note)}[/]")


def _preview(report: MailReport, locale: str) -> None:
    console = stdout()
    console.print(say("mail.preview-summary", locale,
                      recipients=say_count("count.recipient", locale, len(report.recipients)),
                      excluded=len(report.excluded)))
    documents = any(r.documents for r in report.recipients)
    console.print(_people(say("mail.would-receive", locale), locale,
                          [(r.client_id, r.name, r.address, r.why,
                            *([", ".join(r.documents)] if documents else []))
                           for r in report.recipients],
                          PEOPLE_COLUMNS + (("mail.column.documents",) if documents else ())))
    for path in report.previews:
        console.print(f"  {escape(say('mail.rendered', locale, path=path))}")


def _sent(report: MailReport, locale: str) -> None:
    console = stdout()
    tally = report.tally
    console.print(say("mail.send-summary", locale, sent=tally.sent, failed=tally.failed,
                      uncertain=len(report.uncertain), already=report.already_sent,
                      excluded=len(report.excluded)))
    for recipient, why in list(tally.reasons.items())[:SHOWN]:
        console.print(f"  {escape(recipient)}: {escape(why)}", soft_wrap=True)
    for entry in report.uncertain[:SHOWN]:
        console.print(f"  [yellow]{say('mail.uncertain-word', locale)}[/] "
                      f"{escape(entry.recipient)} {escape(entry.address)}: "
                      f"{escape(entry.reason)}", soft_wrap=True)


def file_state(outcome: FileOutcome, locale: str) -> str:
    """'written', 'unchanged' or 'skipped: why', in ``locale``."""
    if outcome.written:
        return say("mail.file-written", locale)
    if outcome.error is not None:
        return say("mail.file-skipped", locale, reason=describe(outcome.error, locale))
    return say("mail.file-unchanged", locale)


def fetch_report(report: FetchReport, locale: str) -> None:
    console = stdout()
    console.print(say("mail.fetch-summary", locale,
                      messages=say_count("count.message", locale, report.read),
                      replies=len(report.replies), bounces=len(report.bounces),
                      seen=report.already_seen, unmatched=report.unmatched))
    for outcome in report.files:
        if outcome.error is not None:
            console.print(f"  {escape(outcome.label)}: {escape(file_state(outcome, locale))}",
                          soft_wrap=True)


def requests_report(report: RequestsReport, locale: str) -> None:
    console = stdout()
    if not report.done and not report.ignored:
        console.print(say("mail.requests-none", locale))
    for item in report.done:
        state = say("mail.request-sent", locale, sent=item["sent"]) if item["ok"] \
            else f"[red]{escape(item['error'])}[/]"
        if item.get("waiting"):
            state = say("mail.request-waiting", locale)
        console.print(say("mail.request-done", locale, row=item["row"],
                          request=say(f"mail.request.{item['request']}", locale),
                          campaign=escape(item["campaign"]), state=state), soft_wrap=True)
    for item in report.ignored:
        line = say("mail.request-ignored", locale, row=item["row"], value=item["value"])
        console.print(f"[yellow]{escape(line)}[/]")


def _people(title: str, locale: str, rows: list[tuple[str, ...]],
            columns: tuple[str, ...] = PEOPLE_COLUMNS) -> Table:
    table = Table(title=f"{title} ({number(len(rows), locale)})", title_justify="left")
    for key in columns:
        table.add_column(say(key, locale), overflow="fold")
    for row in rows[:SHOWN]:
        table.add_row(*(escape(value) for value in row))
    if len(rows) > SHOWN:
        table.add_row("…", say("mail.table-more", locale, count=len(rows) - SHOWN),
                      *([""] * (len(columns) - 2)))
    return table
