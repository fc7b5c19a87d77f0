"""A manager's own part of the office: only their clients, deals and what hangs on them.

Every row is given its manager once (a contact, complaint, survey or invoice the manager
of its client, a payment that of its invoice), so each manager's part is a few row
positions away instead of a pass over every table per manager. When a client ID (or an
invoice number) stands for rows of different managers, each manager's part is cut the
long way: the rows of every client they hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_office.analysis.frames import OfficeFrames

if TYPE_CHECKING:
    import pandas

SPLIT = ("contacts", "complaints", "surveys", "invoices", "payments", "clients",
         "deals_own", "deals_client")
"""The cuts worked out once: a table's rows by their client's manager (deals: by their
own manager and by their client's)."""


def manager_frames(frames: OfficeFrames, manager: str) -> OfficeFrames:
    """The frames cut to ``manager``'s clients and deals (their contacts, invoices…)."""
    import numpy

    split = _split(frames)
    if split is None:
        return _cut(frames, manager)
    rows = {key: split[key].get(manager, numpy.empty(0, dtype=int)) for key in SPLIT}
    tables = dict(frames.tables)
    for key in ("contacts", "complaints", "surveys", "invoices", "payments", "clients"):
        tables[key] = frames[key].iloc[rows[key]]
    tables["deals"] = frames["deals"].iloc[numpy.union1d(rows["deals_own"],
                                                         rows["deals_client"])]
    tables["managers"] = frames["managers"][frames["managers"]["name"] == manager]
    return OfficeFrames(tables)


def split_by_manager(frames: OfficeFrames) -> None:
    """Work out each manager's row positions now (kept in ``frames.memo``)."""
    _split(frames)


def _split(frames: OfficeFrames) -> dict[str, dict[Any, Any]] | None:
    """Table -> manager -> row positions (in table order); None when a client ID or an
    invoice number belongs to more than one manager."""
    key = ("manager_rows", None)
    if key not in frames.memo:
        frames.memo[key] = _rows_by_manager(frames)
    result: dict[str, dict[Any, Any]] | None = frames.memo[key]
    return result


def _rows_by_manager(frames: OfficeFrames) -> dict[str, dict[Any, Any]] | None:
    clients = frames["clients"][["client_key", "manager"]].drop_duplicates()
    clients = clients[clients["client_key"].notna()]
    if clients["client_key"].duplicated().any():
        return None
    owner = clients.set_index("client_key")["manager"]
    invoices = frames["invoices"]
    invoice_owner = invoices["client_key"].map(owner)
    numbered = invoices["invoice_key"].notna()
    pairs = invoice_owner.to_frame("manager").assign(key=invoices["invoice_key"])
    if not numbered.all() or pairs.drop_duplicates()["key"].duplicated().any():
        return None
    rows = {name: _positions(_mapped(frames, name, "client_key", owner))
            for name in ("contacts", "complaints", "surveys")}
    rows["invoices"] = _positions(invoice_owner)
    rows["payments"] = _positions(frames["payments"]["invoice_key"].map(
        pairs.drop_duplicates("key").set_index("key")["manager"]))
    rows["clients"] = _positions(frames["clients"]["manager"])
    rows["deals_own"] = _positions(frames["deals"]["manager"])
    rows["deals_client"] = _positions(_mapped(frames, "deals", "client_key", owner))
    return rows


def _mapped(frames: OfficeFrames, table: str, column: str,
            mapping: pandas.Series) -> pandas.Series:
    """``frames[table][column].map(mapping)``, looking up each distinct value once."""
    import numpy
    import pandas

    codes, uniques = frames.codes(table, column)
    looked_up = pandas.Series(uniques, dtype=object).map(mapping).to_numpy(dtype=object)
    values = numpy.full(len(codes), None, dtype=object)
    known = codes >= 0
    values[known] = looked_up[codes[known]]
    return pandas.Series(values, dtype=object)


def _positions(managers: pandas.Series) -> dict[Any, Any]:
    """Manager -> the positions of their rows, ascending."""
    import pandas

    groups = pandas.Series(managers.to_numpy(dtype=object)).groupby(
        managers.to_numpy(dtype=object), sort=False)
    return dict(groups.indices)


def _cut(frames: OfficeFrames, manager: str) -> OfficeFrames:
    """The long way: every table filtered by the manager's clients."""
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
