"""Read ``[mail]`` and its sub-tables (smtp, exchange, graph, imap, campaigns)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm_office.catalogue import Text
from crm_office.config import settings as declared
from crm_office.config.model import (
    CampaignSettings,
    ExchangeSettings,
    GraphSettings,
    ImapSettings,
    Mail,
    SmtpSettings,
)

if TYPE_CHECKING:
    from crm_office.config.loader import SectionReader

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FILTER_FIELDS = ("segment", "region", "industry", "status", "manager", "source")
PERSONAL_DOCUMENTS = ("offer", "invoice")
_WINDOW = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")


def mail_settings(reader: SectionReader, raw: dict[str, Any], output: Path) -> Mail:
    """The ``[mail]`` section, checked."""
    values = reader.section(raw, declared.MAIL, "mail")
    smtp = reader.section(values.pop("smtp"), declared.SMTP, "mail.smtp")
    smtp["tls"] = smtp["tls"] or ("starttls" if smtp["starttls"] else "none")
    exchange = reader.section(values.pop("exchange"), declared.EXCHANGE, "mail.exchange")
    if values["transport"] == "exchange" and not (exchange["server"] or exchange["endpoint"]
                                                   or exchange["autodiscover"]):
        raise reader.fail("mail.exchange.server",
                          Text("cfg.required-for-transport", transport='"exchange"'),
                          Text("cfg.exchange-alternatives", endpoint="mail.exchange.endpoint",
                               autodiscover="autodiscover = true"))
    graph = reader.section(values.pop("graph"), declared.GRAPH, "mail.graph")
    if values["transport"] == "graph":
        for key in ("tenant_id", "client_id", "client_secret"):
            if not graph[key]:
                raise reader.fail(f"mail.graph.{key}",
                                  Text("cfg.required-for-transport", transport='"graph"'),
                                  Text("cfg.from-app-registration", portal="Microsoft Entra"))
    imap = reader.section(values.pop("imap"), declared.IMAP, "mail.imap")
    campaigns = {key: _campaign(reader, body, key)
                 for key, body in values.pop("campaigns").items()}
    _check_pacing(reader, values)
    values["send_days"] = tuple(values["send_days"])
    return Mail(**{**values, "outbox": output / values["outbox"]}, smtp=SmtpSettings(**smtp),
                exchange=ExchangeSettings(**exchange), graph=GraphSettings(**graph),
                imap=ImapSettings(**imap), campaigns=campaigns)


def _check_pacing(reader: SectionReader, values: dict[str, Any]) -> None:
    if values["send_window"] and not _WINDOW.match(values["send_window"]):
        raise reader.fail("mail.send_window",
                          Text("cfg.not-time-span", value=values["send_window"]),
                          Text("cfg.time-span-hint", example='"09:00-18:00"'))
    for day in values["send_days"]:
        if day not in DAYS:
            raise reader.fail("mail.send_days", Text("cfg.not-day", value=day),
                              Text("cfg.use", choices=", ".join(DAYS)))
    try:
        ZoneInfo(values["time_zone"])
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise reader.fail("mail.time_zone", Text("cfg.not-time-zone", value=values["time_zone"]),
                          Text("cfg.time-zone-hint", examples="Europe/Moscow, UTC")) from exc
    for key in ("rate_per_minute", "daily_limit", "retries", "backoff_seconds"):
        if values[key] < 0:
            raise reader.fail(f"mail.{key}", Text("cfg.not-negative"))
    if values["journal_batch"] < 1:
        raise reader.fail("mail.journal_batch", Text("cfg.at-least-1"))


def _campaign(reader: SectionReader, raw: Any, key: str) -> CampaignSettings:
    where = f"mail.campaigns.{key}"
    values = reader.section(raw, declared.CAMPAIGN, where)
    filters: dict[str, tuple[str, ...]] = {}
    for field, wanted in values.pop("filters").items():
        if field not in FILTER_FIELDS:
            raise reader.fail(f"{where}.filters.{field}", Text("cfg.not-filter-column"),
                              Text("cfg.use", choices=", ".join(FILTER_FIELDS)))
        items = wanted if isinstance(wanted, list) else [wanted]
        filters[field] = tuple(str(item) for item in items)
    documents = tuple(str(kind) for kind in values.pop("documents"))
    for kind in documents:
        if kind not in PERSONAL_DOCUMENTS:
            raise reader.fail(f"{where}.documents", f"'{kind}' is not a document to attach",
                              f"use: {', '.join(PERSONAL_DOCUMENTS)}")
    return CampaignSettings(key=key, filters=filters, clients=tuple(values.pop("clients")),
                            attachments=tuple(values.pop("attachments")), documents=documents,
                            **values)
