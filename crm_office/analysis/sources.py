"""Where sales come from: leads, deals, conversion and revenue by source, segment,
region and industry, and the campaigns with their cost per won deal.

All over the trend window: *leads* are the clients created in it, *deals* the deals
opened in it, *won* those of them won by now, *conversion* won / deals and *revenue*
the amount of the won ones. A campaign's figures count every deal that names it;
*cost per won deal* is its budget / its won deals (when both are known). Where the mail
journal exists, each campaign also has its messages sent and replies logged, for the week
and the trend window (:mod:`crm_office.analysis.campaign_mail`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_office.analysis.grid import ZERO, Grid, group_total, share, total
from crm_office.analysis.period import Week

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Funnel

CENT = Decimal("0.01")
CUTS = ("source", "segment", "region", "industry")


@dataclass
class SourceFigures:
    cuts: dict[str, Grid]
    campaigns: Grid


def source_figures(frames: OfficeFrames, funnel: Funnel, first: Week,
                   week: Week) -> SourceFigures:
    import pandas

    start, end = pandas.Timestamp(first.start), pandas.Timestamp(week.end)
    clients = frames["clients"].drop_duplicates("client_key")
    leads = clients[(clients["created"] >= start) & (clients["created"] <= end)]
    deals = frames["deals"]
    deals = deals[(deals["created"] >= start) & (deals["created"] <= end)].copy()
    indexed = clients.set_index("client_key")
    cuts = {}
    for cut in CUTS:
        deals[cut] = deals["client_key"].map(indexed[cut])
        cuts[cut] = _cut(cut, leads, deals, funnel)
    return SourceFigures(cuts, _campaigns(frames, funnel, first, week))


def _cut(cut: str, leads: pandas.DataFrame, deals: pandas.DataFrame, funnel: Funnel) -> Grid:
    grid = Grid(f"by_{cut}", (cut, "leads", "deals", "won", "conversion", "revenue"),
                ("choice" if cut in ("source", "segment") else "text", "int", "int", "int",
                 "share", "money"))
    lead_counts = leads[cut].astype(object).fillna("").value_counts()
    keys = deals[cut].astype(object).fillna("")
    won = (deals["stage"] == funnel.won).to_numpy()
    counts = {str(name): int(count) for name, count in keys.value_counts().items()}
    won_counts = {str(name): int(count) for name, count in keys[won].value_counts().items()}
    revenue = {str(name): amount
               for name, amount in group_total(keys[won], deals["amount"][won]).items()}
    for name in sorted(set(map(str, lead_counts.index)) | set(counts)):
        count, won_count = counts.get(name, 0), won_counts.get(name, 0)
        grid.rows.append((name, int(lead_counts.get(name, 0)), count, won_count,
                          share(won_count, count), revenue.get(name, ZERO)))
    return grid


def _campaigns(frames: OfficeFrames, funnel: Funnel, first: Week, week: Week) -> Grid:
    from crm_office.analysis import campaign_mail as mail
    from crm_office.analysis.frames import fold

    sent = mail.campaign_mail(frames, first, week)
    extra, kinds = (mail.COLUMNS, mail.KINDS) if sent else ((), ())
    grid = Grid("campaigns", ("campaign_id", "campaign", "channel", "budget", "deals", "won",
                              "revenue", "cost_per_won", *extra),
                ("text", "text", "choice", "money", "int", "int", "money", "money", *kinds))
    deals = frames["deals"]
    for row in frames["campaigns"].itertuples():
        mine = deals[deals["campaign_key"] == row.campaign_key]
        won = mine[mine["stage"] == funnel.won]
        budget = row.budget if row.budget == row.budget else None
        cost = (budget / len(won)).quantize(CENT) if budget and len(won) else None
        figures = sent.get(fold(row.id)) or sent.get(fold(row.name)) or mail.CampaignMail()
        grid.rows.append((row.id, row.name, row.channel, budget, len(mine), len(won),
                          total(won["amount"]), cost, *(figures.row() if sent else ())))
    return grid
