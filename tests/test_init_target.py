"""`crm-office init` onto a path that cannot be a folder: a clear message, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, " ".join(result.output.split())


def test_init_onto_an_existing_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    code, output = run("init", str(target))
    assert code == 2
    assert f"Error: {target}: is a file, not a folder" in output
    assert "hint: give the name of a new or existing folder" in output
    assert target.read_text(encoding="utf-8") == "keep me"


def test_init_below_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    code, output = run("init", str(tmp_path / "notes.txt" / "office"))
    assert code == 2
    assert f"is inside {tmp_path / 'notes.txt'}, which is a file, not a folder" in output


def test_init_etc_passwd(tmp_path: Path) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    code, output = run("init", "/etc/passwd")
    assert (code, output.split(" hint:")[0]) == (2, "Error: /etc/passwd: is a file, not a folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_init_into_a_folder_without_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, output = run("init", str(locked / "office"))
    assert code == 2
    assert "cannot write the office there: Permission denied" in output
