"""Why clients say no: a Pareto table of refusal reasons, and where in the funnel.

A refusal is a deal in the lost stage, counted in the week its ``Closed`` date falls
in. Shares are of all refusals of the period; a lost deal without a reason counts as
``(not given)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.grid import Grid, share
from crm_office.analysis.period import Week

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Funnel

NOT_GIVEN = "(not given)"


@dataclass
class RefusalFigures:
    pareto: Grid
    by_stage: Grid
    week_by_stage: dict[str, int]
    """Stage -> refusals at that stage in the week."""
    average_by_stage: dict[str, Decimal]
    """Stage -> refusals at that stage per week over the trend window."""


def refusal_figures(frames: OfficeFrames, funnel: Funnel, week: Week,
                    trend: list[Week]) -> RefusalFigures:
    lost = _lost(frames["deals"], funnel)
    in_week = _closed_in(lost, week, week)
    in_trend = _closed_in(lost, trend[0], week)
    week_counts = in_week["reason"].value_counts()
    trend_counts = in_trend["reason"].value_counts()
    pareto = Grid("refusal_reasons", ("reason", "week", "week_share", "period", "period_share",
                                      "cumulative_share"),
                  ("reason", "int", "share", "int", "share", "share"))
    cumulative = 0
    ordered = sorted(set(trend_counts.index) | set(week_counts.index),
                     key=lambda reason: (-int(trend_counts.get(reason, 0)),
                                         -int(week_counts.get(reason, 0)), reason))
    for reason in ordered:
        count = int(trend_counts.get(reason, 0))
        cumulative += count
        pareto.rows.append((reason, int(week_counts.get(reason, 0)),
                            share(week_counts.get(reason, 0), len(in_week)), count,
                            share(count, len(in_trend)), share(cumulative, len(in_trend))))
    stages = [*funnel.open_stages]
    by_stage = Grid("refusals_by_stage", ("reason", *stages),
                    ("reason", *("int",) * len(stages)))
    table = in_trend.groupby(["reason", "lost_at"]).size()
    for reason in ordered:
        by_stage.rows.append((reason, *(int(table.get((reason, stage), 0)) for stage in stages)))
    weeks = Decimal(len(trend))
    return RefusalFigures(
        pareto, by_stage,
        {str(stage): int(count) for stage, count in in_week["lost_at"].value_counts().items()},
        {str(stage): (Decimal(int(count)) / weeks).quantize(Decimal("0.01"))
         for stage, count in in_trend["lost_at"].value_counts().items()})


def _lost(deals: pandas.DataFrame, funnel: Funnel) -> pandas.DataFrame:
    lost = deals[deals["stage"] == funnel.lost].copy()
    lost["reason"] = lost["refusal_reason"].fillna(NOT_GIVEN)
    lost["lost_at"] = lost["lost_at_stage"].fillna(NOT_GIVEN)
    return lost


def _closed_in(lost: pandas.DataFrame, first: Week, last: Week) -> pandas.DataFrame:
    import pandas

    closed = lost["closed"]
    return lost[(closed >= pandas.Timestamp(first.start))
                & (closed <= pandas.Timestamp(last.end))]
