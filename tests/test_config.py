"""Config mistakes each give one clear message with the key path; never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.errors import ConfigError
from tests.conftest import MINIMAL_CONFIG


def test_minimal_config_loads_with_defaults(make_office):
    config = load_config(make_office())
    assert config.office.name == "Test Office"
    assert config.office.currency == "EUR"
    assert config.mail.transport == "outbox"
    assert config.funnel.open_stages == ("lead", "offer")
    assert config.tables["clients"].sources[0].sheet == "Clients"


MISTAKES = [
    ('name = "Test Office"', 'name = "Test Office"\nnmae = "x"', "office.nmae",
     "did you mean 'name'"),
    ('locale = "{locale}"', 'locale = "de"', "office.locale", "choose one of: en, ru"),
    ('name = "Test Office"', "name = 42", "office.name", "must be text, not a whole number"),
    ('name = "Test Office"', 'name = "T"\nvat_rate = "20%"', "office.vat_rate",
     "must be a whole number or a number"),
    ('name = "Test Office"', 'name = "T"\ncurrency = "euro"', "office.currency", "ISO"),
    ('file = "clients.xlsx"', 'file = "klients.xlsx"', "tables.clients.file",
     "workbook not found"),
    ("[tables.clients]", "[tables.clints]", "tables.clints", "did you mean 'clients'"),
    ("[funnel]", '[funnel]\nwon = "wn"', "funnel.won", "unknown stage 'wn'"),
    ('{{ name = "offer", probability = 50 }},', '{{ name = "offer", probability = 150 }},',
     "funnel.stages[1].probability", "between 0 and 100"),
    ('workbooks = "workbooks"', 'workbooks = "nowhere"', "paths.workbooks", "folder not found"),
    ('sheet = "Clients"', 'sheet = "Clients"\n[tables.clients.aliases]\nnam = ["Org"]',
     "tables.clients.aliases.nam", "did you mean 'name'"),
    ("[paths]", '[mail]\ntransport = "smtp"\n[mail.smtp]\npassword = "hunter2"\n[paths]',
     "mail.smtp.password", "secrets are never written in the config file"),
    ("[paths]", '[mail]\ntransport = "pigeon"\n[paths]', "mail.transport",
     "choose one of: outbox, smtp, exchange"),
    ("[paths]", '[schedule]\nreminders_at = "8.30"\n[paths]', "schedule.reminders_at",
     "not a time of day"),
]


@pytest.mark.parametrize(("old", "new", "key_path", "text"), MISTAKES,
                         ids=[case[2] for case in MISTAKES])
def test_mistake_names_key_path(make_office, old, new, key_path, text):
    assert old in MINIMAL_CONFIG
    path = make_office(config=MINIMAL_CONFIG.replace(old, new, 1))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key_path == key_path
    assert text in str(caught.value)


def test_missing_config_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError, match="config file not found") as caught:
        load_config(tmp_path / "config.toml")
    assert "crm-office init" in caught.value.hint


def test_broken_toml_names_line(make_office):
    path = make_office(config=MINIMAL_CONFIG.replace('name = "Test Office"', 'name = "Test'))
    with pytest.raises(ConfigError, match=r"not valid TOML.*line"):
        load_config(path)


def test_secret_comes_from_environment(make_office, monkeypatch):
    path = make_office(config=MINIMAL_CONFIG.replace(
        "[paths]", '[mail.smtp]\npassword = {{ env = "TEST_SMTP_PW" }}\n[paths]'))
    secret = load_config(path).mail.smtp.password
    assert secret is not None and "TEST_SMTP_PW" in repr(secret)
    monkeypatch.delenv("TEST_SMTP_PW", raising=False)
    with pytest.raises(ConfigError, match="TEST_SMTP_PW is not set"):
        secret.reveal()
    monkeypatch.setenv("TEST_SMTP_PW", "s3cret")
    assert secret.reveal() == "s3cret"
    assert "s3cret" not in repr(load_config(path))


def test_cli_config_error_exit_2_without_traceback(make_office):
    path = make_office(config=MINIMAL_CONFIG.replace('locale = "{locale}"', 'locale = "de"'))
    result = CliRunner().invoke(cli, ["--config", str(path), "check"])
    assert result.exit_code == 2
    assert "[office.locale] 'de' is not allowed; choose one of: en, ru" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
