"""Config declared once: every dataclass of the loaded config matches its declarations in
``crm_office/config/settings.py`` — the same keys, and the declared defaults."""

from __future__ import annotations

import dataclasses

import pytest

from crm_office.config import model
from crm_office.config import settings as declared

SECTIONS: dict[str, type] = {
    "office": model.Office, "paths": model.Paths, "funnel": model.Funnel,
    "funnel.stages[]": model.Stage, "mail": model.Mail, "mail.smtp": model.SmtpSettings,
    "mail.exchange": model.ExchangeSettings, "schedule": model.Schedule,
    "rules.*": model.TableRules, "rules.*.conditions[]": model.Condition,
    "validation": model.Validation, "sync": model.SyncSettings,
    "sync.assignment[]": model.LeadRule, "mail.graph": model.GraphSettings,
    "mail.imap": model.ImapSettings, "mail.campaigns.*": model.CampaignSettings,
    "documents": model.DocumentSettings, "documents.kinds.*": model.DocumentKind,
    "analysis": model.Analysis, "reminders": model.Reminders,
    "reminders.levels[]": model.ReminderLevel, "commission": model.Commission,
}
"""Each section of config.toml and the dataclass the loader builds from it."""

DERIVED = {("paths", "root"), ("rules.*.conditions[]", "key_path"), ("mail.campaigns.*", "key"),
           ("documents.kinds.*", "name")}
"""Fields the loader adds that are not keys of the file (the office folder, where a rule is,
the name of a campaign or a document kind: the key of its table)."""

OLD_PLACES = {("validation", "keep_backups")}
"""Keys still read from an old place and moved on to another section (paths.keep_backups)."""

RESOLVED = {("mail.smtp", "tls"), ("validation", "issues_sheet"), ("sync", "conflicts_sheet"),
            ("reminders", "levels")}
"""Declared without a fixed default because the loader works it out (the TLS mode from
``starttls``; engine sheet names from the office's language and its workbooks; the default
payment reminder levels when none are listed)."""


@pytest.mark.parametrize("section", list(SECTIONS))
def test_each_dataclass_has_exactly_the_declared_keys(section: str) -> None:
    keys = {item.key for item in declared.SECTIONS[section]}
    fields = {item.name for item in dataclasses.fields(SECTIONS[section])}
    assert fields - keys == {name for where, name in DERIVED if where == section}
    assert keys - fields == {name for where, name in OLD_PLACES if where == section}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_dataclass_defaults_are_the_declared_ones(section: str) -> None:
    for item in dataclasses.fields(SECTIONS[section]):
        if item.default is dataclasses.MISSING or (section, item.name) in RESOLVED:
            continue
        assert item.default == declared.declared(section, item.name), item.name


def test_every_section_of_the_file_is_declared_or_has_its_own_reader() -> None:
    own_readers = {"", "tables.*", "tables.*.sources[]"}  # Config, TableConfig, Source
    assert set(declared.SECTIONS) - set(SECTIONS) == own_readers


def test_a_key_declared_by_its_typed_field_is_documented_and_checked(make_office) -> None:
    """[analysis] keys are their fields: the declaration, the default and the loader's checks
    (nearest name for an unknown key, the file and key of a wrong type) all come from them."""
    from crm_office.config import load_config
    from crm_office.config.analysis_model import Analysis
    from crm_office.errors import ConfigError
    from tests.conftest import MINIMAL_CONFIG

    too_few = declared.setting("analysis", "too_few")
    assert (too_few.type, too_few.default) == (int, Analysis().too_few)
    assert too_few.help == dataclasses.fields(Analysis)[0].metadata["help"]
    assert declared.setting("commission", "base").choices == ("won", "paid")
    assert declared.setting("reminders", "levels").default == []  # the file's, not the config's
    assert load_config(make_office()).analysis == Analysis()
    for extra, key_path, words in [("too_fw = 3", "analysis.too_fw", "did you mean 'too_few'"),
                                   ('too_few = "ten"', "analysis.too_few", "whole number")]:
        with pytest.raises(ConfigError) as caught:
            load_config(make_office(config=MINIMAL_CONFIG + f"\n[analysis]\n{extra}\n"))
        assert caught.value.key_path == key_path
        assert words in str(caught.value) and "config.toml" in str(caught.value)
