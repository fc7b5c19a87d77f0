"""The loaded configuration as frozen dataclasses."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from crm_office.config.analysis_model import (
    DEFAULT_REMINDER_LEVELS,
    Analysis,
    Commission,
    ReminderLevel,
    Reminders,
)
from crm_office.config.settings import declared
from crm_office.errors import ConfigError
from crm_office.model import BUILTIN_TABLES, Table


@dataclass(frozen=True)
class Secret:
    """A secret named by the environment variable that holds it; never in the file."""

    env: str
    key_path: str

    def reveal(self) -> str:
        """Return the secret's value, or fail naming the variable to set."""
        value = os.environ.get(self.env)
        if value is None:
            raise ConfigError(f"environment variable {self.env} is not set",
                              key_path=self.key_path,
                              hint=f"export {self.env}=... before running crm-office")
        return value

    def __repr__(self) -> str:
        return f"Secret(env={self.env!r})"


@dataclass(frozen=True)
class Office:
    name: str
    legal_name: str
    tax_id: str
    address: str
    phone: str
    email: str
    website: str
    bank_name: str
    bank_account: str
    bank_code: str
    vat_rate: Decimal
    currency: str
    locale: str
    country: str
    phone_style: str = declared("office", "phone_style")
    lock_wait_seconds: float = declared("office", "lock_wait_seconds")
    kpp: str = declared("office", "kpp")
    correspondent_account: str = declared("office", "correspondent_account")
    head_name: str = declared("office", "head_name")
    accountant_name: str = declared("office", "accountant_name")
    logo: str = declared("office", "logo")


@dataclass(frozen=True)
class Paths:
    root: Path
    workbooks: Path
    templates: Path
    output: Path
    store: str
    backups: Path
    keep_backups: int = declared("paths", "keep_backups")


@dataclass(frozen=True)
class Source:
    """One place a table lives: a workbook and a sheet in it."""

    path: Path
    sheet: str
    key_path: str
    file: str = ""

    @property
    def label(self) -> str:
        return f"{self.file or self.path.name} [{self.sheet}]"


@dataclass(frozen=True)
class TableConfig:
    """A table of the model with the office's places and extra header aliases."""

    table: Table
    sources: tuple[Source, ...]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    id_format: str = ""
    """The office's ID format (``tables.<name>.id_format``); empty: learnt from the IDs."""

    @property
    def key(self) -> str:
        return self.table.key


@dataclass(frozen=True)
class Stage:
    name: str
    label_ru: str
    probability: Decimal


@dataclass(frozen=True)
class Funnel:
    stages: tuple[Stage, ...]
    won: str
    lost: str
    stall_days: dict[str, int]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    @property
    def open_stages(self) -> tuple[str, ...]:
        return tuple(name for name in self.names if name not in (self.won, self.lost))


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: Secret | None
    starttls: bool
    tls: str = "none"
    oauth_token: Secret | None = None
    timeout: float = declared("mail.smtp", "timeout")


@dataclass(frozen=True)
class ExchangeSettings:
    server: str
    username: str
    password: Secret | None
    email: str
    endpoint: str = declared("mail.exchange", "endpoint")
    autodiscover: bool = declared("mail.exchange", "autodiscover")
    auth: str = declared("mail.exchange", "auth")
    access: str = declared("mail.exchange", "access")
    client_id: str = declared("mail.exchange", "client_id")
    tenant_id: str = declared("mail.exchange", "tenant_id")
    client_secret: Secret | None = None


@dataclass(frozen=True)
class GraphSettings:
    tenant_id: str = declared("mail.graph", "tenant_id")
    client_id: str = declared("mail.graph", "client_id")
    client_secret: Secret | None = None
    mailbox: str = declared("mail.graph", "mailbox")
    authority: str = declared("mail.graph", "authority")
    api: str = declared("mail.graph", "api")


@dataclass(frozen=True)
class ImapSettings:
    host: str = declared("mail.imap", "host")
    port: int = declared("mail.imap", "port")
    tls: str = declared("mail.imap", "tls")
    username: str = declared("mail.imap", "username")
    password: Secret | None = None
    folder: str = declared("mail.imap", "folder")


@dataclass(frozen=True)
class CampaignSettings:
    """A campaign as config.toml defines it (``[mail.campaigns.<key>]``)."""

    key: str
    name: str = declared("mail.campaigns.*", "name")
    subject: str = declared("mail.campaigns.*", "subject")
    html: str = declared("mail.campaigns.*", "html")
    text: str = declared("mail.campaigns.*", "text")
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overdue: bool = declared("mail.campaigns.*", "overdue")
    clients: tuple[str, ...] = declared("mail.campaigns.*", "clients")
    attachments: tuple[str, ...] = declared("mail.campaigns.*", "attachments")
    sender: str = declared("mail.campaigns.*", "sender")
    documents: tuple[str, ...] = declared("mail.campaigns.*", "documents")


