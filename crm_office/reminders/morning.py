"""Each manager's morning list: contacts due today and overdue, stalled deals, and open
complaints near their deadline.

A client's contact is *due* when the next-step date of its latest contact is today or
earlier; a deal is *stalled* by the rule of the weekly analysis (as of today); a
complaint is *near its deadline* while open and its deadline is at most
``reminders.complaint_days`` days away (or already past).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Funnel


@dataclass
class MorningList:
    manager: str
    due: list[tuple[str, str, date]] = field(default_factory=list)
    """(client ID, client, next-step date), oldest first."""
    stalled: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(deal ID, deal, stage, days without contact)."""
    complaints: list[tuple[str, str, date]] = field(default_factory=list)
    """(complaint ID, subject, deadline)."""

    @property
    def empty(self) -> bool:
        return not (self.due or self.stalled or self.complaints)


def morning_lists(frames: OfficeFrames, funnel: Funnel, today: date,
                  complaint_days: int) -> dict[str, MorningList]:
    import pandas

    from crm_office.analysis.managers import last_contacts, manager_names, stalled_deals

    now = pandas.Timestamp(today)
    lists = {name: MorningList(name) for name in manager_names(frames)}
    clients = frames["clients"].drop_duplicates("client_key").set_index("client_key")
    last = last_contacts(frames, now)
    due = last[last["next_date"] <= now].sort_values("next_date")
    for key, row in due.iterrows():
        manager = clients["manager"].get(key)
        if manager in lists:
            lists[manager].due.append((str(clients["id"].get(key)),
                                       str(clients["name"].get(key) or ""),
                                       row["next_date"].date()))
    for deal in stalled_deals(frames, funnel, now).itertuples():
        if deal.manager in lists:
            lists[deal.manager].stalled.append((str(deal.id), str(deal.title), str(deal.stage),
                                                int(deal.idle_days)))
    complaints = frames["complaints"]
    near = complaints[complaints["status"].isin(("open", "in_progress"))
                      & (complaints["deadline"] <= now + pandas.Timedelta(days=complaint_days))]
    for row in near.itertuples():
        owner = row.owner if isinstance(row.owner, str) else clients["manager"].get(
            row.client_key)
        if owner in lists:
            lists[owner].complaints.append((str(row.id), str(row.subject),
                                            row.deadline.date()))
    return lists
