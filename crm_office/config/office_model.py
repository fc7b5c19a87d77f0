"""``[office]``, ``[paths]``, ``[funnel]`` and ``[schedule]`` as the config holds them.

Each key is declared here once, by its typed field (:func:`crm_office.config.keys.key`);
:mod:`crm_office.config.settings` makes the loader's and README's declarations from them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from crm_office.config.keys import NO_DEFAULT, key, made
from crm_office.errors import ConfigError


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
    """``[office]``: the company, its legal details, bank, VAT and language."""

    name: str = key(NO_DEFAULT, "Trading name shown on documents and reports.")
    legal_name: str = key("", "Full legal name for invoices.")
    tax_id: str = key("", "The company's own tax number (INN, VAT ID).")
    address: str = key("", "Registered address.")
    phone: str = key("", "Office phone printed on documents.")
    email: str = key("", "Office e-mail printed on documents.")
    website: str = key("", "Web site printed on documents.")
    bank_name: str = key("", "Bank for payments.")
    bank_account: str = key("", "Account number or IBAN.")
    bank_code: str = key("", "BIC / SWIFT or Russian БИК.")
    vat_rate: Decimal = key(Decimal(20), "VAT rate in percent (0 for none).", file_default=20)
    currency: str = key("EUR", "ISO currency code of all amounts, e.g. EUR, RUB, UAH.")
    locale: str = key("en", "Language of messages, documents and new workbooks.",
                      choices=("en", "ru"))
    country: str = key("GB", "Default country for phone numbers (ISO code, e.g. RU).")
    phone_style: str = key(
        "international",
        "How the office writes phone numbers: international (+7 912 345-01-07) or "
        "national (8 (912) 345-01-07); validate reports and --fix rewrites the others.",
        choices=("international", "national"))
    lock_wait_seconds: float = key(
        60, "How long a command waits for another crm-office run of this office to finish "
            "before it gives up (0: do not wait).")
    kpp: str = key("", "Russian КПП (tax registration reason code), printed on invoices.")
    correspondent_account: str = key("", "The bank's correspondent account (корр. счёт).")
    head_name: str = key("", "Name of the head who signs documents (руководитель).")
    accountant_name: str = key("", "Name of the chief accountant who signs invoices.")
    logo: str = key("", "Logo picture (PNG or JPEG) printed 40 mm wide where a template "
                        "says {{ logo }}, relative to paths.templates; empty for none.")


@dataclass(frozen=True)
class Paths:
    """``[paths]``: folders resolved against the office folder (``root``)."""

    root: Path = made()
    workbooks: Path = key(NO_DEFAULT, "Folder of the staff workbooks.", file_type=str,
                          file_default="workbooks")
    templates: Path = key(NO_DEFAULT, "Folder of the Word templates (needed only once "
                                      "documents are made).", file_type=str,
                          file_default="templates")
    output: Path = key(NO_DEFAULT, "Folder for generated documents, reports and the outbox.",
                       file_type=str, file_default="output")
    store: str = key(NO_DEFAULT, "Embedded store file (or a database URL).",
                     file_default="crm-office.sqlite")
    backups: Path = key(NO_DEFAULT, "Folder for workbook backups before each write.",
                        file_type=str, file_default=".backups")
    keep_backups: int = key(10, "How many backups of each workbook to keep.")


@dataclass(frozen=True)
class Stage:
    """``[[funnel.stages]]``: one sales stage."""

    name: str = key(NO_DEFAULT, "Stage name as typed in the Deals sheet.")
    label_ru: str = key(NO_DEFAULT, "Russian name also accepted in the sheet.", file_default="")
    probability: Decimal = key(NO_DEFAULT, "Win probability in percent (0-100).")


@dataclass(frozen=True)
class Funnel:
    """``[funnel]``: the sales stages in order and the two that close a deal."""

    stages: tuple[Stage, ...] = key(NO_DEFAULT, "Sales stages in order: [{name, label_ru, "
                                                "probability}].")
    won: str = key("won", "Stage that closes a deal as won.")
    lost: str = key("lost", "Stage that closes a deal as lost.")
    stall_days: dict[str, int] = key({}, "Days after which a deal in a stage counts as "
                                         "stalled.")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    @property
    def open_stages(self) -> tuple[str, ...]:
        return tuple(name for name in self.names if name not in (self.won, self.lost))


@dataclass(frozen=True)
class Schedule:
    """``[schedule]``: when ``serve`` runs each job."""

    sync_every_minutes: int = key(10, "Minutes between two syncs.")
    reminders_at: str = key("08:30", "Time of day for reminders (HH:MM).")
    weekly_report_day: str = key("monday", "Day of the weekly report.",
                                 choices=("monday", "tuesday", "wednesday", "thursday",
                                          "friday", "saturday", "sunday"))
    weekly_report_at: str = key("07:00", "Time of the weekly report (HH:MM).")
    time_zone: str = key("", "The office's time zone (e.g. Europe/Moscow) for the times "
                             "above; empty: this computer's.")
    working_days_only: bool = key(True, "Sync only Monday to Friday (reminders and the report "
                                        "keep their days).")
    documents_every_minutes: int = key(
        10, "Minutes between two runs of `documents` (the Deals request column and what the "
            "funnel calls for); 0: not scheduled. Working days only as sync.")
    mailings_every_minutes: int = key(
        10, "Minutes between two looks at the Campaigns sheet's Send column (`mail requests`); "
            "0: not scheduled. Working days only as sync.")
    mail_fetch_every_minutes: int = key(
        10, "Minutes between two reads of replies and bounces (`mail fetch`, when the office "
            "has a mailbox to read); 0: not scheduled. Working days only as sync.")
