"""The loaded configuration as frozen dataclasses.

Every key of config.toml is declared once, by its typed field here or in the section modules
this one gathers (office_model, mail_model, rules_model, analysis_model); see
:mod:`crm_office.config.keys`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm_office.config.analysis_model import (
    DEFAULT_REMINDER_LEVELS,
    Analysis,
    Commission,
    ReminderLevel,
    Reminders,
)
from crm_office.config.keys import NO_DEFAULT, key, made
from crm_office.config.mail_model import (
    CampaignSettings,
    ExchangeSettings,
    GraphSettings,
    ImapSettings,
    Mail,
    SmtpSettings,
)
from crm_office.config.office_model import Funnel, Office, Paths, Schedule, Secret, Stage
from crm_office.config.rules_model import (
    Condition,
    DocumentKind,
    DocumentSettings,
    LeadRule,
    SyncSettings,
    TableRules,
    Validation,
)
from crm_office.errors import ConfigError
from crm_office.model import BUILTIN_TABLES, Table


@dataclass(frozen=True)
class Source:
    """One place a table lives: a workbook and a sheet in it."""

    path: Path = made()
    file: str = key(NO_DEFAULT, "Workbook, relative to paths.workbooks.")
    sheet: str = key(NO_DEFAULT, "Sheet name.")
    key_path: str = made()

    @property
    def label(self) -> str:
        return f"{self.file or self.path.name} [{self.sheet}]"


@dataclass(frozen=True)
class TableConfig:
    """A table of the model with the office's places and extra header aliases."""

    table: Table = made()
    file: str = key("", "Workbook of the table, relative to paths.workbooks.")
    sheet: str = key("", "Sheet of the table in that workbook.")
    """``file`` and ``sheet`` as config.toml writes one place; it is also in ``sources``."""
    sources: tuple[Source, ...] = key((), "Several places of one table: [{file = ..., "
                                          "sheet = ...}].")
    aliases: dict[str, tuple[str, ...]] = key({}, "Extra headers per column: "
                                                  "{name = [\"Organisation\"]}.")
    id_format: str = key("", "How new IDs are written, e.g. \"К-{n:04d}\", \"{n}\", "
                             "\"CL/{year}/{n}\"; empty: learnt from the IDs the table has "
                             "(default PREFIX-{n:06d}).")
    """The office's ID format; empty: learnt from the IDs."""

    @property
    def key(self) -> str:
        return self.table.key


_TABLE: dict[str, Any] = {"file_type": dict, "file_default": {}}
"""A section config.toml may leave out, held as its dataclass (built by the loader)."""


@dataclass(frozen=True)
class Config:
    """Everything config.toml says, checked and with paths resolved."""

    path: Path = made()
    office: Office = key(NO_DEFAULT, "The company: name, legal details, bank, VAT, locale.",
                         file_type=dict)
    paths: Paths = key(NO_DEFAULT, "Where workbooks, templates and output live.", **_TABLE)
    tables: dict[str, TableConfig] = key(NO_DEFAULT, "Which workbook and sheet hold each table.")
    funnel: Funnel = key(NO_DEFAULT, "The sales funnel (required when there is a deals table).",
                         **_TABLE)
    mail: Mail = key(NO_DEFAULT, "The mail transport.", **_TABLE)
    schedule: Schedule = key(NO_DEFAULT, "When `serve` runs each job.", **_TABLE)
    rules: dict[str, TableRules] = key({}, "Extra validation rules per table.")
    validation: Validation = key(Validation(), "How problems are shown in the workbooks.",
                                 **_TABLE)
    sync: SyncSettings = key(SyncSettings(), "How `sync` merges the workbooks.", **_TABLE)
    documents: DocumentSettings = key(DocumentSettings(), "Offers, invoices and other "
                                                          "documents from Word templates.",
                                      **_TABLE)
    analysis: Analysis = key(Analysis(), "The weekly analysis and its report.", **_TABLE)
    reminders: Reminders = key(Reminders(), "Morning lists for managers and payment reminders.",
                               **_TABLE)
    commission: Commission = key(Commission(), "How managers' commission is worked out.",
                                 **_TABLE)

    @property
    def locale(self) -> str:
        return self.office.locale

    def workbook_files(self) -> dict[Path, str]:
        """Every workbook of the office (each once), with the label it is reported under."""
        files: dict[Path, str] = {}
        for table in self.tables.values():
            for source in table.sources:
                files.setdefault(source.path, source.file or source.path.name)
        return files

    def table(self, key: str) -> TableConfig:
        if key not in self.tables:
            known = ", ".join(self.tables) or "none"
            raise ConfigError(f"table '{key}' is not configured (configured: {known})",
                              key_path=f"tables.{key}", path=self.path)
        return self.tables[key]


KNOWN_TABLES = tuple(BUILTIN_TABLES)

__all__ = ["DEFAULT_REMINDER_LEVELS", "Analysis", "CampaignSettings", "Commission", "Condition",
           "Config", "DocumentKind", "DocumentSettings", "ExchangeSettings", "Funnel",
           "GraphSettings", "ImapSettings", "LeadRule", "Mail", "Office", "Paths",
           "ReminderLevel", "Reminders", "Schedule", "Secret", "SmtpSettings", "Source",
           "Stage", "SyncSettings", "TableConfig", "TableRules", "Validation"]
