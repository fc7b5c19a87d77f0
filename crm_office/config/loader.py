"""Read config.toml into :class:`~crm_office.config.model.Config`, checking every key."""

from __future__ import annotations

import difflib
import logging
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm_office.catalogue import Text, say
from crm_office.config import settings as declared
from crm_office.config.analysis_settings import analysis_sections
from crm_office.config.documents import document_settings
from crm_office.config.engine_sheets import name_engine_sheets, name_suppression_sheet
from crm_office.config.model import (
    Config,
    Funnel,
    Mail,
    Office,
    Paths,
    Schedule,
    Secret,
    Source,
    Stage,
    TableConfig,
)
from crm_office.config.rules import sync_settings, table_rules, validation_settings
from crm_office.config.settings import REQUIRED, Setting
from crm_office.errors import ConfigError
from crm_office.model import BUILTIN_TABLES
from crm_office.model.id_scheme import IdScheme

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}
log = logging.getLogger(__name__)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
INTERVAL_JOBS = ("documents", "mailings", "mail_fetch")
"""Scheduled jobs run every ``schedule.<job>_every_minutes`` (0: not scheduled)."""


def load_config(path: str | Path) -> Config:
    """Load and check a config file; raise :class:`ConfigError` on the first mistake."""
    path = Path(path)
    raw = _read_toml(path)
    reader = SectionReader(path)
    root = reader.section(raw, declared.ROOT, "")
    base = path.parent.resolve()
    paths = _paths(reader, root["paths"], root["validation"], base)
    office = _office(reader, root["office"])
    tables = _tables(reader, root["tables"], paths.workbooks)
    funnel = _funnel(reader, root["funnel"], needed="deals" in tables)
    mail = name_suppression_sheet(_mail(reader, root["mail"], paths.output), office.locale,
                                  tables.get("campaigns"))
    schedule = _schedule(reader, root["schedule"])
    rules = {key: table_rules(reader, key, item) for key, item in root["rules"].items()}
    validation, sync = name_engine_sheets(
        validation_settings(reader, root["validation"]), sync_settings(reader, root["sync"]),
        office.locale, (source.path for table in tables.values() for source in table.sources))
    return Config(path=path, office=office, paths=paths, tables=tables, funnel=funnel,
                  mail=mail, schedule=schedule, rules=rules, validation=validation, sync=sync,
                  documents=document_settings(reader, root["documents"], paths.templates,
                                              funnel.names),
                  **analysis_sections(reader, root))


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(Text("error.config-not-found"), path=path,
                          hint=Text("hint.config-not-found"))
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(Text("config.not-toml", detail=str(exc)), path=path,
                          hint=Text("config.toml-hint")) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the file: {exc}", path=path) from exc


