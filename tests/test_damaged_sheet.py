"""A damaged sheet inside a valid package: a file-corrupt problem naming file and sheet.

check, validate and sync go on with the rest of the office; under --format json
stdout is JSON, and no calamine error escapes as a traceback.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.workbook.files import open_workbook
from crm_office.workbook.reader import read_office
from tests.office_builder import base_tables, build_office


def damage_sheet(path: Path) -> None:
    """Cut the sheet's XML in the middle of an attribute, as a broken save would."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet[:sheet.index(b'<c r="B2"') + 8]
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    config = build_office(tmp_path, base_tables())
    damage_sheet(tmp_path / "workbooks" / "clients.xlsx")
    return config


def test_the_reader_reports_the_damaged_sheet_and_reads_the_rest(office: Path) -> None:
    tables = read_office(load_config(office))
    problems = list(tables["clients"].problems)
    assert [(p.code, p.file, p.sheet) for p in problems] == [
        ("file-corrupt", "clients.xlsx", "Data")]
    assert "sheet 'Data'" in problems[0].message
    assert problems[0].fix.startswith("open it in Excel and save it again")
    assert tables["contacts"].row_count == 1


@pytest.mark.parametrize("command", [["check"], ["validate"], ["validate", "--fix"],
                                     ["sync"]])
def test_no_command_shows_a_traceback_and_json_stays_json(office: Path,
                                                          command: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--config", str(office), *command, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    text = json.dumps(data, ensure_ascii=False)
    assert "file-corrupt" in text or "clients.xlsx" in text


def test_validate_leaves_the_damaged_workbook_alone(office: Path, tmp_path: Path) -> None:
    damaged = (tmp_path / "workbooks" / "clients.xlsx").read_bytes()
    CliRunner().invoke(cli, ["--config", str(office), "validate", "--fix"])
    assert (tmp_path / "workbooks" / "clients.xlsx").read_bytes() == damaged


def test_a_value_error_is_a_bug_not_a_damaged_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    def broken(cls: object, path: str) -> None:
        raise ValueError("a bug in our own code")

    config = build_office(tmp_path, base_tables())
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", classmethod(broken))
    with pytest.raises(ValueError, match="a bug in our own code"):
        open_workbook(tmp_path / "workbooks" / "clients.xlsx", "clients.xlsx")
    assert config.exists()


def test_a_damaged_sheet_parsed_ahead_in_a_thread_is_reported_the_same(tmp_path: Path) -> None:
    """The reader parses the next table's workbook while it converts this one."""
    config = load_config(build_office(tmp_path, base_tables()))
    later = list(config.tables)[-1]
    path = config.tables[later].sources[0].path
    damage_sheet(path)
    tables = read_office(config)
    assert [(p.code, p.file) for p in tables[later].problems] == [("file-corrupt", path.name)]
    assert all(not read.problems for key, read in tables.items() if key != later)
