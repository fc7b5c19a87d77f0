"""Make the weekly report: read, analyse, write the workbooks, keep the History, mail.

``make_weekly_report(config)`` is what ``crm-office report weekly``, ``run`` and
``serve`` call.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.analysis.campaign_mail import attach_mail_journal
from crm_office.analysis.frames import OfficeFrames
from crm_office.analysis.inputs import Inputs, office_frames
from crm_office.analysis.labels import Labels, both
from crm_office.analysis.period import Week
from crm_office.analysis.weekly import WeeklyAnalysis, analyse

if TYPE_CHECKING:
    from crm_office.config.model import Config

log = logging.getLogger(__name__)


@dataclass
class WeeklyReportResult:
    """What ``report weekly`` made: files, mails, the figures and findings."""

    week: str
    report: Path | None
    manager_reports: dict[str, Path] = field(default_factory=dict)
    mails: list[str] = field(default_factory=list)
    """Each mail sent now: its .eml file in the outbox, or its address."""
    mail_notes: dict[str, Any] = field(default_factory=dict)
    """Mails not sent now: already sent by an earlier run, failed (why), uncertain."""
    figures: dict[str, Any] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    history_weeks: int = 0
    inputs: Inputs | None = None
    """Where the figures came from: the store (as of the last sync) or the workbooks."""

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week, "report": str(self.report) if self.report else None,
                "inputs": self.inputs.to_dict() if self.inputs else None,
                "manager_reports": {name: str(path)
                                    for name, path in self.manager_reports.items()},
                "mails": list(self.mails), "mail_notes": dict(self.mail_notes),
                "figures": {key: _plain(value) for key, value in self.figures.items()},
                "findings": self.findings, "history_weeks": self.history_weeks}


def report_folder(config: Config) -> Path:
    return config.paths.output / "reports"


def make_weekly_report(config: Config, week: Week | None = None, manager: str | None = None,
                       today: date | None = None, mail: bool | None = None,
                       frames: OfficeFrames | None = None) -> WeeklyReportResult:
    """The weekly report of ``week`` (default: the last complete week).

    With ``manager`` only that manager's own report is made (and mailed to them).
    """
    from crm_office.analysis import manager_reports

    week = week or Week.last_complete(today or date.today())
    if frames is None:
        frames, inputs = office_frames(config)
    else:
        inputs = None
    attach_mail_journal(config, frames)
    mail = config.analysis.mail_reports if mail is None else mail
    result = WeeklyReportResult(week.label, None, inputs=inputs)
    if manager is None:
        names = _names(frames) if config.analysis.manager_reports else []
        with manager_reports.start(_manager_job(config, frames, week, inputs, mail),
                                   names) as running:  # on the other cores meanwhile
            analysis = _office_report(config, frames, week, inputs, result)
            made = running.collect()
    else:
        analysis = None
        manager = _known_manager(frames, manager)
        made = {manager: _manager_job(config, frames, week, inputs, True)(manager)}
    result.manager_reports = {name: path for name, (path, _) in made.items()}
    mine = {name: own for name, (_, own) in made.items() if own is not None}
    if manager is not None:
        result.figures = mine[manager].figures()
        result.findings = _sentences(config, mine[manager])
    if mail:
        _send(config, frames, analysis, result, mine)
    return result


def _office_report(config: Config, frames: OfficeFrames, week: Week, inputs: Inputs | None,
                   result: WeeklyReportResult) -> WeeklyAnalysis:
    """The office's report written and its History kept (into ``result``)."""
    analysis = _analyse(config, frames, week, inputs=inputs)
    history = _history(config, analysis)
    result.history_weeks = len(history)
    result.report = write_file(config, report_folder(config) / f"weekly-{week.label}.xlsx",
                               _workbook(config, analysis, history))
    result.figures = analysis.figures()
    result.findings = _sentences(config, analysis)
    return analysis


