"""The loaded configuration as frozen dataclasses."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

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
    phone_style: str = "international"
    lock_wait_seconds: float = 60
    kpp: str = ""
    correspondent_account: str = ""
    head_name: str = ""
    accountant_name: str = ""
    logo: str = ""


@dataclass(frozen=True)
class Paths:
    root: Path
    workbooks: Path
    templates: Path
    output: Path
    store: str
    backups: Path
    keep_backups: int = 10


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
    timeout: float = 30


@dataclass(frozen=True)
class ExchangeSettings:
    server: str
    username: str
    password: Secret | None
    email: str
    endpoint: str = ""
    autodiscover: bool = False
    auth: str = "ntlm"
    access: str = "delegate"
    client_id: str = ""
    tenant_id: str = ""
    client_secret: Secret | None = None


@dataclass(frozen=True)
class GraphSettings:
    tenant_id: str = ""
    client_id: str = ""
    client_secret: Secret | None = None
    mailbox: str = ""
    authority: str = "https://login.microsoftonline.com"
    api: str = "https://graph.microsoft.com/v1.0"


@dataclass(frozen=True)
class ImapSettings:
    host: str = ""
    port: int = 993
    tls: str = "implicit"
    username: str = ""
    password: Secret | None = None
    folder: str = "INBOX"


@dataclass(frozen=True)
class CampaignSettings:
    """A campaign as config.toml defines it (``[mail.campaigns.<key>]``)."""

    key: str
    name: str = ""
    subject: str = ""
    html: str = ""
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overdue: bool = False
    clients: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    sender: str = ""


@dataclass(frozen=True)
class Mail:
    transport: str
    sender: str
    outbox: Path
    smtp: SmtpSettings
    exchange: ExchangeSettings
    sender_name: str = ""
    unsubscribe: str = ""
    rate_per_minute: float = 0
    daily_limit: int = 0
    retries: int = 5
    backoff_seconds: float = 2
    journal_batch: int = 20
    send_window: str = ""
    send_days: tuple[str, ...] = ()
    time_zone: str = "UTC"
    suppression_sheet: str = ""
    preview_count: int = 3
    graph: GraphSettings = field(default_factory=GraphSettings)
    imap: ImapSettings = field(default_factory=ImapSettings)
    campaigns: dict[str, CampaignSettings] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    sync_every_minutes: int
    reminders_at: str
    weekly_report_day: str
    weekly_report_at: str


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

    required: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Validation:
    mark_cells: bool = True
    issues_sheet: str = "Issues"
    mark_severities: tuple[str, ...] = ("error", "warning")


@dataclass(frozen=True)
class LeadRule:
    """New leads of these regions or industries go to this manager."""

    manager: str
    regions: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()


@dataclass(frozen=True)
class SyncSettings:
    manager_views: bool = True
    views_folder: str = "managers"
    conflicts_sheet: str = "Conflicts"
    assignment: tuple[LeadRule, ...] = ()


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
    payment_days: int = 14
    prices_include_vat: bool = False
    pdf: bool = False
    pdf_archive: bool = False
    qr: bool = True
    register_sheet: str = "Documents"
    request_column: str = ""
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
