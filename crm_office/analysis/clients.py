"""Clients and service: ABC by revenue, new, active and sleeping clients, complaints,
CSAT and NPS with their trend.

*Revenue* of a client is what it has paid up to the week's last day (as sync's
*Revenue* column); ABC classes follow sync's rule (A until 80 % of revenue, B until
95 %, C the rest). *New*: created in the week; *active*: a contact in the last
``analysis.sleeping_days`` days; *sleeping*: contacted before, not since. A complaint is
*open* while its status is open or in progress, *past its deadline* when open after
it. CSAT is the mean score (1–5); NPS the share of 9–10 minus the share of 0–6, × 100.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.grid import ZERO, Grid, group_total, money, share, total
from crm_office.analysis.period import Week
from crm_office.analysis.ranking import exact as _exact
from crm_office.analysis.ranking import largest as _largest
from crm_office.sync.computed import abc_classes

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames

TOP_CLIENTS = 100


@dataclass
class ClientFigures:
    classes: dict[str, str]
    """Client ID -> ABC class."""
    abc: Grid
    top: Grid
    counts: Grid
    satisfaction: Grid
    open_complaints: int
    late_complaints: int


def client_figures(frames: OfficeFrames, week: Week, trend: list[Week],
                   sleeping_days: int) -> ClientFigures:
    import pandas

    end = pandas.Timestamp(week.end)
    clients = frames["clients"].drop_duplicates("client_key")
    clients = clients[clients["client_key"].notna()]
    ids = [str(cid) for cid in clients["id"]]
    revenue = clients["client_key"].map(_revenue(frames, end)).fillna(ZERO).tolist()
    by_id = dict(zip(ids, revenue, strict=True))
    classes = dict.fromkeys(by_id, "C")
    classes.update(abc_classes({cid: value for cid, value in by_id.items() if value > 0}))
    abc = Grid("abc", ("class", "clients", "revenue", "revenue_share"),
               ("text", "int", "money", "share"))
    frame = pandas.DataFrame({"class": [classes[cid] for cid in ids],
                              "revenue": money(pandas.Series(revenue, dtype=object))})
    sums = frame.groupby("class")["revenue"].agg(["size", "sum"])
    whole = total(frame["revenue"])
    for name in ("A", "B", "C"):
        count, amount = (int(sums.at[name, "size"]), _exact(sums.at[name, "sum"])) \
            if name in sums.index else (0, ZERO)
        abc.rows.append((name, count, amount, share(amount, whole)))
    top = Grid("top_clients", ("client_id", "client", "manager", "revenue", "class"),
               ("text", "text", "text", "money", "text"))
    names, managers = clients["name"].tolist(), clients["manager"].tolist()
    for at in sorted(_largest(revenue, TOP_CLIENTS), key=lambda at: (-revenue[at], ids[at])):
        if revenue[at] > 0 and len(top.rows) < TOP_CLIENTS:
            top.rows.append((ids[at], names[at], managers[at], revenue[at], classes[ids[at]]))
    open_count, late = _complaints(frames, end)
    return ClientFigures(classes, abc, top, _counts(frames, week, sleeping_days, open_count,
                                                    late),
                         _satisfaction(frames, trend), open_count, late)


def _revenue(frames: OfficeFrames, end: pandas.Timestamp) -> dict[str, Decimal]:
    payments = frames["payments"]
    payments = payments[payments["date"] <= end]
    owner = frames.indexed("invoices", "invoice_key")
    clients = payments["invoice_key"].map(owner["client_key"])
    return {str(key): value for key, value in group_total(clients, payments["amount"]).items()}


def _counts(frames: OfficeFrames, week: Week, sleeping_days: int, open_count: int,
            late: int) -> Grid:
    import pandas

    start, end = pandas.Timestamp(week.start), pandas.Timestamp(week.end)
    clients = frames["clients"]
    from crm_office.analysis.managers import last_contacts

    last = last_contacts(frames, end)["date"]
    awake = end - pandas.Timedelta(days=sleeping_days)
    grid = Grid("client_counts", ("measure", "count"), ("measure", "int"))
    grid.rows += [
        ("new_clients", int(((clients["created"] >= start) & (clients["created"] <= end)).sum())),
        ("active_clients", int((last > awake).sum())),
        ("sleeping_clients", int((last <= awake).sum())),
        ("open_complaints", open_count), ("late_complaints", late)]
    return grid


def _complaints(frames: OfficeFrames, end: pandas.Timestamp) -> tuple[int, int]:
    complaints = frames["complaints"]
    still = complaints[complaints["status"].isin(("open", "in_progress"))
                       & (complaints["date"] <= end)]
    return len(still), int((still["deadline"] < end).sum())


def _satisfaction(frames: OfficeFrames, trend: list[Week]) -> Grid:
    import pandas

    surveys = frames["surveys"]
    grid = Grid("satisfaction", ("week", "surveys", "csat", "nps"),
                ("text", "int", "number", "number"))
    for week in trend:
        here = surveys[(surveys["date"] >= pandas.Timestamp(week.start))
                       & (surveys["date"] <= pandas.Timestamp(week.end))]
        grid.rows.append((week.label, len(here), csat(here["csat"]), nps(here["nps"])))
    return grid


def csat(scores: pandas.Series) -> Decimal | None:
    values = [Decimal(int(value)) for value in scores.dropna()]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))


def nps(scores: pandas.Series) -> Decimal | None:
    values = [int(value) for value in scores.dropna()]
    if not values:
        return None
    promoters = sum(1 for value in values if value >= 9)
    detractors = sum(1 for value in values if value <= 6)
    return (Decimal(100 * (promoters - detractors)) / len(values)).quantize(Decimal("0.1"))
