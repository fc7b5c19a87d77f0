"""The [rules.*] and [validation] sections: extra checks an office adds to its tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import Text
from crm_office.config import settings as declared
from crm_office.config.model import Condition, LeadRule, SyncSettings, TableRules, Validation
from crm_office.model import BUILTIN_TABLES

if TYPE_CHECKING:
    from crm_office.config.loader import SectionReader


def table_rules(reader: SectionReader, table_key: str, raw: Any) -> TableRules:
    """Check one [rules.<table>] section against the model's columns."""
    from crm_office.config.loader import did_you_mean

    where = f"rules.{table_key}"
    if table_key not in BUILTIN_TABLES:
        raise reader.fail(where, Text("config.unknown-table"),
                          did_you_mean(table_key, BUILTIN_TABLES))
    values = reader.section(raw, declared.RULES, where)
    columns = [column.key for column in BUILTIN_TABLES[table_key].columns]

    def field_key(key: Any, key_path: str) -> str:
        if key not in columns:
            raise reader.fail(key_path, Text("config.no-column", table=table_key, key=key),
                              did_you_mean(key, columns)
                              or Text("config.columns", columns=", ".join(columns)))
        return str(key)

    required = tuple(field_key(key, f"{where}.required") for key in values["required"])
    choices = {field_key(key, f"{where}.choices.{key}"):
               _strings(reader, items, f"{where}.choices.{key}")
               for key, items in values["choices"].items()}
    patterns = {field_key(key, f"{where}.patterns.{key}"):
                _pattern(reader, pattern, f"{where}.patterns.{key}")
                for key, pattern in values["patterns"].items()}
    conditions = tuple(_condition(reader, item, f"{where}.conditions[{index}]", field_key)
                       for index, item in enumerate(values["conditions"]))
    return TableRules(required, choices, patterns, conditions)


def _condition(reader: SectionReader, raw: Any, where: str, field_key: Any) -> Condition:
    values = reader.section(raw, declared.CONDITION, where)
    when = {field_key(key, f"{where}.when.{key}"): str(value)
            for key, value in values["when"].items()}
    require = tuple(field_key(key, f"{where}.require") for key in values["require"])
    if not when or not require:
        raise reader.fail(where, Text("cfg.condition-fields", when="`when`", require="`require`"))
    return Condition(when, require, values["message"], where)


def _strings(reader: SectionReader, items: Any, where: str) -> tuple[str, ...]:
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise reader.fail(where, Text("cfg.list-of-texts"),
                          Text("cfg.example", example='["travel", "retail"]'))
    return tuple(items)


def _pattern(reader: SectionReader, pattern: Any, where: str) -> str:
    if not isinstance(pattern, str):
        raise reader.fail(where, Text("cfg.regex-quoted"))
    try:
        re.compile(pattern)
    except re.error as exc:
        raise reader.fail(where, Text("cfg.bad-regex", error=str(exc)),
                          Text("cfg.regex-hint", example="'^\\d{10}$'")) from exc
    return pattern


def validation_settings(reader: SectionReader, raw: Any) -> Validation:
    values = reader.section(raw, declared.VALIDATION, "validation")
    severities = values["mark_severities"]
    for severity in severities:
        if severity not in ("error", "warning", "info"):
            raise reader.fail("validation.mark_severities",
                              Text("cfg.unknown-severity", value=severity),
                              Text("cfg.severities", choices="error, warning, info"))
    if _given_blank(raw, "issues_sheet") or len(values["issues_sheet"]) > 31:
        raise reader.fail("validation.issues_sheet", Text("cfg.sheet-name-length"))
    return Validation(values["mark_cells"], values["issues_sheet"], tuple(severities))


def sync_settings(reader: SectionReader, raw: Any) -> SyncSettings:
    values = reader.section(raw, declared.SYNC, "sync")
    for key in ("views_folder", "conflicts_sheet"):
        if _given_blank(raw, key) or "/" in values[key] or "\\" in values[key]:
            raise reader.fail(f"sync.{key}", Text("cfg.plain-name"))
    rules = []
    for index, item in enumerate(values["assignment"]):
        where = f"sync.assignment[{index}]"
        rule = reader.section(item, declared.ASSIGNMENT, where)
        rules.append(LeadRule(rule["manager"],
                              _strings(reader, rule["regions"], f"{where}.regions"),
                              _strings(reader, rule["industries"], f"{where}.industries")))
    return SyncSettings(values["manager_views"], values["views_folder"],
                        values["conflicts_sheet"], tuple(rules))


def _given_blank(raw: Any, key: str) -> bool:
    """The key is in the file but says nothing (a default is never blank by mistake)."""
    return isinstance(raw, dict) and key in raw and not str(raw[key]).strip()