@dataclass(frozen=True)
class Mail:
    transport: str
    sender: str
    outbox: Path
    smtp: SmtpSettings
    exchange: ExchangeSettings
    sender_name: str = declared("mail", "sender_name")
    unsubscribe: str = declared("mail", "unsubscribe")
    rate_per_minute: float = declared("mail", "rate_per_minute")
    daily_limit: int = declared("mail", "daily_limit")
    retries: int = declared("mail", "retries")
    backoff_seconds: float = declared("mail", "backoff_seconds")
    journal_batch: int = declared("mail", "journal_batch")
    send_window: str = declared("mail", "send_window")
    send_days: tuple[str, ...] = declared("mail", "send_days")
    time_zone: str = declared("mail", "time_zone")
    suppression_sheet: str = declared("mail", "suppression_sheet")
    preview_count: int = declared("mail", "preview_count")
    graph: GraphSettings = field(default_factory=GraphSettings)
    imap: ImapSettings = field(default_factory=ImapSettings)
    campaigns: dict[str, CampaignSettings] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    sync_every_minutes: int
    reminders_at: str
    weekly_report_day: str
    weekly_report_at: str
    time_zone: str = ""
    working_days_only: bool = True
    documents_every_minutes: int = declared("schedule", "documents_every_minutes")
    mailings_every_minutes: int = declared("schedule", "mailings_every_minutes")
    mail_fetch_every_minutes: int = declared("schedule", "mail_fetch_every_minutes")


@dataclass(frozen=True)
class Condition:
    """When some fields have given values, other fields must be filled in."""

    when: dict[str, str]
    require: tuple[str, ...]
    message: str
    key_path: str


@dataclass(frozen=True)
class TableRules:
    """Rules the office adds to a table on top of the model's."""

    required: tuple[str, ...] = declared("rules.*", "required")
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    conditions: tuple[Condition, ...] = declared("rules.*", "conditions")


@dataclass(frozen=True)
class Validation:
    mark_cells: bool = declared("validation", "mark_cells")
    issues_sheet: str = "Issues"
    mark_severities: tuple[str, ...] = declared("validation", "mark_severities")


@dataclass(frozen=True)
class LeadRule:
    """New leads of these regions or industries go to this manager."""

    manager: str
    regions: tuple[str, ...] = declared("sync.assignment[]", "regions")
    industries: tuple[str, ...] = declared("sync.assignment[]", "industries")


@dataclass(frozen=True)
class SyncSettings:
    manager_views: bool = declared("sync", "manager_views")
    views_folder: str = declared("sync", "views_folder")
    conflicts_sheet: str = "Conflicts"
    assignment: tuple[LeadRule, ...] = declared("sync", "assignment")


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template, number pattern and what it is called."""

    name: str
    template: Path
    number: str
    label: str


@dataclass(frozen=True)
class DocumentSettings:
    kinds: dict[str, DocumentKind] = field(default_factory=dict)
    payment_days: int = declared("documents", "payment_days")
    prices_include_vat: bool = declared("documents", "prices_include_vat")
    pdf: bool = declared("documents", "pdf")
    pdf_archive: bool = declared("documents", "pdf_archive")
    qr: bool = declared("documents", "qr")
    register_sheet: str = declared("documents", "register_sheet")
    request_column: str = declared("documents", "request_column")
    stage_requests: dict[str, str] = field(default_factory=dict)

    def kind(self, name: str) -> DocumentKind:
        if name not in self.kinds:
            raise ConfigError(f"no document kind '{name}' (known: {', '.join(self.kinds)})",
                              key_path=f"documents.kinds.{name}",
                              hint="add [documents.kinds.NAME] with its template")
        return self.kinds[name]


@dataclass(frozen=True)
class Config:
    """Everything config.toml says, checked and with paths resolved."""

    path: Path
    office: Office
    paths: Paths
    tables: dict[str, TableConfig]
    funnel: Funnel
    mail: Mail
    schedule: Schedule
    rules: dict[str, TableRules] = field(default_factory=dict)
    validation: Validation = field(default_factory=Validation)
    sync: SyncSettings = field(default_factory=SyncSettings)
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    analysis: Analysis = field(default_factory=Analysis)
    reminders: Reminders = field(default_factory=Reminders)
    commission: Commission = field(default_factory=Commission)

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

__all__ = ["DEFAULT_REMINDER_LEVELS", "Analysis", "Commission", "Config", "ReminderLevel",
           "Reminders"]
