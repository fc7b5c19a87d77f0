"""Every config.toml key, as the loader checks it and README documents it.

A key is declared once, by its typed field in the config's dataclasses
(:func:`crm_office.config.keys.key`); :func:`settings_of` turns a dataclass into these
declarations. The one key declared here by hand is ``validation.keep_backups``: the old
place of ``paths.keep_backups``, still read (with a warning), with no field of its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from crm_office.config import model
from crm_office.config.keys import SAME

REQUIRED = object()
"""Default for keys that must be present."""


@dataclass(frozen=True)
class Setting:
    """One declared key of a config section."""

    key: str
    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    secret: bool = False


def settings_of(section: type) -> tuple[Setting, ...]:
    """The declarations of a section whose keys are declared by their typed fields
    (:func:`crm_office.config.keys.key`): type, default, help and choices from each field;
    the fields the loader makes (:func:`crm_office.config.keys.made`) are no keys."""
    return tuple(_declaration(item) for item in dataclasses.fields(section)
                 if not item.metadata.get("made"))


def _declaration(item: dataclasses.Field[Any]) -> Setting:
    meta = item.metadata
    default = meta["file_default"]
    if default is SAME:
        default = item.default_factory() if item.default is dataclasses.MISSING \
            and item.default_factory is not dataclasses.MISSING else item.default
    if default is dataclasses.MISSING:
        default = REQUIRED
    kind = dict if meta["secret"] else \
        meta["file_type"] or _FILE_TYPES.get(str(item.type).split("[")[0])
    if kind is None:
        raise TypeError(f"{item.name}: say file_type= for a field of type {item.type}")
    return Setting(item.name, kind, list(default) if isinstance(default, tuple) else default,
                   meta["help"], choices=meta["choices"], secret=meta["secret"])


_FILE_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str, "int": int, "bool": bool, "float": (int, float), "Decimal": (int, float),
    "tuple": list, "dict": dict}
"""How config.toml writes a value of each field type (a tuple as a list, a Decimal as a
number)."""

OLD_KEEP_BACKUPS = Setting(
    "keep_backups", int, None,
    "Old place of paths.keep_backups: still read (with a warning) when that is unset.")

CLASSES: dict[str, type] = {
    "": model.Config, "office": model.Office, "paths": model.Paths,
    "tables.*": model.TableConfig, "tables.*.sources[]": model.Source, "funnel": model.Funnel,
    "funnel.stages[]": model.Stage, "mail": model.Mail, "mail.smtp": model.SmtpSettings,
    "mail.exchange": model.ExchangeSettings, "mail.graph": model.GraphSettings,
    "mail.imap": model.ImapSettings, "mail.campaigns.*": model.CampaignSettings,
    "schedule": model.Schedule, "rules.*": model.TableRules,
    "rules.*.conditions[]": model.Condition, "validation": model.Validation,
    "sync": model.SyncSettings, "sync.assignment[]": model.LeadRule,
    "documents": model.DocumentSettings, "documents.kinds.*": model.DocumentKind,
    "analysis": model.Analysis, "reminders": model.Reminders,
    "reminders.levels[]": model.ReminderLevel, "commission": model.Commission,
}
"""Each section of config.toml (README's order) and the dataclass that declares its keys."""

SECTIONS: dict[str, tuple[Setting, ...]] = {
    section: settings_of(kind) + ((OLD_KEEP_BACKUPS,) if section == "validation" else ())
    for section, kind in CLASSES.items()}

ROOT, OFFICE, PATHS, TABLE, SOURCE, FUNNEL, STAGE, MAIL, SMTP, EXCHANGE, GRAPH, IMAP, \
    CAMPAIGN, SCHEDULE, RULES, CONDITION, VALIDATION, SYNC, ASSIGNMENT, DOCUMENTS, \
    DOCUMENT_KIND, ANALYSIS, REMINDERS, REMINDER_LEVEL, COMMISSION = SECTIONS.values()
"""The declarations of each section by name, as the readers of the sections use them."""


def setting(section: str, key: str) -> Setting:
    """The declaration of ``key`` in ``section`` (e.g. "validation", "keep_backups")."""
    return next(item for item in SECTIONS[section] if item.key == key)
