"""Global options after the command, whole help lines, usage errors as JSON, init's next step."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli

PROGRAM = Path(sys.executable).parent / "crm-office"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("options", [["-q"], ["-v"], ["--quiet", "--verbose"], ["-vv"]])
def test_verbosity_after_the_command(make_office, options: list[str]) -> None:
    result = run("check", "--config", str(make_office()), *options)
    assert result.exit_code == 0, result.output


def test_v_after_the_command_says_more(make_office) -> None:
    quiet = run("check", "--config", str(make_office()))
    verbose = run("check", "--config", str(make_office()), "-v")
    assert "read clients" not in quiet.stderr
    assert "read clients" in verbose.stderr


def test_history_help_line_is_whole() -> None:
    output = run("--help").output
    assert re.search(r"history +Show every change of a record, e\.g\. C-000123\.\n", output)
    for command in ("offer", "invoice", "act"):  # "(e.g." must not cut a line short
        assert re.search(rf"{command} +Make the .* from its template\.\n", output), command


@pytest.mark.parametrize("args", [
    ["check", "--format", "json", "--bogus"],
    ["history", "--format", "json"],
    ["validate", "--format=json", "--fix", "extra"],
    ["--format", "json", "check"],
    ["bogus", "--format", "json"],
])
def test_usage_error_under_json_is_json(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    error = json.loads(result.stdout)  # one JSON object, printed once
    assert error["error"] == "UsageError"
    assert error["message"] and "--help" in error["hint"]


def test_usage_error_without_json_is_text_only() -> None:
    result = run("check", "--bogus")
    assert result.exit_code == 2 and result.stdout == ""
    assert "No such option '--bogus'" in result.stderr


@pytest.mark.parametrize("folder", ["office", "my office"])
def test_init_prints_a_next_command_that_works(tmp_path: Path, folder: str) -> None:
    env = {**os.environ, "PATH": "/usr/bin:/bin"}  # crm-office itself not on PATH
    created = subprocess.run([str(PROGRAM), "init", folder, "-q"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True)
    command = created.stdout.strip().splitlines()[-1].removeprefix("Next: ")
    assert command.startswith("cd ")
    checked = subprocess.run(["sh", "-c", command], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "Office: Northwind Travel" in checked.stdout
