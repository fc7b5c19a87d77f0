"""What a campaign needs from the office's workbooks, read once per run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crm_office.config.model import Config
from crm_office.mail.audience import Audience, Record, choose, overdue_clients
from crm_office.mail.campaigns import Campaign, find_campaign
from crm_office.mail.sheet_columns import DOCUMENT_HEADERS, SheetColumn, campaigns_column
from crm_office.workbook import TableRead, read_table


@dataclass
class OfficeData:
    """Clients, managers, overdue invoices and the Campaigns sheet, as read."""

    clients: list[Record]
    managers: dict[str, Record] = field(default_factory=dict)
    overdue: dict[str, list[Record]] = field(default_factory=dict)
    campaigns: TableRead | None = None
    documents_column: SheetColumn | None = None
    """The Campaigns sheet's person-owned Documents column, when it has one."""


def read_office_data(config: Config, today: dt.date | None = None) -> OfficeData:
    """Read the tables a mailing uses (clients is required, the others when configured)."""
    clients = list(_records(read_table(config.table("clients"), config.locale)))
    data = OfficeData(clients)
    if "managers" in config.tables:
        data.managers = {str(row.get("name") or "").strip().casefold(): row
                         for row in _records(read_table(config.tables["managers"],
                                                        config.locale))}
    if "invoices" in config.tables:
        data.overdue = overdue_clients(_records(read_table(config.tables["invoices"],
                                                           config.locale)),
                                       today or dt.date.today())
    if "campaigns" in config.tables:
        data.campaigns = read_table(config.tables["campaigns"], config.locale)
        data.documents_column = campaigns_column(config, DOCUMENT_HEADERS)
    return data


def audience_of(config: Config, data: OfficeData, name: str,
                suppressed: dict[str, str]) -> tuple[Campaign, Audience]:
    campaign = find_campaign(config, name, data.campaigns, data.documents_column)
    audience = choose(campaign, data.clients, config.table("clients").table, suppressed,
                      data.overdue, config.locale)
    return campaign, audience


def context_for(config: Config, data: OfficeData, client: Record) -> dict[str, Any]:
    """What a template may use: client, manager, invoices (overdue ones), office."""
    manager = data.managers.get(str(client.get("manager") or "").strip().casefold(), {})
    office = config.office
    return {"client": client, "manager": manager,
            "invoices": data.overdue.get(str(client.get("id") or "").upper(), []),
            "office": {"name": office.name, "email": office.email, "phone": office.phone,
                       "website": office.website, "address": office.address}}


def _records(read: TableRead) -> Iterator[Record]:
    for part in read.parts:
        for number, record in zip(part.rows, part.records(), strict=True):
            record["_row"] = number
            yield record