class SectionReader:
    """Checks sections against their declarations; remembers the file for messages."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key_path: str, message: str | Text, hint: str | Text = "") -> ConfigError:
        return ConfigError(message, key_path=key_path, path=self.path, hint=hint)

    def section(self, raw: Any, settings: tuple[Setting, ...], key_path: str) -> dict[str, Any]:
        """Check one table of the file; return every declared key with defaults filled in."""
        if not isinstance(raw, dict):
            raise self.fail(key_path, Text("config.must-be-table", what=_describe(raw)))
        known = {setting.key: setting for setting in settings}
        for key in raw:
            if key not in known:
                raise self.fail(_join(key_path, key), Text("config.unknown-key"),
                                did_you_mean(key, known))
        return {setting.key: self.value(raw, setting, key_path) for setting in settings}

    def value(self, raw: dict[str, Any], setting: Setting, key_path: str) -> Any:
        where = _join(key_path, setting.key)
        if setting.key not in raw:
            if setting.default is REQUIRED:
                raise self.fail(where, Text("config.required"),
                                Text("config.add-it", help=KeyHelp(setting.help)))
            return setting.default
        value = raw[setting.key]
        if setting.secret:
            return self.secret(value, where)
        expected = setting.type if isinstance(setting.type, tuple) else (setting.type,)
        if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
            raise self.fail(where, Text("config.must-be", wanted=_wanted(expected),
                                        what=_describe(value)), KeyHelp(setting.help))
        if setting.choices and value not in setting.choices:
            raise self.fail(where, Text("config.not-allowed", value=value,
                                        choices=", ".join(setting.choices)),
                            did_you_mean(value, setting.choices))
        return value

    def secret(self, value: Any, where: str) -> Secret:
        if isinstance(value, dict) and set(value) == {"env"} and isinstance(value["env"], str):
            return Secret(env=value["env"], key_path=where)
        example = f'{where.rsplit(".", 1)[-1]} = {{ env = "CRM_OFFICE_PASSWORD" }}'
        raise self.fail(where, Text("config.no-secrets"),
                        Text("config.secret-env", example=example))


def _paths(reader: SectionReader, raw: dict[str, Any], validation: Any, base: Path) -> Paths:
    values = reader.section(raw, declared.PATHS, "paths")
    values["keep_backups"] = _keep_backups(reader, raw, validation)
    folders = {key: base / values[key] for key in ("workbooks", "templates", "output", "backups")}
    if not folders["workbooks"].is_dir():  # templates: only once documents are made
        raise reader.fail("paths.workbooks",
                          Text("config.folder-not-found", path=folders["workbooks"]),
                          Text("config.folder-hint"))
    return Paths(root=base, store=values["store"], keep_backups=values["keep_backups"],
                 **folders)


def _keep_backups(reader: SectionReader, paths: dict[str, Any], validation: Any) -> int:
    """``paths.keep_backups``, or the old ``validation.keep_backups`` (with a warning)."""
    key = "paths.keep_backups"
    keep = paths.get("keep_backups", declared.setting("paths", "keep_backups").default)
    if isinstance(validation, dict) and "keep_backups" in validation:
        old = reader.value(validation, declared.setting("validation", "keep_backups"),
                           "validation")
        if "keep_backups" not in paths:
            key, keep = "validation.keep_backups", old
            log.warning("%s: [validation] keep_backups has moved to [paths] keep_backups; "
                        "it is still read from the old place", reader.path)
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise reader.fail(key, Text("config.keep-backups"), Text("config.keep-backups-hint",
                                                                example="keep_backups = 10"))
    return keep


def _office(reader: SectionReader, raw: dict[str, Any]) -> Office:
    values = reader.section(raw, declared.OFFICE, "office")
    rate = Decimal(str(values["vat_rate"]))
    if not 0 <= rate < 100:
        raise reader.fail("office.vat_rate", Text("cfg.not-percentage", value=rate))
    if not re.fullmatch(r"[A-Z]{3}", values["currency"]):
        raise reader.fail("office.currency", Text("config.not-iso", value=values["currency"]),
                          Text("config.iso-currency"))
    if not re.fullmatch(r"[A-Z]{2}", values["country"]):
        raise reader.fail("office.country", Text("config.not-iso", value=values["country"]),
                          Text("config.iso-country"))
    if values["lock_wait_seconds"] < 0:
        raise reader.fail("office.lock_wait_seconds", Text("config.seconds"))
    return Office(**{**values, "vat_rate": rate})


def _funnel(reader: SectionReader, raw: dict[str, Any], *, needed: bool) -> Funnel:
    """The sales funnel; an office without a deals table needs none."""
    if raw == {}:
        if needed:
            raise ConfigError(Text("error.funnel-needed"), key_path="funnel", path=reader.path,
                              hint=Text("hint.funnel-needed"))
        return Funnel(stages=())
    values = reader.section(raw, declared.FUNNEL, "funnel")
    stages: list[Stage] = []
    for index, item in enumerate(values["stages"]):
        where = f"funnel.stages[{index}]"
        stage = reader.section(item, declared.STAGE, where)
        if not 0 <= stage["probability"] <= 100:
            raise reader.fail(f"{where}.probability", Text("cfg.between-0-100"))
        if stage["name"] in (known.name for known in stages):
            raise reader.fail(f"{where}.name", Text("cfg.stage-twice", stage=stage["name"]))
        stages.append(Stage(stage["name"], stage["label_ru"],
                            Decimal(str(stage["probability"]))))
    names = [stage.name for stage in stages]
    if len(names) < 2:
        raise reader.fail("funnel.stages", Text("cfg.two-stages"))
    for key in ("won", "lost"):
        _require_stage(reader, values[key], names, f"funnel.{key}")
    stall: dict[str, int] = {}
    for name, days in values["stall_days"].items():
        _require_stage(reader, name, names, f"funnel.stall_days.{name}")
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise reader.fail(f"funnel.stall_days.{name}", Text("cfg.days-at-least-1"))
        stall[name] = days
    return Funnel(tuple(stages), values["won"], values["lost"], stall)


def _require_stage(reader: SectionReader, name: str, names: list[str], where: str) -> None:
    if name not in names:
        raise reader.fail(where, Text("cfg.unknown-stage", stage=name, stages=", ".join(names)),
                          did_you_mean(name, names))


def _tables(reader: SectionReader, raw: dict[str, Any], workbooks: Path) -> dict[str, TableConfig]:
    if not isinstance(raw, dict) or not raw:
        raise reader.fail("tables", Text("cfg.no-tables", example="[tables.clients]"))
    result: dict[str, TableConfig] = {}
    for key, item in raw.items():
        if key not in BUILTIN_TABLES:
            raise reader.fail(f"tables.{key}", Text("config.unknown-table"),
                              did_you_mean(key, BUILTIN_TABLES) or
                              Text("config.known-tables", tables=", ".join(BUILTIN_TABLES)))
        values = reader.section(item, declared.TABLE, f"tables.{key}")
        sources = _sources(reader, values, workbooks, f"tables.{key}")
        aliases = _aliases(reader, values["aliases"], key)
        result[key] = TableConfig(table=BUILTIN_TABLES[key], file=values["file"],
                                  sheet=values["sheet"], sources=sources, aliases=aliases,
                                  id_format=_id_format(reader, values["id_format"], key))
    return result


def _id_format(reader: SectionReader, text: str, table_key: str) -> str:
    if not text:
        return ""
    if not BUILTIN_TABLES[table_key].id_prefix:
        raise reader.fail(f"tables.{table_key}.id_format",
                          Text("cfg.natural-key"), Text("cfg.remove-id-format", key="id_format"))
    try:
        IdScheme(text, "config")
    except ValueError as exc:
        raise reader.fail(f"tables.{table_key}.id_format", str(exc), Text(
            "cfg.id-format-example", example='id_format = "К-{n:04d}", "CL/{year}/{n}"')) from exc
    return text


def _sources(reader: SectionReader, values: dict[str, Any], workbooks: Path,
             where: str) -> tuple[Source, ...]:
    listed: list[tuple[str, str, str]] = []
    if values["file"] or values["sheet"]:
        for key in ("file", "sheet"):
            if not values[key]:
                raise reader.fail(f"{where}.{key}", Text("cfg.file-or-sheet"))
        listed.append((values["file"], values["sheet"], where))
    for index, item in enumerate(values["sources"]):
        source = reader.section(item, declared.SOURCE, f"{where}.sources[{index}]")
        listed.append((source["file"], source["sheet"], f"{where}.sources[{index}]"))
    if not listed:
        raise reader.fail(where, Text("config.no-place"), Text("config.no-place-hint"))
    result = []
    for file, sheet, key_path in listed:
        path = workbooks / file
        if not path.is_file():
            raise reader.fail(f"{key_path}.file", Text("config.workbook-not-found", path=path),
                              Text("config.workbook-hint"))
        result.append(Source(path=path, sheet=sheet, key_path=key_path, file=file))
    return tuple(result)


def _aliases(reader: SectionReader, raw: dict[str, Any],
             table_key: str) -> dict[str, tuple[str, ...]]:
    table = BUILTIN_TABLES[table_key]
    columns = [column.key for column in table.columns]
    result: dict[str, tuple[str, ...]] = {}
    for key, headers in raw.items():
        where = f"tables.{table_key}.aliases.{key}"
        if key not in columns:
            raise reader.fail(where, Text("config.no-column", table=table_key, key=key),
                              did_you_mean(key, columns)
                              or Text("config.columns", columns=", ".join(columns)))
        if isinstance(headers, str):
            headers = [headers]
        if not isinstance(headers, list) or not all(isinstance(h, str) for h in headers):
            raise reader.fail(where, Text("cfg.headers"), Text(
                "cfg.example", example=f'{key} = ["Organisation", "Организация"]'))
        result[key] = tuple(headers)
    return result


def _mail(reader: SectionReader, raw: dict[str, Any], output: Path) -> Mail:
    from crm_office.config.mail import mail_settings

    return mail_settings(reader, raw, output)


def _schedule(reader: SectionReader, raw: dict[str, Any]) -> Schedule:
    values = reader.section(raw, declared.SCHEDULE, "schedule")
    for key in ("reminders_at", "weekly_report_at"):
        if not _TIME.match(values[key]):
            raise reader.fail(f"schedule.{key}", Text("cfg.not-time", value=values[key]),
                              Text("cfg.time-hint", example='"08:30"'))
    if values["time_zone"]:
        _check_time_zone(reader, values["time_zone"])
    if values["sync_every_minutes"] < 1:
        raise reader.fail("schedule.sync_every_minutes", Text("cfg.at-least-1"))
    for key in INTERVAL_JOBS:
        if values[f"{key}_every_minutes"] < 0:
            raise reader.fail(f"schedule.{key}_every_minutes", Text("cfg.not-negative"),
                              Text("cfg.zero-leaves-job-out"))
    return Schedule(**values)


def _check_time_zone(reader: SectionReader, name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise reader.fail("schedule.time_zone", Text("cfg.not-time-zone", value=name), Text(
            "cfg.time-zone-hint", examples="Europe/Moscow, Europe/London, UTC")) from exc


class KeyHelp(Text):
    """A key's help from its declaration, which is written in English only (README's config
    reference is): another language points to that reference instead of mixing English in."""

    def __init__(self, help_text: str) -> None:
        super().__init__("config.key-help")
        object.__setattr__(self, "fields", {"help": help_text})

    def render(self, locale: str) -> str:
        return str(self.fields["help"]) if locale == "en" else say("config.key-help", locale)


def _join(key_path: str, key: str) -> str:
    return f"{key_path}.{key}" if key_path else key


def _kind(kind: type) -> Text | str:
    """A TOML value's kind as a person calls it ("a whole number"), in their language."""
    return Text(f"config.type.{kind.__name__}") if kind in _TYPE_NAMES else kind.__name__


def _describe(value: Any) -> Text:
    return Text("config.value", kind=_kind(type(value)), value=repr(value))


def _wanted(kinds: tuple[type, ...]) -> Text | str:
    if len(kinds) == 2:
        return Text("config.either", first=_kind(kinds[0]), second=_kind(kinds[1]))
    return _kind(kinds[0])


def did_you_mean(word: Any, options: Any) -> Text | str:
    """'did you mean 'x'?' for the closest option, or '' when none is close."""
    matches = difflib.get_close_matches(str(word), [str(option) for option in options], n=1)
    return Text("did-you-mean", suggestion=matches[0]) if matches else ""
