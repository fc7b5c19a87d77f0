"""`validate` shows problems in the cells, lists them on an Issues sheet and applies safe fixes."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from click.testing import CliRunner
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.validate import validate_office
from tests.office_builder import base_tables, build_office


def run(config, *args):
    return CliRunner().invoke(cli, ["--config", str(config), "validate", *args])


def engine_fill(cell) -> bool:
    from crm_office.writeback import MARK_FILL_RGB

    fill = cell.fill
    return fill is not None and fill.fill_type == "solid" and \
        str(fill.fgColor.rgb).upper().endswith(MARK_FILL_RGB.upper()[-6:])


def office_with_mistakes(tmp_path):
    tables = base_tables()
    tables["clients"][1][2] = "actve"
    return build_office(tmp_path, tables)


def test_problem_cells_are_marked_with_a_note_and_listed(tmp_path):
    config = office_with_mistakes(tmp_path)
    result = run(config)
    assert result.exit_code == 1, result.output
    assert "clients.xlsx: 1 cell marked, 0 fixed, 1 listed on the Issues sheet" in result.output
    book = openpyxl.load_workbook(tmp_path / "workbooks" / "clients.xlsx")
    cell = book["Data"]["C2"]
    assert engine_fill(cell)
    assert "'actve' is not an allowed value of 'Status'" in cell.comment.text
    assert "did you mean 'active'?" in cell.comment.text
    assert not engine_fill(book["Data"]["B2"])
    issues = book["Issues"]
    assert [c.value for c in issues[1]] == ["Severity", "Sheet", "Cell", "Column", "Value",
                                            "Problem", "Fix", "Rule"]
    row = [c.value for c in issues[2]]
    assert row[:5] == ["error", "Data", "C2", "Status", "actve"]
    assert row[7] == "choice-unknown"
    assert issues["C2"].hyperlink is not None
    assert "C2" in (issues["C2"].hyperlink.location or issues["C2"].hyperlink.target or "")


def test_fixed_problem_loses_its_mark_and_people_keep_theirs(tmp_path):
    config = office_with_mistakes(tmp_path)
    path = tmp_path / "workbooks" / "clients.xlsx"
    # a person's own fill and comment, made in "Excel" before the first run
    book = openpyxl.load_workbook(path)
    book["Data"]["B3"].fill = PatternFill("solid", fgColor="FF00B050")
    book["Data"]["B3"].comment = Comment("call back in May", "Anna")
    book.save(path)
    run(config)
    # the person corrects the status and saves
    book = openpyxl.load_workbook(path)
    assert engine_fill(book["Data"]["C2"])
    book["Data"]["C2"].value = "active"
    book.save(path)
    result = run(config)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert not engine_fill(book["Data"]["C2"])
    assert book["Data"]["C2"].comment is None
    assert book["Data"]["B3"].fill.fgColor.rgb == "FF00B050"
    assert book["Data"]["B3"].comment.text == "call back in May"
    assert book["Issues"].max_row == 1


def test_fix_applies_only_safe_changes_and_records_them(tmp_path):
    tables = base_tables()
    tables["clients"][1][3] = " Info@Acme.example"
    tables["clients"][1][4] = "0117 496 0000"
    tables["clients"][2][2] = "leed"
    tables["contacts"][1][1] = "12.03.2025"
    config = build_office(tmp_path, tables)
    result = run(config, "--fix")
    assert "Safe fixes" in result.output
    book = openpyxl.load_workbook(tmp_path / "workbooks" / "clients.xlsx")
    assert book["Data"]["D2"].value == "info@acme.example"
    assert book["Data"]["E2"].value == "+44 117 496 0000"
    assert book["Data"]["C3"].value == "leed"  # a guess is never applied
    assert engine_fill(book["Data"]["C3"])
    assert not engine_fill(book["Data"]["D2"])
    contacts = openpyxl.load_workbook(tmp_path / "workbooks" / "contacts.xlsx")
    assert contacts["Data"]["B2"].value == dt.datetime(2025, 3, 12)
    journal = (tmp_path / "output" / "fixes.csv").read_text(encoding="utf-8").splitlines()
    assert journal[0] == "time,file,sheet,cell,column,old,new,rule"
    assert [line.split(",", 1)[1] for line in journal[1:]] == [
        "clients.xlsx,Data,D2,E-mail, Info@Acme.example,info@acme.example,email-case",
        "clients.xlsx,Data,E2,Phone,0117 496 0000,'+44 117 496 0000,phone-format",
        "contacts.xlsx,Data,B2,Date,12.03.2025,2025-03-12,date-as-text"]
    again = run(config, "--fix", "--format", "json")
    assert json.loads(again.output)["fixes"] == []


def test_dry_run_writes_nothing(tmp_path):
    tables = base_tables()
    tables["clients"][1][3] = "Info@Acme.example"
    config = build_office(tmp_path, tables)
    before = {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()}
    result = run(config, "--fix", "--dry-run")
    assert result.exit_code == 0
    assert "Dry run: no workbook was changed." in result.output
    assert "dry run: not applied" in result.output
    after = {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()}
    assert after == before
    assert not (tmp_path / "output" / "fixes.csv").exists()


def test_workbook_open_in_excel_is_left_alone_and_named(tmp_path):
    config = office_with_mistakes(tmp_path)
    path = tmp_path / "workbooks" / "clients.xlsx"
    lock = tmp_path / "workbooks" / "~$clients.xlsx"
    name = "Anna Smith"
    lock.write_bytes(bytes([len(name)]) + name.encode() + b" " * (53 - len(name))
                     + bytes([len(name), 0]) + name.encode("utf-16-le") + b"\0" * 40)
    before = path.read_bytes()
    result = run(config)
    assert result.exit_code == 1
    assert "clients.xlsx: not written" in result.output
    assert "Anna Smith" in result.output
    assert path.read_bytes() == before


def test_json_problems_equal_the_library_report(tmp_path):
    config = office_with_mistakes(tmp_path)
    result = run(config, "--format", "json", "--no-marks")
    data = json.loads(result.output)
    expected = validate_office(load_config(config)).to_dict()
    assert {key: data[key] for key in expected} == expected
    assert data["workbooks"] == [] or all(w["marks"] == 0 for w in data["workbooks"])


def test_clean_office_is_not_touched(tmp_path):
    config = build_office(tmp_path, base_tables())
    before = {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()}
    result = run(config)
    assert result.exit_code == 0, result.output
    assert "cells marked" not in result.output
    assert {p.name: p.read_bytes() for p in (tmp_path / "workbooks").iterdir()} == before
    assert not (tmp_path / ".backups").exists() or not any((tmp_path / ".backups").iterdir())


def test_a_broken_workbook_is_reported_not_written(tmp_path):
    config = office_with_mistakes(tmp_path)
    (tmp_path / "workbooks" / "contacts.xlsx").write_text("garbage")
    result = run(config, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    found = {(p["file"], p["code"]) for p in data["problems"]}
    assert {("clients.xlsx", "choice-unknown"), ("contacts.xlsx", "file-not-xlsx")} <= found
    assert "contacts.xlsx" not in [w["file"] for w in data["workbooks"]]
    assert (tmp_path / "workbooks" / "contacts.xlsx").read_text() == "garbage"
