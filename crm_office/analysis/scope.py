"""A manager's own part of the office: only their clients, deals and what hangs on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_office.analysis.frames import OfficeFrames

if TYPE_CHECKING:
    import pandas


def manager_frames(frames: OfficeFrames, manager: str) -> OfficeFrames:
    """The frames cut to ``manager``'s clients and deals (their contacts, invoices…)."""
    clients = frames["clients"]
    mine = clients[clients["manager"] == manager]
    keys = set(mine["client_key"].dropna())
    deals = frames["deals"]
    deals = deals[(deals["manager"] == manager) | deals["client_key"].isin(keys)]
    invoices = frames["invoices"]
    invoices = invoices[invoices["client_key"].isin(keys)]
    payments = frames["payments"]
    tables = dict(frames.tables)
    tables.update({
        "clients": mine, "deals": deals, "invoices": invoices,
        "payments": payments[payments["invoice_key"].isin(set(invoices["invoice_key"]))],
        "contacts": _of_clients(frames, "contacts", keys),
        "complaints": _of_clients(frames, "complaints", keys),
        "surveys": _of_clients(frames, "surveys", keys),
        "managers": frames["managers"][frames["managers"]["name"] == manager]})
    return OfficeFrames(tables)


def _of_clients(frames: OfficeFrames, key: str, clients: set[str]) -> pandas.DataFrame:
    frame = frames[key]
    return frame[frame["client_key"].isin(clients)]
