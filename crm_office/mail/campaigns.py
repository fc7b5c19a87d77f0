"""Campaigns: what config.toml (``[mail.campaigns.<key>]``) and the Campaigns sheet define.

A campaign is found by its key, its ID in the Campaigns sheet or its name (ignoring case).
When both define it (the config key is the sheet's ID or name), the config gives the message
and the sheet row fills in the segment, region and industry filters the config leaves open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.catalogue import Text, say
from crm_office.config.model import CampaignSettings, Config
from crm_office.errors import CampaignError
from crm_office.mail.sheet_columns import SheetColumn, document_kinds
from crm_office.problems import column_letter
from crm_office.workbook import TableRead

SHEET_FILTERS = ("segment", "region", "industry")


@dataclass(frozen=True)
class Campaign:
    """One campaign, ready to choose recipients and render messages."""

    key: str
    name: str
    subject: str
    html: str
    text: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overdue: bool = False
    clients: tuple[str, ...] = ()
    attachments: tuple[Path, ...] = ()
    sender: str = ""
    documents: tuple[str, ...] = ()
    """Documents made per recipient and attached (offer, invoice)."""
    sheet_row: int = 0
    """Excel row of the campaign in the Campaigns sheet (0: defined only in the config)."""

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name,
                "filters": {k: list(v) for k, v in self.filters.items()},
                "overdue": self.overdue, "clients": list(self.clients),
                "attachments": [str(path) for path in self.attachments],
                "sender": self.sender, "documents": list(self.documents)}


def find_campaign(config: Config, wanted: str, sheet: TableRead | None,
                  documents: SheetColumn | None = None) -> Campaign:
    """The campaign named ``wanted``; an unknown one lists those that exist. ``documents``
    is the sheet's Documents column (used when the config names no documents)."""
    rows = _sheet_rows(sheet)
    settings = _config_campaign(config, wanted, rows)
    row = _sheet_row(rows, settings.key if settings else wanted,
                     settings.name if settings else "")
    if settings is None and row is None:
        known = sorted({*config.mail.campaigns, *(str(r.get("id") or r.get("name"))
                                                   for r in rows)})
        raise CampaignError(say("mail.campaign-unknown", config.locale, name=wanted,
                                 known=", ".join(known) or say("word.none", config.locale)),
                            hint=Text("mail.campaign-define"))
    return _combine(config, settings, row, documents)


def _combine(config: Config, settings: CampaignSettings | None, row: dict[str, Any] | None,
             documents: SheetColumn | None) -> Campaign:
    row = row or {}
    base = settings or CampaignSettings(key=str(row.get("id") or row.get("name")))
    kinds = base.documents or _sheet_documents(config, documents, int(row.get("_row") or 0))
    filters = dict(base.filters)
    for name in SHEET_FILTERS:
        if name not in filters and row.get(name):
            filters[name] = (str(row[name]),)
    templates = config.paths.templates
    key = base.key
    return Campaign(
        key=key, name=base.name or str(row.get("name") or key),
        subject=base.subject or "{{ campaign.name }}",
        html=_template(templates, base.html, key, config.locale),
        text=_template(templates, base.text, key, config.locale),
        filters=filters, overdue=base.overdue, clients=base.clients,
        attachments=tuple(templates / name for name in base.attachments),
        sender=base.sender or config.mail.sender, documents=kinds,
        sheet_row=int(row.get("_row") or 0))


def _sheet_documents(config: Config, column: SheetColumn | None, row: int) -> tuple[str, ...]:
    """The documents the campaign's row asks for in the Documents column («КП, счёт»)."""
    text = column.value(row) if column is not None and row else ""
    if not text:
        return ()
    kinds, unknown = document_kinds(text)
    if unknown:
        assert column is not None
        source = config.tables["campaigns"].sources[0]
        raise CampaignError(say("mail.documents-unknown", config.locale, file=source.path.name,
                                 sheet=source.sheet, cell=f"{column_letter(column.column)}{row}",
                                 words=", ".join(unknown)),
                            hint=Text("mail.documents-fix"))
    return kinds


def _template(folder: Path, name: str, campaign: str, locale: str) -> str:
    if not name:
        return ""
    path = folder / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CampaignError(say("mail.template-missing", locale, path=path, campaign=campaign),
                            hint=Text("mail.template-name-fix")) from exc


def _config_campaign(config: Config, wanted: str,
                     rows: list[dict[str, Any]]) -> CampaignSettings | None:
    folded = wanted.casefold()
    for key, settings in config.mail.campaigns.items():
        if folded in (key.casefold(), settings.name.casefold()):
            return settings
    row = _sheet_row(rows, wanted, "")
    if row is not None:
        for name in (str(row.get("id") or ""), str(row.get("name") or "")):
            if name and name in config.mail.campaigns:
                return config.mail.campaigns[name]
    return None


def _sheet_rows(sheet: TableRead | None) -> list[dict[str, Any]]:
    if sheet is None:
        return []
    rows: list[dict[str, Any]] = []
    for part in sheet.parts:
        for number, record in zip(part.rows, part.records(), strict=True):
            rows.append({**record, "_row": number})
    return rows


def _sheet_row(rows: list[dict[str, Any]], *names: str) -> dict[str, Any] | None:
    wanted = {name.casefold() for name in names if name}
    for row in rows:
        if {str(row.get("id") or "").casefold(), str(row.get("name") or "").casefold()} & wanted:
            return row
    return None


def check_attachments(campaign: Campaign, locale: str) -> None:
    """Every fixed attachment exists, before the first message goes out."""
    for path in campaign.attachments:
        if not path.is_file():
            raise CampaignError(say("mail.attachment-missing", locale, path=path,
                                     campaign=campaign.key),
                                hint=Text("mail.attachment-fix"))
