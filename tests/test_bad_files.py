"""Every way a workbook can be bad gets its own clear message; the rest is still read."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.check import check_office
from crm_office.cli.main import cli
from crm_office.config import load_config
from tests.conftest import write_workbook


def clients_file(config_path: Path) -> Path:
    return config_path.parent / "workbooks" / "clients.xlsx"


def only_problem(config_path: Path):
    report = check_office(load_config(config_path))
    assert len(report.problems) == 1, [p.message for p in report.problems]
    return report.problems.items[0]


def encrypt(source: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(source.read_bytes())
    with target.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)


CASES = {
    "not-a-zip": (lambda p: p.write_text("Name;Status\nAcme;active\n"), "file-not-xlsx",
                  "This is not an Excel workbook (.xlsx)"),
    "empty-file": (lambda p: p.write_bytes(b""), "file-empty", "The file is empty"),
    "old-xls-header": (lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 2048),
                       "file-old-xls", "old Excel 97-2003 (.xls)"),
    "zip-not-xlsx": (lambda p: zipfile.ZipFile(p, "w").writestr("readme.txt", "hello"),
                     "file-corrupt", "damaged"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:700]), "file-not-xlsx",
                  "not a zip package"),
    "password": (lambda p: encrypt(p, p), "file-encrypted", "protected with a password"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_gets_its_own_message(make_office, case):
    damage, code, text = CASES[case]
    path = make_office()
    target = clients_file(path)
    if case == "password":
        plain = target.with_suffix(".plain.xlsx")
        shutil.copy(target, plain)
        encrypt(plain, target)
    else:
        damage(target)
    problem = only_problem(path)
    assert (problem.code, problem.file) == (code, "clients.xlsx")
    assert text in problem.message
    assert problem.fix


def test_missing_sheet_lists_the_sheets_there(make_office):
    path = make_office(sheet="Customers")
    problem = only_problem(path)
    assert problem.code == "sheet-missing"
    assert problem.message == "Sheet 'Clients' is not in the workbook; it has: Customers."


def test_empty_sheet(make_office):
    problem = only_problem(make_office([]))
    assert (problem.code, problem.sheet) == ("sheet-empty", "Clients")


def test_sheet_without_recognisable_header(make_office):
    problem = only_problem(make_office([["Foo", "Bar"], [1, 2]]))
    assert problem.code == "header-not-found"
    assert "expected headers like: Client ID, Client, Legal name" in problem.message


def test_file_deleted_after_config_was_read(make_office):
    path = make_office()
    config = load_config(path)
    clients_file(path).unlink()
    report = check_office(config)
    assert [p.code for p in report.problems] == ["file-missing"]


def test_cli_reports_bad_file_with_exit_1_and_goes_on(make_office, tmp_path):
    path = make_office()
    config_text = path.read_text().replace(
        "[funnel]", '[tables.managers]\nfile = "managers.xlsx"\nsheet = "Managers"\n\n[funnel]')
    path.write_text(config_text)
    write_workbook(tmp_path / "workbooks" / "managers.xlsx",
                   {"Managers": [["Manager", "E-mail"], ["Anna", "anna@office.example"]]})
    clients_file(path).write_text("garbage")
    result = CliRunner().invoke(cli, ["--config", str(path), "check", "--format", "json"])
    assert result.exit_code == 1
    import json

    data = json.loads(result.output)
    assert [(p["file"], p["code"]) for p in data["problems"]] == [("clients.xlsx",
                                                                   "file-not-xlsx")]
    assert {t["table"]: t["rows"] for t in data["tables"]} == {"clients": 0, "managers": 1}


@pytest.mark.libreoffice
def test_real_xls_saved_by_libreoffice(make_office, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is required; scripts/test.sh installs it")
    path = make_office()
    out = tmp_path / "xls"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xls", "--outdir", str(out), str(clients_file(path))],
                   check=True, capture_output=True, timeout=180)
    shutil.copy(out / "clients.xls", clients_file(path))
    problem = only_problem(path)
    assert problem.code == "file-old-xls"
