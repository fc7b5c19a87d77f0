"""`validate --fix` prepares what can fail (the journal's folder and file) before it writes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crm_office.cli.main import cli
from tests.office_builder import base_tables, build_office


def office_with_a_fix(tmp_path, output: str):
    tables = base_tables()
    tables["clients"][1][3] = " Info@Acme.example"
    config = build_office(tmp_path, tables, extra="")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('templates = "templates"\n',
                                   f'templates = "templates"\noutput = "{output}"\n'),
                      encoding="utf-8")
    return config


def test_an_output_folder_that_cannot_be_made_stops_before_any_workbook_is_written(tmp_path):
    (tmp_path / "notes.txt").write_text("a file where a folder should be", encoding="utf-8")
    config = office_with_a_fix(tmp_path, "notes.txt/out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()}
    result = CliRunner().invoke(cli, ["--config", str(config), "validate", "--fix",
                                      "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["key_path"] == "paths.output"
    assert "cannot write the journal of fixes" in error["message"]
    assert "no workbook was changed" in error["hint"]
    after = {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()}
    assert after == before


def test_without_fixes_a_bad_output_folder_does_not_matter(tmp_path):
    (tmp_path / "notes.txt").write_text("a file where a folder should be", encoding="utf-8")
    tables = base_tables()
    tables["clients"][1][2] = "actve"
    config = build_office(tmp_path, tables)
    config.write_text(config.read_text(encoding="utf-8").replace(
        'templates = "templates"\n', 'templates = "templates"\noutput = "notes.txt/out"\n'),
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"])
    assert result.exit_code == 1, result.output
    assert "clients.xlsx: 1 cell marked" in result.output


def test_an_existing_journal_is_appended_to_under_its_header(tmp_path):
    config = office_with_a_fix(tmp_path, "output")
    journal = tmp_path / "output" / "fixes.csv"
    journal.parent.mkdir()
    journal.write_text("time,file,sheet,cell,column,old,new,rule\r\nearlier,a,b,c,d,e,f,g\r\n",
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "validate", "--fix"])
    assert result.exit_code == 0, result.output
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["time,file,sheet,cell,column,old,new,rule", "earlier,a,b,c,d,e,f,g"]
    assert [line.split(",", 1)[1] for line in lines[2:]] == [
        "clients.xlsx,Data,D2,E-mail, Info@Acme.example,info@acme.example,email-case"]
