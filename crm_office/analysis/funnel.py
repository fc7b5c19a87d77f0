"""The funnel: open deals by stage, conversion and drop-off, new/won/lost, win rate.

Rules (documented in README, *Weekly analysis*):
- *Open deals by stage* are the deals in an open stage now, with their amount and the
  median days they have been in that stage (the ``Days in stage`` column sync keeps;
  days since the deal was opened where it is empty).
- *Conversion* looks at the deals opened in the trend window (12 weeks up to the end of
  the week). A deal has *reached* its current stage and every stage before it; a lost
  deal has reached its ``Lost at stage``; a won deal every stage. Conversion from a
  stage to the next is reached(next) / reached(stage); *drop-off* at a stage is the
  deals of the window lost at that stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.flows import Flow, average
from crm_office.analysis.grid import ZERO, Grid, group_total, share
from crm_office.analysis.period import Week

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Funnel


@dataclass
class FunnelFigures:
    by_stage: Grid
    conversion: Grid
    flow: Grid
    win_rate: Decimal | None
    win_rate_previous: Decimal | None


def funnel_figures(frames: OfficeFrames, funnel: Funnel, week: Week,
                   flows: dict[Week, Flow]) -> FunnelFigures:
    deals = frames["deals"]
    trend = sorted(flows)
    cohort = _opened_in(deals, trend[0], week)
    return FunnelFigures(
        by_stage=_by_stage(deals, funnel, week),
        conversion=_conversion(cohort, funnel),
        flow=_flow(flows, week),
        win_rate=flows[week].win_rate,
        win_rate_previous=flows[week.previous()].win_rate if week.previous() in flows
        else None)


def _opened_in(deals: pandas.DataFrame, first: Week, last: Week) -> pandas.DataFrame:
    import pandas

    created = deals["created"]
    return deals[(created >= pandas.Timestamp(first.start))
                 & (created <= pandas.Timestamp(last.end))]


def _by_stage(deals: pandas.DataFrame, funnel: Funnel, week: Week) -> Grid:
    import pandas

    grid = Grid("open_by_stage", ("stage", "deals", "amount", "median_days"),
                ("stage", "int", "money", "days"))
    end = pandas.Timestamp(week.end)
    deals = deals[deals["stage"].isin(funnel.open_stages)]
    kept = pandas.to_numeric(deals["days_in_stage"], errors="coerce")
    days = kept.fillna((end - deals["created"]).dt.days)
    stages = deals["stage"].to_numpy(dtype=object)
    counts = deals["stage"].value_counts()
    medians = days.groupby(stages).median()
    amounts = group_total(deals["stage"], deals["amount"])
    for stage in funnel.open_stages:
        middle = medians.get(stage)
        median = Decimal(str(float(middle))).normalize() \
            if middle is not None and middle == middle else None
        grid.rows.append((stage, int(counts.get(stage, 0)), amounts.get(stage, ZERO), median))
    return grid


def _conversion(cohort: pandas.DataFrame, funnel: Funnel) -> Grid:
    ladder = [*funnel.open_stages, funnel.won]
    index = {name: number for number, name in enumerate(ladder)}
    lost = cohort["stage"] == funnel.lost
    furthest = cohort["stage"].map(index)
    furthest = furthest.where(~lost, cohort["lost_at_stage"].map(index).fillna(0))
    reached = [int((furthest >= number).sum()) for number in range(len(ladder))]
    lost_at = cohort.loc[lost, "lost_at_stage"].value_counts()
    grid = Grid("conversion", ("stage", "reached", "to_next", "dropped"),
                ("stage", "int", "share", "int"))
    for number, stage in enumerate(ladder):
        to_next = share(reached[number + 1], reached[number]) \
            if number + 1 < len(ladder) else None
        grid.rows.append((stage, reached[number], to_next, int(lost_at.get(stage, 0))))
    return grid


def _flow(flows: dict[Week, Flow], week: Week) -> Grid:
    previous = flows.get(week.previous(), Flow())
    trend = list(flows.values())
    grid = Grid("deal_flow", ("measure", "week", "week_amount", "previous", "previous_amount",
                              "average", "average_amount"),
                ("measure", "int", "money", "int", "money", "number", "money"))
    for measure, count, amount in (("new", "new_deals", "new_amount"),
                                   ("won", "won_deals", "won_amount"),
                                   ("lost", "lost_deals", "lost_amount")):
        grid.rows.append((measure, getattr(flows[week], count), getattr(flows[week], amount),
                          getattr(previous, count), getattr(previous, amount),
                          average(trend, count), average(trend, amount)))
    return grid
