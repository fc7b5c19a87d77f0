"""Who gets a campaign's message and who does not, and why: pure, from the tables read.

A client is in when it matches every filter of the campaign (segment, region, industry,
status, manager, source; an overdue invoice; a saved list of IDs), consented to mailings,
has a valid address that is not on the suppression list and not already taken by an earlier
client of the same run. Every client left out gets its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from crm_office.catalogue import say
from crm_office.mail.campaigns import Campaign
from crm_office.model import Table
from crm_office.validate.rules.email import is_email

Record = dict[str, Any]


@dataclass(frozen=True)
class Recipient:
    client_id: str
    name: str
    address: str
    why: str
    client: Record = field(default_factory=dict, compare=False, repr=False)
    documents: tuple[str, ...] = ()
    """The campaign's personal documents this client gets (file names, or what is made)."""

    def to_dict(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "name": self.name, "address": self.address,
                "why": self.why, "documents": list(self.documents)}


@dataclass(frozen=True)
class Exclusion:
    client_id: str
    name: str
    address: str
    code: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "name": self.name, "address": self.address,
                "code": self.code, "why": self.why}


@dataclass
class Audience:
    included: list[Recipient] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)


def choose(campaign: Campaign, clients: Iterable[Record], table: Table,
           suppressed: Mapping[str, str], overdue: Collection[str],
           locale: str = "en") -> Audience:
    """The campaign's recipients among ``clients`` (records of the clients table)."""
    wanted = _wanted(campaign, table)
    audience = Audience()
    taken: dict[str, str] = {}
    why_in = _why_in(campaign, table, locale)
    for client in clients:
        client_id = str(client.get("id") or "").strip()
        if not client_id or not _matches(client, wanted, campaign, overdue):
            continue
        address = str(client.get("email") or "").strip().lower()
        code, details = _exclusion(client, address, suppressed, taken)
        name = str(client.get("name") or "")
        if code:
            audience.excluded.append(Exclusion(client_id, name, address, code,
                                               say(f"mail.{code}", locale, **details)))
            continue
        taken[address] = client_id
        audience.included.append(Recipient(client_id, name, address, why_in, client))
    return audience


def _exclusion(client: Record, address: str, suppressed: Mapping[str, str],
               taken: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    if client.get("consent") is not True:
        return "no-consent", {}
    if not address:
        return "no-address", {}
    if not is_email(address):
        return "invalid-address", {"address": address}
    if address in suppressed:
        return "suppressed", {"reason": suppressed[address]}
    if address in taken:
        return "duplicate-address", {"first": taken[address]}
    return "", {}


def _wanted(campaign: Campaign, table: Table) -> dict[str, set[str]]:
    """Per filtered column, every spelling that matches (a choice's key, English, Russian)."""
    wanted: dict[str, set[str]] = {}
    for name, values in campaign.filters.items():
        spellings = {value.strip().casefold() for value in values}
        column = table.column(name) if name in {c.key for c in table.columns} else None
        for choice in column.choices if column is not None else ():
            labels = {choice.key.casefold(), choice.en.casefold(), choice.ru.casefold()}
            if labels & spellings:
                spellings |= labels
        wanted[name] = spellings
    return wanted


def _matches(client: Record, wanted: Mapping[str, set[str]], campaign: Campaign,
             overdue: Collection[str]) -> bool:
    client_id = str(client.get("id") or "").strip().upper()
    if campaign.clients and client_id not in {c.strip().upper() for c in campaign.clients}:
        return False
    if campaign.overdue and client_id not in overdue:
        return False
    return all(str(client.get(name) or "").strip().casefold() in values
               for name, values in wanted.items())


def _why_in(campaign: Campaign, table: Table, locale: str) -> str:
    known = {column.key for column in table.columns}
    parts = [f"{table.column(name).header(locale) if name in known else name} = "
             f"{' / '.join(values)}" for name, values in campaign.filters.items()]
    if campaign.overdue:
        parts.append(say("mail.why.overdue", locale))
    if campaign.clients:
        parts.append(say("mail.why.saved-list", locale))
    return say("mail.matches", locale, filters="; ".join(parts)) if parts \
        else say("mail.all-clients", locale)


def overdue_clients(invoices: Iterable[Record], today: dt.date) -> dict[str, list[Record]]:
    """Client ID → its invoices past their due date and not fully paid."""
    found: dict[str, list[Record]] = {}
    for invoice in invoices:
        due, amount = invoice.get("due_date"), invoice.get("amount")
        if not isinstance(due, dt.date) or due >= today or not isinstance(amount, Decimal):
            continue
        paid = invoice.get("paid")
        if not isinstance(paid, Decimal) or paid < amount:
            client = str(invoice.get("client_id") or "").strip().upper()
            found.setdefault(client, []).append(invoice)
    return found