def _manager_job(config: Config, frames: OfficeFrames, week: Week, inputs: Inputs | None,
                 keep: bool) -> Callable[[str], tuple[Path, WeeklyAnalysis | None]]:
    """Make one manager's own report (its file written); their analysis kept when ``keep``."""
    from crm_office.analysis.scope import manager_frames, split_by_manager

    split_by_manager(frames)  # worked out once, before any worker is forked

    def job(name: str) -> tuple[Path, WeeklyAnalysis | None]:
        own = _analyse(config, manager_frames(frames, name), week, name, inputs)
        path = write_file(config, report_folder(config) / "managers"
                          / f"weekly-{week.label}-{_file_name(name)}.xlsx",
                          _workbook(config, own, None))
        return path, own if keep else None

    return job


def _send(config: Config, frames: OfficeFrames, analysis: WeeklyAnalysis | None,
          result: WeeklyReportResult, mine: dict[str, WeeklyAnalysis]) -> None:
    """The report mails through the transport and the journal (never twice a week)."""
    from crm_office.analysis import delivery
    from crm_office.analysis.report_mail import report_mails

    delivered = delivery.deliver(config, report_mails(config, frames, analysis, result, mine))
    result.mails = delivered.sent
    result.mail_notes = {key: value for key, value in delivered.to_dict().items()
                         if key not in ("sent", "keys") and value}


def _analyse(config: Config, frames: OfficeFrames, week: Week,
             manager: str | None = None, inputs: Inputs | None = None) -> WeeklyAnalysis:
    analysis = analyse(frames, config.funnel, config.analysis, config.commission, week, manager)
    analysis.currency = config.office.currency
    analysis.inputs = inputs
    return analysis


def _history(config: Config, analysis: WeeklyAnalysis) -> list[dict[str, Any]]:
    from crm_office.analysis.history import merge_history, read_history_sheet, record_week
    from crm_office.store.store import Store

    with Store.open(config.paths.store, config.paths.root) as store:
        stored = record_week(store, analysis.week, analysis.figures())
    previous = {row["week"]: row for row in stored}.get(analysis.week.previous().label, {})
    if previous.get("forecast") is not None:
        from decimal import Decimal

        analysis.previous_forecast = Decimal(str(previous["forecast"]))
    older = sorted(report_folder(config).glob("weekly-*.xlsx"))
    sheet_names = both("sheet_history")
    from_file = read_history_sheet(older[-1], sheet_names) if older else []
    return merge_history(stored, from_file)


def _workbook(config: Config, analysis: WeeklyAnalysis,
              history: list[dict[str, Any]] | None) -> bytes:
    from crm_office.analysis.report_writer import write_report

    return write_report(analysis, config.funnel, config.locale, config.office.name, history)


def _sentences(config: Config, analysis: WeeklyAnalysis) -> list[str]:
    from crm_office.analysis.sentences import say

    labels = Labels(config.locale, config.funnel)
    return [say(finding, labels, config.office.currency) for finding in analysis.findings]


def _names(frames: OfficeFrames) -> list[str]:
    from crm_office.analysis.managers import manager_names

    return manager_names(frames)


def _known_manager(frames: OfficeFrames, name: str) -> str:
    from crm_office.analysis.frames import fold
    from crm_office.errors import ConfigError

    names = _names(frames)
    for known in names:
        if fold(known) == fold(name):
            return known
    raise ConfigError(f"no manager '{name}' in the office", key_path="--manager",
                      hint=f"managers: {', '.join(names) or 'none'}")


def write_file(config: Config, path: Path, data: bytes) -> Path:
    """Write an engine-made report through the OfficeWriter (atomic, the old one backed up);
    a report open in Excel is a clear error naming it."""
    from crm_office.writeback import FileStamp
    from crm_office.writeback.service import OfficeWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = FileStamp.of(path) if path.exists() else None
    OfficeWriter.of(config.paths).replace(path.name, path, data, stamp).raise_if_skipped()
    return path


def _file_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("_") or "manager"


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | str) else str(value)
