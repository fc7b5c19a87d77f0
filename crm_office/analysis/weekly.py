"""The weekly analysis: every figure of one ISO week, from the office's frames.

Pure: frames and settings in, :class:`WeeklyAnalysis` out. Reading the workbooks,
writing the report and mailing it live in :mod:`crm_office.analysis.service`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.clients import ClientFigures, client_figures
from crm_office.analysis.findings import Finding, find
from crm_office.analysis.flows import Flow, week_flows
from crm_office.analysis.funnel import FunnelFigures, funnel_figures
from crm_office.analysis.grid import Grid, total
from crm_office.analysis.managers import ManagerFigures, manager_figures
from crm_office.analysis.period import Week
from crm_office.analysis.receivables import ReceivableFigures, receivable_figures
from crm_office.analysis.refusals import RefusalFigures, refusal_figures
from crm_office.analysis.sources import SourceFigures, source_figures
from crm_office.collector import gc_paused

if TYPE_CHECKING:
    from crm_office.analysis.frames import OfficeFrames
    from crm_office.analysis.inputs import Inputs
    from crm_office.config.model import Analysis, Commission, Funnel

HEADLINE = ("contacts", "new_deals", "new_amount", "won_deals", "won_amount", "win_rate",
            "payments", "open_receivables", "overdue_receivables", "forecast")
"""The ten numbers of the Summary sheet (and the History row, with a few more)."""


@dataclass
class WeeklyAnalysis:
    week: Week
    trend: list[Week]
    settings: Analysis
    flows: dict[Week, Flow]
    funnel: FunnelFigures
    refusals: RefusalFigures
    managers: ManagerFigures
    receivables: ReceivableFigures
    sources: SourceFigures
    clients: ClientFigures
    previous_receivables: tuple[Decimal, Decimal]
    findings: list[Finding] = field(default_factory=list)
    currency: str = "EUR"
    previous_forecast: Decimal | None = None
    """From the History of the week before, when the store has it."""
    manager: str | None = None
    """Set on a manager's own report: only their clients and deals are in the frames."""
    inputs: Inputs | None = None
    """Where the frames came from (the report says so), when known."""

    @property
    def flow(self) -> Flow:
        return self.flows[self.week]

    @property
    def previous_flow(self) -> Flow:
        return self.flows.get(self.week.previous(), Flow())

    def figures(self) -> dict[str, Any]:
        """The week's History row: the ten numbers and a few more."""
        flow = self.flow
        return {"contacts": flow.contacts, "new_deals": flow.new_deals,
                "new_amount": flow.new_amount, "won_deals": flow.won_deals,
                "won_amount": flow.won_amount, "win_rate": flow.win_rate,
                "payments": flow.payments, "open_receivables": self.receivables.open,
                "overdue_receivables": self.receivables.overdue,
                "forecast": total(self.managers.results.column("forecast")),
                "lost_deals": flow.lost_deals, "pipeline": total(
                    self.managers.results.column("pipeline")),
                "open_complaints": self.clients.open_complaints}

    def grids(self) -> list[Grid]:
        return [self.funnel.by_stage, self.funnel.conversion, self.funnel.flow,
                self.refusals.pareto, self.refusals.by_stage, self.managers.results,
                self.managers.contacts, self.managers.stalled, self.receivables.ageing,
                self.receivables.by_manager, self.receivables.by_client,
                self.receivables.planned_actual, *self.sources.cuts.values(),
                self.sources.campaigns, self.clients.abc, self.clients.counts,
                self.clients.satisfaction, self.clients.top]

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week.label, "manager": self.manager,
                "figures": {key: _plain(value) for key, value in self.figures().items()},
                "findings": [finding.to_dict() for finding in self.findings],
                "tables": {grid.key: grid.to_dict() for grid in self.grids()}}


def analyse(frames: OfficeFrames, funnel: Funnel, settings: Analysis, commission: Commission,
            week: Week, manager: str | None = None) -> WeeklyAnalysis:
    """Every figure of ``week``, with the week before and the trend window beside it."""
    with gc_paused():  # no cycles among the many objects made here; the collector only slows
        return _analyse(frames, funnel, settings, commission, week, manager)


def _analyse(frames: OfficeFrames, funnel: Funnel, settings: Analysis, commission: Commission,
             week: Week, manager: str | None) -> WeeklyAnalysis:
    import pandas

    from crm_office.analysis.receivables import open_invoices

    trend = week.trend(settings.trend_weeks)
    flows = week_flows(frames, funnel, [week.previous(), *trend])
    trend_flows = {each: flows[each] for each in trend}
    before = open_invoices(frames, pandas.Timestamp(week.previous().end))
    before = before[before["open"] > 0]
    analysis = WeeklyAnalysis(
        week=week, trend=trend, settings=settings, flows=flows,
        funnel=funnel_figures(frames, funnel, week, flows | trend_flows),
        refusals=refusal_figures(frames, funnel, week, trend),
        managers=manager_figures(frames, funnel, settings, commission, week, trend),
        receivables=receivable_figures(frames, week, trend_flows),
        sources=source_figures(frames, funnel, trend[0], week),
        clients=client_figures(frames, week, trend, settings.sleeping_days),
        previous_receivables=(total(before["open"]), total(
            before.loc[before["bucket"] != "not_due", "open"])),
        manager=manager)
    analysis.findings = find(analysis, settings.max_findings)
    return analysis


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value
