"""Each manager's week: contacts, clients in work, results, pipeline, stalled deals, debts.

Rules (README, *Weekly analysis*): *clients in work* are the manager's clients with
status lead, prospect or active, flagged below ``analysis.too_few`` or above
``analysis.too_many``; the *forecast* is each open deal's amount × its stage's
probability; a deal is *stalled* when its client has had no contact (nor the deal
been opened) for more than its stage's ``funnel.stall_days``; a client's *next
contact is overdue* when the date of the next step of its latest contact is before
the week's last day; *average deal length* is over the deals won in the trend window.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.commission import commissions
from crm_office.analysis.grid import ZERO, Grid, group_total, money
from crm_office.analysis.period import Week
from crm_office.analysis.ranking import exact

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Analysis, Commission, Funnel

IN_WORK = ("lead", "prospect", "active")
LIST_LIMIT = 1000
"""At most this many stalled deals are listed (longest without contact first per manager)."""


@dataclass
class ManagerFigures:
    results: Grid
    contacts: Grid
    stalled: Grid
    """Every stalled deal: the lists managers act on."""


def manager_names(frames: OfficeFrames) -> list[str]:
    """Managers of the Managers sheet (active or not said) and any named on a client or deal."""
    sheet = frames["managers"]
    active = sheet[sheet["active"].map(lambda value: value is not False)]["name"]
    named = set(active.dropna())
    for key in ("clients", "deals"):
        named |= set(frames[key]["manager"].dropna().unique())
    return sorted(str(name) for name in named)


def manager_figures(frames: OfficeFrames, funnel: Funnel, settings: Analysis,
                    rules: Commission, week: Week, trend: list[Week]) -> ManagerFigures:
    import pandas

    names = manager_names(frames)
    start, end = pandas.Timestamp(week.start), pandas.Timestamp(week.end)
    deals = frames["deals"]
    closed_in_week = deals[(deals["closed"] >= start) & (deals["closed"] <= end)]
    won = closed_in_week[closed_in_week["stage"] == funnel.won]
    lost = closed_in_week[closed_in_week["stage"] == funnel.lost]
    open_deals = deals[deals["stage"].isin(funnel.open_stages)]
    stalled = stalled_deals(frames, funnel, end)
    overdue = overdue_next_contacts(frames, end)
    debts = _debts(frames, end)
    paid = _payments_of_week(frames, start, end)
    commission = commissions(frames, rules, won, paid, names)
    length = _deal_length(deals, funnel, pandas.Timestamp(trend[0].start), end)
    in_work = _in_work(frames["clients"])
    results = Grid("manager_results", (
        "manager", "clients_in_work", "flag", "won", "lost", "revenue", "pipeline", "forecast",
        "average_days", "stalled", "stalled_amount", "overdue_next", "debt", "commission"),
        ("text", "int", "flag", "int", "int", "money", "money", "money", "days", "int",
         "money", "int", "money", "money"))
    won_count, lost_count = won["manager"].value_counts(), lost["manager"].value_counts()
    revenue = group_total(won["manager"], won["amount"])
    pipeline = group_total(open_deals["manager"], open_deals["amount"])
    forecast = _forecast(open_deals, funnel)
    stalled_count = stalled["manager"].value_counts()
    stalled_amount = group_total(stalled["manager"], stalled["amount"])
    for name in names:
        count = in_work.get(name, 0)
        results.rows.append((
            name, count, _flag(count, settings), int(won_count.get(name, 0)),
            int(lost_count.get(name, 0)), revenue.get(name, ZERO), pipeline.get(name, ZERO),
            forecast.get(name, ZERO).quantize(Decimal("0.01")), length.get(name),
            int(stalled_count.get(name, 0)), stalled_amount.get(name, ZERO),
            overdue.get(name, 0), debts.get(name, ZERO), commission[name]))
    return ManagerFigures(results, _contacts_by_type(frames, names, start, end),
                          _stalled_grid(stalled))


def _forecast(open_deals: pandas.DataFrame, funnel: Funnel) -> dict[str, Decimal]:
    """Manager -> the sum of amount × stage probability of their open deals (each
    stage's amounts summed first: the same exact figure)."""
    probability = {stage.name: stage.probability for stage in funnel.stages}
    amounts = money(open_deals["amount"]).groupby(
        [open_deals["manager"].to_numpy(), open_deals["stage"].to_numpy()], sort=False).sum()
    result: dict[str, Decimal] = {}
    for (name, stage), amount in zip(amounts.index, amounts.tolist(), strict=True):
        result[name] = result.get(name, ZERO) + exact(amount) * probability[stage] / 100
    return result


def _flag(count: int, settings: Analysis) -> str:
    if count < settings.too_few:
        return "too_few"
    if settings.too_many and count > settings.too_many:
        return "too_many"
    return ""


def _in_work(clients: pandas.DataFrame) -> dict[str, int]:
    working = clients[clients["status"].isin(IN_WORK)]
    return {str(name): int(count) for name, count in working["manager"].value_counts().items()}


def last_contacts(frames: OfficeFrames, as_of: pandas.Timestamp) -> pandas.DataFrame:
    """Per client key, its latest contact up to ``as_of`` (``date``, ``next_date``); of
    several on that day, the first in the log."""
    import numpy
    import pandas

    key = ("last_contacts", as_of)
    if key not in frames.memo:
        contacts = frames["contacts"]
        codes, keys = frames.codes("contacts", "client_key")
        dates = contacts["date"].to_numpy()
        chosen = numpy.flatnonzero((dates <= as_of.to_datetime64()) & (codes >= 0))
        days, owners = dates[chosen].view("i8"), codes[chosen]
        latest_day = numpy.full(len(keys), numpy.iinfo("i8").min)
        numpy.maximum.at(latest_day, owners, days)
        on_day = chosen[days == latest_day[owners]]
        _, first = numpy.unique(codes[on_day], return_index=True)
        rows = numpy.sort(on_day[first])
        latest = contacts[["date", "next_date"]].iloc[rows]
        latest.index = pandas.Index(keys[codes[rows]], dtype=object, name="client_key")
        frames.memo[key] = latest
    result: pandas.DataFrame = frames.memo[key]
    return result


def stalled_deals(frames: OfficeFrames, funnel: Funnel,
                  as_of: pandas.Timestamp) -> pandas.DataFrame:
    """Open deals with no contact for more than their stage's stall days (``idle_days``)."""
    deals = frames["deals"]
    deals = deals[deals["stage"].isin(list(funnel.stall_days))].copy()
    last = last_contacts(frames, as_of)["date"]
    if last.empty:  # no contact at all (a manager's own frames): pandas cannot map onto it
        seen = deals["created"].where(deals["created"].isna())  # all NaT, the same dtype
    else:
        seen = deals["client_key"].map(last)
    since = seen.where(seen.notna() & (seen > deals["created"]), deals["created"])
    deals["idle_days"] = (as_of - since).dt.days
    limit = deals["stage"].map(funnel.stall_days)
    return deals[deals["idle_days"] > limit]


def overdue_next_contacts(frames: OfficeFrames, as_of: pandas.Timestamp) -> dict[str, int]:
    last = last_contacts(frames, as_of)
    late = last.index[(last["next_date"] < as_of).to_numpy()]
    managers = frames.indexed("clients", "client_key")["manager"].reindex(late).dropna()
    return {str(name): int(count) for name, count in managers.value_counts().items()}


def _debts(frames: OfficeFrames, as_of: pandas.Timestamp) -> dict[str, Decimal]:
    from crm_office.analysis.receivables import open_invoices

    invoices = open_invoices(frames, as_of)
    invoices = invoices[invoices["open"] > 0]
    return {str(name): value for name, value in
            group_total(invoices["manager"], invoices["open"]).items()}


def _payments_of_week(frames: OfficeFrames, start: pandas.Timestamp,
                      end: pandas.Timestamp) -> pandas.DataFrame:
    payments = frames["payments"]
    payments = payments[(payments["date"] >= start) & (payments["date"] <= end)].copy()
    invoices = frames.indexed("invoices", "invoice_key")
    clients = frames.indexed("clients", "client_key")
    deals = frames.indexed("deals", "deal_key")
    payments["manager"] = payments["invoice_key"].map(invoices["client_key"]).map(
        clients["manager"])
    payments["product_group"] = payments["invoice_key"].map(invoices["deal_key"]).map(
        deals["product_group"])
    return payments


def _deal_length(deals: pandas.DataFrame, funnel: Funnel, start: pandas.Timestamp,
                 end: pandas.Timestamp) -> dict[str, Decimal]:
    won = deals[(deals["stage"] == funnel.won) & (deals["closed"] >= start)
                & (deals["closed"] <= end)]
    days = (won["closed"] - won["created"]).dt.days
    means = days.groupby(won["manager"]).mean().dropna()
    return {str(name): Decimal(str(round(value, 1))) for name, value in means.items()}


def _contacts_by_type(frames: OfficeFrames, names: list[str], start: pandas.Timestamp,
                      end: pandas.Timestamp) -> Grid:
    from crm_office.model.tables import CONTACT_TYPES

    contacts = frames["contacts"]
    week = contacts[(contacts["date"] >= start) & (contacts["date"] <= end)]
    table = week.groupby(["manager", "type"]).size()
    types = [choice.key for choice in CONTACT_TYPES]
    grid = Grid("contacts_by_type", ("manager", *types, "total"),
                ("text", *("int",) * len(types), "int"))
    for name in names:
        counts = [int(table.get((name, kind), 0)) for kind in types]
        grid.rows.append((name, *counts, sum(counts)))
    return grid


def _stalled_grid(stalled: pandas.DataFrame) -> Grid:
    grid = Grid("stalled_deals", ("deal_id", "deal", "client_id", "manager", "stage", "amount",
                                  "idle_days"),
                ("text", "text", "text", "text", "stage", "money", "int"))
    longest = stalled.sort_values("idle_days", ascending=False).head(LIST_LIMIT)
    ordered = longest.sort_values(["manager", "idle_days"], ascending=[True, False])
    for row in ordered.itertuples():
        grid.rows.append((row.id, row.title, row.client_id, row.manager, row.stage,
                          row.amount, int(row.idle_days)))
    return grid
