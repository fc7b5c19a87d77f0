"""The command line: help, exit codes, JSON equals the library's report, docs complete."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import crm_office
from crm_office.check import check_office
from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.config.settings import SECTIONS
from crm_office.messages import CATALOGUE

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", [[], *[[name] for name in COMMANDS]])
def test_help_on_every_command(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")


def test_check_json_equals_library_report(make_office):
    path = make_office()
    result = run("--config", str(path), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == check_office(load_config(path)).to_dict()


def test_check_text_names_mapping_and_totals(make_office):
    result = run("--config", str(make_office()), "check")
    assert result.exit_code == 0
    assert "Office: Test Office" in result.output
    row = r"clients\s+│\s+clients\.xlsx\s+│\s+Clients\s+│\s+1\s+│\s+2\s+│\s+6"
    assert re.search(row, result.output)
    assert result.output.rstrip().endswith(
        "1 tables, 2 rows: 0 errors, 0 warnings, 0 notes — OK")


def test_check_exit_1_on_data_problem_and_names_cell(make_office):
    path = make_office([["Client", "Status", "Created"], ["Acme", "active", "31.02.2025"]])
    result = run("--config", str(path), "check", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert [(p["file"], p["sheet"], p["cell"], p["code"], p["header"], p["value"])
            for p in problems] == [("clients.xlsx", "Clients", "C2", "value-not-date", "Created",
                                    "31.02.2025")]


def test_warnings_alone_exit_0(make_office):
    path = make_office([["Client", "Status", "Hobby"], ["Acme", "active", "golf"]])
    assert run("--config", str(path), "check").exit_code == 0


def test_unknown_option_is_usage_error():
    result = run("check", "--frobnicate")
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_missing_config_is_exit_2_with_hint(tmp_path):
    result = run("--config", str(tmp_path / "none.toml"), "check")
    assert result.exit_code == 2
    assert "config file not found" in result.output
    assert "crm-office init" in result.output


def test_version():
    assert run("--version").output.strip() == f"crm-office, version {crm_office.__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_documented(command):
    assert f"`crm-office {command}" in README


@pytest.mark.parametrize("key", [f"{section}.{setting.key}"
                                 for section, settings in SECTIONS.items() if section
                                 for setting in settings])
def test_every_config_key_documented(key):
    assert f"`{key}`" in README


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_problem_code_documented(code):
    assert f"| `{code}` |" in README


def test_public_api():
    import types

    public = {name for name in dir(crm_office) if not name.startswith("_")
              and not isinstance(getattr(crm_office, name), types.ModuleType)}
    assert set(crm_office.__all__) == public | {"__version__"}
    for name in crm_office.__all__:
        assert getattr(crm_office, name) is not None


def test_errors_under_json_are_json_on_stdout(tmp_path):
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "none.toml"), "check",
                                      "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["error"] == "ConfigError"
    assert data["message"].endswith("config file not found")
    assert "crm-office init" in data["hint"]


def test_config_option_also_after_the_command(make_office):
    path = make_office()
    result = CliRunner().invoke(cli, ["check", "--config", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["office"] == "Test Office"
