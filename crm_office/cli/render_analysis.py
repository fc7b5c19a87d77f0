"""Human output of ``report weekly`` and ``run``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_office.cli.render import stdout

if TYPE_CHECKING:
    from crm_office.analysis.service import WeeklyReportResult
    from crm_office.cycle import CycleReport
    from crm_office.scheduling.status import StatusReport

MARKS = {"ok": "[green]ok[/]", "problems": "[yellow]problems[/]", "skipped": "[dim]skipped[/]",
         "failed": "[bold red]FAILED[/]"}


def weekly_report(result: WeeklyReportResult) -> None:
    console = stdout()
    console.print(f"Weekly report {result.week}", style="bold")
    if result.report:
        console.print(f"  {result.report}", markup=False, highlight=False)
    for name, path in result.manager_reports.items():
        console.print(f"  {name}: {path}", markup=False, highlight=False)
    for line in result.findings:
        console.print(f"  • {line}", markup=False, highlight=False)
    console.print(f"  {len(result.mails)} mail(s) put into the outbox; History holds "
                  f"{result.history_weeks} week(s)", highlight=False)


def cycle_report(report: CycleReport) -> None:
    console = stdout()
    for step in report.steps:
        console.print(f"{step.name:<14} {MARKS.get(step.status, step.status)}  ", end="")
        console.print(step.detail, markup=False, highlight=False)
    console.print("all steps done" if report.ok else "[bold red]some steps failed[/]")


def schedule_status(report: StatusReport) -> None:
    console = stdout()
    console.print(f"scheduler: {report.serving or 'not running'}", highlight=False)
    for job in report.jobs:
        last = job["last"]
        done = f"{last['started_at'][:16]} {last['status']}" if last else "never"
        console.print(f"{job['job']:<14} last {done:<24} next {job['next']}", highlight=False)
