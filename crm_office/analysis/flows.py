"""What happened in each week: contacts, new, won and lost deals, payments, amounts due.

All weeks of a trend are counted in one pass per table (each date gets its ISO week's
Monday), so a 12-week trend costs little more than one week.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.grid import ZERO, group_total, share
from crm_office.analysis.period import Week

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Funnel


@dataclass
class Flow:
    """The figures of one week."""

    contacts: int = 0
    new_deals: int = 0
    new_amount: Decimal = ZERO
    won_deals: int = 0
    won_amount: Decimal = ZERO
    lost_deals: int = 0
    lost_amount: Decimal = ZERO
    payments: Decimal = ZERO
    due: Decimal = ZERO

    @property
    def win_rate(self) -> Decimal | None:
        return share(self.won_deals, self.won_deals + self.lost_deals)

    def to_dict(self) -> dict[str, Any]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def week_starts(dates: pandas.Series) -> pandas.Series:
    """The Monday of each date's ISO week (NaT stays NaT)."""
    return dates.dt.normalize() - pandas_days(dates.dt.day_of_week)


def pandas_days(counts: pandas.Series) -> pandas.Series:
    import pandas

    return pandas.to_timedelta(counts, unit="D")


def week_flows(frames: OfficeFrames, funnel: Funnel, weeks: list[Week]) -> dict[Week, Flow]:
    """A :class:`Flow` for each of ``weeks``."""
    import pandas

    flows = {week: Flow() for week in weeks}
    by_start = {pandas.Timestamp(week.start): flows[week] for week in weeks}
    _count(by_start, frames["contacts"], "date", None, "contacts", None)
    deals = frames["deals"]
    _count(by_start, deals, "created", "amount", "new_deals", "new_amount")
    won = deals[deals["stage"] == funnel.won]
    _count(by_start, won, "closed", "amount", "won_deals", "won_amount")
    lost = deals[deals["stage"] == funnel.lost]
    _count(by_start, lost, "closed", "amount", "lost_deals", "lost_amount")
    _count(by_start, frames["payments"], "date", "amount", None, "payments")
    _count(by_start, frames["invoices"], "due_date", "amount", None, "due")
    return flows


def _count(by_start: dict[Any, Flow], frame: pandas.DataFrame, date_column: str,
           amount_column: str | None, count_field: str | None,
           amount_field: str | None) -> None:
    if frame.empty:
        return
    starts = week_starts(frame[date_column])
    inside = starts.isin(list(by_start))
    if not inside.any():
        return
    chosen = frame[inside]
    groups = chosen.groupby(starts[inside])
    if count_field is not None:
        for start, count in groups.size().items():
            setattr(by_start[start], count_field, int(count))
    if amount_field is not None and amount_column is not None:
        for start, amount in group_total(starts[inside], chosen[amount_column]).items():
            setattr(by_start[start], amount_field, amount)


def average(flows: list[Flow], name: str) -> Decimal:
    """The mean of one figure over weeks, rounded to 2 places."""
    if not flows:
        return ZERO
    values = [Decimal(getattr(flow, name)) for flow in flows]
    return (sum(values, ZERO) / len(values)).quantize(Decimal("0.01"))
