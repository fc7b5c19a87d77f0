"""No edit is lost: an unreadable workbook holds its table, archived rows come back with their
ID, `restore` never makes a duplicate, and values typed over engine columns are told."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.store import Store
from tests.conftest import write_workbook
from tests.sync_office import build_sync_office, cells, edit, find_row


def sync(config: Path, *args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["--config", str(config), "sync", "--format", "json",
                                      *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def with_views(root: Path) -> Path:
    config = build_sync_office(root)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "manager_views = false", "manager_views = true"), encoding="utf-8")
    return config


def rename_sheet(path: Path, old: str, new: str) -> None:
    book = openpyxl.load_workbook(path)
    book[old].title = new
    book.save(path)


def delete_row(path: Path, sheet: str, record_id: str) -> None:
    book = openpyxl.load_workbook(path)
    rows = book[sheet]
    for index, row in enumerate(rows.iter_rows(values_only=True), start=1):
        if row[0] == record_id:
            rows.delete_rows(index)
            break
    book.save(path)


def test_an_unreadable_home_workbook_holds_its_table_and_the_view_edit_waits(tmp_path):
    config = with_views(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    view = books / "managers" / "Bob Jones.xlsx"
    sheet = cells(view, "Clients")[0]
    phone = f"{openpyxl.utils.get_column_letter(sheet.index('Phone') + 1)}2"
    edit(view, "Clients", phone, "+44 117 496 0777")  # Bob edits his client C-000002
    rename_sheet(books / "clients.xlsx", "Clients", "Clients 2024")
    view_before = view.read_bytes()
    code, report = sync(config)
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert store.history("clients", "C-000002") == []  # nothing was applied: nothing told
        assert store.record("clients", "C-000002").data["phone"] == "+44 117 496 0002"
        assert not store.record("clients", "C-000002").archived
    assert view.read_bytes() == view_before  # not regenerated from half the office
    assert code == 1
    assert any(p["code"] == "table-not-synced" and "clients was not synced" in p["message"]
               and "--allow-mass-archive" not in p["message"] for p in report["problems"])
    assert [t["table"] for t in report["tables"]] == ["managers", "contacts"]
    rename_sheet(books / "clients.xlsx", "Clients 2024", "Clients")
    code, report = sync(config)
    assert code == 0, report
    assert find_row(books / "clients.xlsx", "Clients", "C-000002")[3] == "+44 117 496 0777"
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert [(c.field, c.new) for c in store.history("clients", "C-000002")] == [
            ("phone", "+44 117 496 0777")]


def test_unreadable_records_are_never_archived_even_when_allowed(tmp_path):
    config = with_views(tmp_path)
    books = tmp_path / "workbooks"
    rows = [["Client ID", "Client", "Status", "Manager"]] + [
        [f"C-{n:06d}", f"Client {n}", "active", "Bob Jones"] for n in range(1, 31)]
    write_workbook(books / "clients.xlsx", {"Clients": rows})
    write_workbook(books / "anna.xlsx", {"My clients": rows[:1]})
    sync(config)
    (books / "clients.xlsx").write_text("damaged")
    for args in ((), ("--allow-mass-archive",)):
        code, report = sync(config, *args)
        assert code == 1
        assert report["totals"]["archived"] == 0
        assert not any("--allow-mass-archive" in p["message"] + p["fix"]
                       for p in report["problems"])
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert len(store.records("clients")) == 30


def test_a_row_back_from_a_backup_is_live_again_with_its_id(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    kept = path.read_bytes()
    delete_row(path, "Clients", "C-000002")  # Bob's client, in this workbook only
    _code, report = sync(config)
    assert report["totals"]["archived"] == 1
    path.write_bytes(kept)  # the office restores last week's file
    code, report = sync(config)
    assert code == 0
    clients = next(t for t in report["tables"] if t["table"] == "clients")
    assert (clients["restored"], clients["added"]) == (["C-000002"], 0)
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert not store.record("clients", "C-000002").archived
        assert "C-000002" in store.records("clients")
    _code, report = sync(config)
    assert report["nothing_to_do"]


def test_restore_refuses_a_record_that_is_back_in_a_workbook(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    kept = (books / "clients.xlsx").read_bytes()
    delete_row(books / "clients.xlsx", "Clients", "C-000003")
    delete_row(books / "anna.xlsx", "My clients", "C-000003")
    sync(config)
    (books / "clients.xlsx").write_bytes(kept)  # back from a backup, not synced yet
    result = CliRunner().invoke(cli, ["--config", str(config), "restore", "C-000003"])
    assert result.exit_code == 1
    assert "C-000003 is already in clients.xlsx [Clients], row 4" in result.output
    ids = [row[0] for row in cells(books / "clients.xlsx", "Clients")]
    assert ids.count("C-000003") == 1


def test_a_value_typed_into_an_engine_column_is_replaced_and_told(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    edit(path, "Clients", "H2", dt.datetime(2020, 1, 1))  # Last contact, computed by the engine
    edit(path, "Clients", "J3", 500)                       # Debt
    code, report = sync(config)
    assert code == 0
    assert report["replaced"] == [
        {"file": "clients.xlsx", "sheet": "Clients", "cell": "H2", "record_id": "C-000001",
         "column": "Last contact", "old": "2020-01-01", "new": "2026-11-02"},
        {"file": "clients.xlsx", "sheet": "Clients", "cell": "J3", "record_id": "C-000002",
         "column": "Debt", "old": "500", "new": "0"}]
    assert find_row(path, "Clients", "C-000001")[7].date() == dt.date(2026, 11, 2)
    _code, report = sync(config)
    assert report["nothing_to_do"]  # told once, when it happened
    edit(path, "Clients", "J3", 700)
    text = CliRunner().invoke(cli, ["--config", str(config), "sync", "--dry-run"]).output
    assert "(would replace by the engine's values)" in text
    text = CliRunner().invoke(cli, ["--config", str(config), "sync"]).output
    assert "Typed into engine-owned columns (replaced by the engine's values):" in text
    assert "clients.xlsx [Clients] J3 (Debt, C-000002): 700 → 0" in text


def test_engine_values_that_move_on_are_not_reported(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    edit(tmp_path / "workbooks" / "contacts.xlsx", "Log", "B2", dt.datetime(2026, 11, 20))
    code, report = sync(config)
    assert code == 0
    assert report["replaced"] == []  # Last contact changed because the contact log did


def test_a_store_that_kept_no_engine_values_computes_them(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    with sqlite3.connect(tmp_path / "crm-office.sqlite") as db:  # a store of an older version
        db.execute("DELETE FROM meta WHERE key LIKE 'engine_values:%'")
    edit(tmp_path / "workbooks" / "contacts.xlsx", "Log", "B2", dt.datetime(2026, 11, 20))
    edit(tmp_path / "workbooks" / "clients.xlsx", "Clients", "J3", 500)
    code, report = sync(config)
    assert code == 0
    assert [(cell["cell"], cell["old"]) for cell in report["replaced"]] == [("J3", "500")]
