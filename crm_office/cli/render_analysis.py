"""Human output of ``report weekly``, ``run`` and ``status``, in the office's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_office.analysis.labels import text
from crm_office.cli.render import stdout

if TYPE_CHECKING:
    from crm_office.analysis.service import WeeklyReportResult
    from crm_office.cycle import CycleReport
    from crm_office.scheduling.status import StatusReport

COLOURS = {"ok": "green", "problems": "yellow", "skipped": "dim", "failed": "bold red"}


def weekly_report(result: WeeklyReportResult, locale: str = "en") -> None:
    console = stdout()
    console.print(text("cli_weekly", locale, week=result.week), style="bold")
    if result.report:
        console.print(f"  {result.report}", markup=False, highlight=False)
    for name, path in result.manager_reports.items():
        console.print(f"  {name}: {path}", markup=False, highlight=False)
    if result.inputs is not None:
        console.print(f"  {result.inputs.describe(locale)}", markup=False, highlight=False)
    for line in result.findings:
        console.print(f"  • {line}", markup=False, highlight=False)
    console.print("  " + text("cli_mails", locale, mails=len(result.mails),
                              weeks=result.history_weeks), highlight=False)
    if result.mail_notes:
        counts = {key: len(result.mail_notes.get(name, ()))
                  for key, name in (("already", "already_sent"), ("refused", "refused"),
                                    ("failed", "failed"),
                                    ("uncertain", "uncertain"), ("postponed", "postponed"))}
        console.print("  " + text("cli_mails_notes", locale, **counts), highlight=False)


def cycle_report(report: CycleReport, locale: str = "en") -> None:
    console = stdout()
    for step in report.steps:
        status = text(f"status_{step.status}", locale)
        console.print(f"{text(f'step_{step.name}', locale):<16} "
                      f"[{COLOURS.get(step.status, 'default')}]{status}[/]  ", end="")
        console.print(step.detail, markup=False, highlight=False)
    if report.ok:
        console.print(text("cli_all_done", locale))
    else:
        console.print(f"[bold red]{text('cli_some_failed', locale)}[/]")


def schedule_status(report: StatusReport, locale: str = "en") -> None:
    console = stdout()
    console.print(text("cli_scheduler", locale,
                       who=report.serving or text("cli_not_running", locale)), highlight=False)
    for job in report.jobs:
        last = job["last"]
        done = f"{last['started_at'][:16]} {last['status']}" if last else text("cli_never",
                                                                               locale)
        console.print(text("cli_job", locale, job=job["job"], last=done, next=job["next"]),
                      highlight=False)
