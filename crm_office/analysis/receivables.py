"""Receivables as of the week's last day: invoiced, paid, open, and the age of the debt.

An invoice's paid amount is the sum of its payments dated up to that day; what is
left is open. Its age is the days since the due date: not due yet, 0–30 (1 to 30
days overdue), 31–60, 61–90 and 90+ (more than 90). A debt belongs to the client's
manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.flows import Flow
from crm_office.analysis.grid import ZERO, Grid, group_total, money, total
from crm_office.analysis.period import Week
from crm_office.analysis.ranking import exact as _exact
from crm_office.analysis.ranking import largest as _largest

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames

LIST_LIMIT = 1000
"""At most this many debtors are listed (the largest debts)."""
BUCKETS = ("not_due", "days_0_30", "days_31_60", "days_61_90", "days_90_plus")


@dataclass
class ReceivableFigures:
    invoiced: Decimal
    paid: Decimal
    open: Decimal
    overdue: Decimal
    ageing: Grid
    by_client: Grid
    by_manager: Grid
    planned_actual: Grid
    open_invoices: pandas.DataFrame
    """Open invoices with ``open``, ``days_overdue``, ``bucket``, ``manager``, ``client``."""


def bucket(days_overdue: int) -> str:
    """The ageing bucket of a debt ``days_overdue`` days past its due date."""
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "days_0_30"
    if days_overdue <= 60:
        return "days_31_60"
    if days_overdue <= 90:
        return "days_61_90"
    return "days_90_plus"


def open_invoices(frames: OfficeFrames, as_of: pandas.Timestamp) -> pandas.DataFrame:
    """Invoices dated up to ``as_of`` with their paid and open amounts on that day."""
    key = ("open_invoices", as_of)
    if key not in frames.memo:
        frames.memo[key] = _open_invoices(frames, as_of)
    result: pandas.DataFrame = frames.memo[key]
    return result


def _open_invoices(frames: OfficeFrames, as_of: pandas.Timestamp) -> pandas.DataFrame:
    import numpy

    invoices = frames["invoices"]
    invoices = invoices[invoices["date"] <= as_of].copy()
    payments = frames["payments"]
    payments = payments[payments["date"] <= as_of]
    paid = group_total(payments["invoice_key"], payments["amount"])
    paid_now = invoices["invoice_key"].map(paid).astype(object)  # float NaN without payments
    invoices["paid_now"] = paid_now.where(paid_now.notna(), ZERO)
    amounts = invoices["amount"].to_numpy(dtype=object)
    owed = invoices["amount"].map(type, na_action="ignore").to_numpy() == Decimal
    left = numpy.full(len(invoices), ZERO, dtype=object)
    left[owed] = amounts[owed] - invoices["paid_now"].to_numpy(dtype=object)[owed]
    left[owed & (left < ZERO).astype(bool)] = ZERO
    invoices["open"] = left
    days = (as_of - invoices["due_date"]).dt.days.fillna(0).astype(int)
    invoices["days_overdue"] = days
    invoices["bucket"] = numpy.select(
        [days <= 0, days <= 30, days <= 60, days <= 90], list(BUCKETS[:4]),
        BUCKETS[4]).astype(object)
    clients = frames.indexed("clients", "client_key")
    invoices["manager"] = invoices["client_key"].map(clients["manager"])
    invoices["client"] = invoices["client_key"].map(clients["name"])
    return invoices


def receivable_figures(frames: OfficeFrames, week: Week,
                       flows: dict[Week, Flow]) -> ReceivableFigures:
    import pandas

    invoices = open_invoices(frames, pandas.Timestamp(week.end))
    debts = invoices[invoices["open"] > 0]
    ageing = Grid("ageing", ("bucket", "invoices", "amount"), ("bucket", "int", "money"))
    for name in BUCKETS:
        here = debts[debts["bucket"] == name]
        ageing.rows.append((name, len(here), total(here["open"])))
    planned = Grid("planned_actual", ("week", "due", "paid"), ("text", "money", "money"))
    for each in sorted(flows):
        planned.rows.append((each.label, flows[each].due, flows[each].payments))
    return ReceivableFigures(
        invoiced=total(invoices["amount"]), paid=total(invoices["paid_now"]),
        open=total(debts["open"]),
        overdue=total(debts.loc[debts["bucket"] != "not_due", "open"]),
        ageing=ageing,
        by_client=_spread(debts, ["client_id", "client", "manager"], "debt_by_client",
                          ("client_id", "client", "manager")),
        by_manager=_spread(debts, ["manager"], "debt_by_manager", ("manager",)),
        planned_actual=planned, open_invoices=debts)


def _spread(debts: pandas.DataFrame, keys: list[str], name: str,
            columns: tuple[str, ...]) -> Grid:
    """Debts summed per ``keys`` (largest first, at most LIST_LIMIT) and per bucket."""
    import pandas

    grid = Grid(name, (*columns, "open", *BUCKETS),
                (*("text",) * len(columns), "money", *("money",) * len(BUCKETS)))
    frame = pandas.DataFrame({key: debts[key].fillna("").to_numpy(dtype=object)
                              for key in keys})
    frame["bucket"], frame["open"] = debts["bucket"].to_numpy(), money(debts["open"]).to_numpy()
    whole = frame.groupby(keys, sort=False)["open"].sum()
    labels = [label if isinstance(label, tuple) else (label,) for label in whole.index]
    amounts = [_exact(value) for value in whole.tolist()]
    parts = frame.groupby([*keys, "bucket"], sort=False)["open"].sum().unstack("bucket")
    chosen = sorted(_largest(amounts, LIST_LIMIT),
                    key=lambda at: (-amounts[at], labels[at][0]))
    parts = parts.reindex(index=whole.index, columns=list(BUCKETS))  # rows as in ``whole``
    spread = parts.iloc[chosen].to_numpy(dtype=object) if chosen else []
    for at, buckets in zip(chosen, spread, strict=True):
        grid.rows.append((*labels[at], amounts[at],
                          *(ZERO if value != value else _exact(value) for value in buckets)))
    return grid
