"""``crm-office run``: the whole cycle once, each step reported, a failure never hiding
the others.

Steps: check, sync, validate, documents due, mailings (what the Campaigns sheet's Send
column asks), reminders, and the weekly
report when one is due (the last complete week has no report file yet). Documents,
mailings and reminders are called through one hook each (:data:`HOOKS`): a module that
is not there yet is a skipped step saying so, not an error.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.errors import CrmOfficeError

log = logging.getLogger(__name__)

HOOKS: dict[str, tuple[str, str]] = {
    "documents": ("crm_office.documents.make", "make_documents"),
    "mailings": ("crm_office.mail.requests_column", "carry_out_requests"),
    "reminders": ("crm_office.reminders", "run_reminders"),
}
"""Step -> (module, function taking the Config and returning an object with ``ok``)."""


@dataclass
class StepResult:
    name: str
    status: str
    """ok, problems (data problems found, the run goes on), skipped or failed."""
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "status": self.status, "detail": self.detail}


@dataclass
class CycleReport:
    steps: list[StepResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(step.status != "failed" for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "steps": [step.to_dict() for step in self.steps]}


def run_cycle(config: Config, today: date | None = None,
              on_step: Callable[[str], None] | None = None) -> CycleReport:
    """Run every step once; a step that fails is reported and the next one runs."""
    report = CycleReport()
    for name, step in (("check", _check), ("sync", _sync), ("validate", _validate),
                       ("documents", _hook("documents")), ("mailings", _hook("mailings")),
                       ("reminders", _hook("reminders")), ("weekly report", _weekly)):
        if on_step:
            on_step(name)
        try:
            status, detail = step(config, today or date.today())
        except CrmOfficeError as exc:
            status, detail = "failed", f"{exc.message}" + (f" ({exc.hint})" if exc.hint else "")
        except Exception as exc:  # a bug in one step must not stop the others
            log.exception("step %s failed", name)
            status, detail = "failed", f"{type(exc).__name__}: {exc}"
        report.steps.append(StepResult(name, status, detail))
    return report


def _check(config: Config, today: date) -> tuple[str, str]:
    from crm_office.check import check_office

    report = check_office(config)
    return ("ok" if report.ok else "failed"), say("run.workbooks-read", config.locale,
                                                  count=len(config.workbook_files()))


def _sync(config: Config, today: date) -> tuple[str, str]:
    from crm_office.sync.run import run_sync

    report = run_sync(config, today=today)
    totals = report.to_dict().get("totals", {})
    detail = say("run.synced", config.locale, added=totals.get("added", 0),
                 changed=totals.get("changed", 0), archived=totals.get("archived", 0),
                 conflicts=totals.get("conflicts", 0), written=totals.get("files_written", 0))
    if not any(totals.values()):
        detail = say("run.no-changes", config.locale)
    return ("ok" if report.ok else "failed"), detail


def _validate(config: Config, today: date) -> tuple[str, str]:
    from crm_office.validate.run import run_validation

    run = run_validation(config, mark=True)
    summary = run.to_dict().get("summary", {})
    detail = say("run.validated", config.locale, rows=summary.get("rows", 0),
                 errors=summary.get("errors", 0), warnings=summary.get("warnings", 0))
    return ("ok" if run.ok else "problems"), detail


def _hook(name: str) -> Callable[[Config, date], tuple[str, str]]:
    module_name, function = HOOKS[name]

    def step(config: Config, today: date) -> tuple[str, str]:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                return "skipped", say("run.not-available", config.locale, module=module_name)
            raise
        result = getattr(module, function)(config)
        return ("ok" if getattr(result, "ok", True) else "failed"), _describe(result,
                                                                               config.locale)

    return step


def _describe(result: object, locale: str) -> str:
    """One line for a hook's report in the office's language."""
    documents = getattr(result, "documents", None)
    if isinstance(documents, list):
        made = sum(1 for item in documents if getattr(item, "status", "") == "made")
        return say("run.documents", locale, made=made, other=len(documents) - made)
    done = getattr(result, "done", None)
    if isinstance(done, list):
        return say("run.requests", locale, count=len(done))
    morning, payments = getattr(result, "morning", None), getattr(result, "payments", None)
    if isinstance(morning, list) and isinstance(payments, list):
        waiting = getattr(result, "waiting", [])
        return say("run.reminders", locale, morning=len(morning), payments=len(payments)) + (
            say("run.reminders-waiting", locale, count=len(waiting)) if waiting else "")
    return str(result)


def report_due(config: Config, today: date) -> bool:
    """A weekly report is due when the last complete week has no report file yet."""
    from crm_office.analysis.period import Week
    from crm_office.analysis.service import report_folder

    week = Week.last_complete(today)
    return not (report_folder(config) / f"weekly-{week.label}.xlsx").exists()


def _weekly(config: Config, today: date) -> tuple[str, str]:
    from crm_office.analysis.service import make_weekly_report

    if not report_due(config, today):
        return "skipped", say("run.report-exists", config.locale)
    result = make_weekly_report(config, today=today)
    status = "failed" if result.mail_notes.get("failed") else "ok"  # `report weekly` retries
    return status, say("run.report", config.locale, report=str(result.report),
                       mails=len(result.mails))
