"""`crm-office sync` end to end: merges, conflicts, IDs, deletions, leads, idempotence."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.store import Store
from tests.conftest import write_workbook
from tests.sync_office import build_sync_office, cells, edit, find_row


def sync(config, *args):
    result = CliRunner().invoke(cli, ["--config", str(config), "sync", "--format", "json",
                                      *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def snapshot(root):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((root / "workbooks").glob("*.xlsx"))}


def test_first_sync_fills_engine_columns_then_second_changes_nothing(tmp_path):
    config = build_sync_office(tmp_path)
    code, report = sync(config)
    assert code == 0, report
    assert report["totals"]["added"] == 3 + 2 + 1
    row = find_row(tmp_path / "workbooks" / "clients.xlsx", "Clients", "C-000001")
    assert row[7].date().isoformat() == "2026-11-02"  # last contact, computed
    assert row[8] == 0
    before = snapshot(tmp_path)
    code, again = sync(config)
    assert (code, again["nothing_to_do"]) == (0, True)
    assert snapshot(tmp_path) == before


def test_different_fields_edited_in_two_workbooks_are_both_kept(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    edit(books / "clients.xlsx", "Clients", "D2", "+44 117 496 0999")   # phone in the shared book
    edit(books / "anna.xlsx", "My clients", "E2", "sales@acme.example")  # e-mail in Anna's
    code, report = sync(config)
    assert code == 0
    assert report["totals"]["conflicts"] == 0
    for path, sheet in ((books / "clients.xlsx", "Clients"), (books / "anna.xlsx", "My clients")):
        row = find_row(path, sheet, "C-000001")
        assert row[3:5] == ["+44 117 496 0999", "sales@acme.example"]
    with Store.open("crm-office.sqlite", tmp_path) as store:
        data = store.record("clients", "C-000001").data
        assert (data["phone"], data["email"]) == ("+44 117 496 0999", "sales@acme.example")
        fields = [change.field for change in store.history("clients", "C-000001")]
        assert fields == ["phone", "email"] or sorted(fields) == ["email", "phone"]


def test_same_field_edited_differently_is_a_conflict_settled_next_sync(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    edit(books / "clients.xlsx", "Clients", "C2", "inactive")
    edit(books / "anna.xlsx", "My clients", "C2", "prospect")
    code, report = sync(config)
    assert code == 0  # a conflict is not a failure: it waits for a decision
    assert report["totals"]["conflicts"] == 1
    assert report["open_conflicts"] == 1
    sheet = cells(books / "clients.xlsx", "Conflicts")
    assert sheet[0][-2:] == ["Decision", "Note"]
    _number, table, record, column, before, a, _a_where, b = sheet[1][:8]
    assert (table, record, column, before) == ("Clients", "C-000001", "Status", "active")
    assert {a, b} == {"inactive", "prospect"}
    # nothing typed is lost while the conflict is open: each cell keeps its value
    assert find_row(books / "clients.xlsx", "Clients", "C-000001")[2] == "inactive"
    assert find_row(books / "anna.xlsx", "My clients", "C-000001")[2] == "prospect"
    edit(books / "clients.xlsx", "Conflicts", "K2", "prospect")
    _code, report = sync(config)
    assert report["totals"]["settled"] == 1
    assert report["open_conflicts"] == 0
    assert find_row(books / "clients.xlsx", "Clients", "C-000001")[2] == "prospect"
    assert find_row(books / "anna.xlsx", "My clients", "C-000001")[2] == "prospect"
    assert len(cells(books / "clients.xlsx", "Conflicts")) == 1


def test_sorting_and_moving_columns_changes_nothing(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    rows = cells(path, "Clients")
    header, data = rows[0], rows[1:]
    order = [1, 0, *range(2, len(header))]  # swap the first two columns
    resorted = [[row[i] for i in order] for row in [header, *sorted(data, key=lambda r: r[1],
                                                                     reverse=True)]]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Clients"
    for row in resorted:
        sheet.append(row)
    book.save(path)
    code, report = sync(config)
    assert code == 0
    assert report["totals"]["changed"] == 0 and report["totals"]["added"] == 0
    assert report["totals"]["archived"] == 0
    assert not any(f["written"] for f in report["files"] if f["file"] == "clients.xlsx") or \
        all(f["cells"] == 0 for f in report["files"] if f["file"] == "clients.xlsx")


def test_new_row_gets_the_next_id(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    book = openpyxl.load_workbook(path)
    book["Clients"].append([None, "Delta Cruises", "prospect", "+44 117 496 0004",
                            "delta@delta.example", "Scotland", "Bob Jones"])
    book.save(path)
    code, report = sync(config)
    assert code == 0
    assert report["totals"]["added"] == 1
    assert find_row(path, "Clients", "C-000004")[1] == "Delta Cruises"
    _code, report = sync(config)
    assert report["nothing_to_do"]


def test_deleted_row_is_archived_and_restorable(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    for path, sheet in ((books / "clients.xlsx", "Clients"), (books / "anna.xlsx", "My clients")):
        book = openpyxl.load_workbook(path)
        rows = book[sheet]
        for index, row in enumerate(rows.iter_rows(values_only=True), start=1):
            if row[0] == "C-000003":
                rows.delete_rows(index)
                break
        book.save(path)
    code, report = sync(config)
    assert code == 0
    clients = next(t for t in report["tables"] if t["table"] == "clients")
    assert clients["archived"] == ["C-000003"]
    result = CliRunner().invoke(cli, ["--config", str(config), "restore", "C-000003"])
    assert result.exit_code == 0, result.output
    assert "C-000003 is back in clients.xlsx" in result.output
    assert find_row(books / "clients.xlsx", "Clients", "C-000003")[1] == "Gamma Travel"
    _code, report = sync(config)
    clients = next(t for t in report["tables"] if t["table"] == "clients")
    assert clients["archived"] == []


def test_new_lead_is_assigned_by_region_and_logged(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    book = openpyxl.load_workbook(path)
    book["Clients"].append([None, "Epsilon Ltd", "lead", None, None, "Scotland", None])
    book.save(path)
    _code, report = sync(config)
    assert report["assignments"] == [{"client": "C-000004", "manager": "Bob Jones",
                                      "reason": "manager's region Scotland"}]
    assert find_row(path, "Clients", "C-000004")[6] == "Bob Jones"
    result = CliRunner().invoke(cli, ["--config", str(config), "history", "C-000004",
                                      "--format", "json"])
    changes = json.loads(result.output)["changes"]
    assert [(c["field"], c["new"]) for c in changes] == [("manager", "Bob Jones")]
    assert changes[0]["source"].startswith("lead distribution")


def test_dry_run_writes_nothing(tmp_path):
    config = build_sync_office(tmp_path)
    before = snapshot(tmp_path)
    _code, report = sync(config, "--dry-run")
    assert report["dry_run"] and report["totals"]["added"] == 6
    assert snapshot(tmp_path) == before
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert store.records("clients") == {}


def test_open_workbook_is_skipped_and_caught_up_later(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    edit(books / "clients.xlsx", "Clients", "D2", "+44 117 496 0999")
    lock = books / ".~lock.anna.xlsx#"
    lock.write_text(",Anna Smith,pc-7,22.11.2026 10:00,file:///x;", encoding="utf-8")
    code, report = sync(config)
    assert code == 1
    skipped = [f for f in report["files"] if f["skipped"]]
    assert [f["file"] for f in skipped] == ["anna.xlsx"] and "Anna Smith" in skipped[0]["skipped"]
    lock.unlink()
    code, report = sync(config)
    assert code == 0 and not report["nothing_to_do"]
    assert find_row(books / "anna.xlsx", "My clients", "C-000001")[3] == "+44 117 496 0999"


def test_history_of_a_client_shows_its_contact_log(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    result = CliRunner().invoke(cli, ["--config", str(config), "history", "C-000001"])
    assert result.exit_code == 0, result.output
    assert "C-000001 in Clients" in result.output
    assert "Contact log" in result.output and "02.11.2026" in result.output
    missing = CliRunner().invoke(cli, ["--config", str(config), "history", "C-999999"])
    assert missing.exit_code == 1
    assert "no record 'C-999999' in the store" in missing.output


def test_store_keeps_config_relative_location(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    assert load_config(config).paths.store == "crm-office.sqlite"
    assert (tmp_path / "crm-office.sqlite").is_file()


def views_office(tmp_path):
    config = build_sync_office(tmp_path)
    config.write_text(config.read_text().replace("manager_views = false", "manager_views = true"))
    return config


def test_manager_views_are_written_read_back_and_idempotent(tmp_path):
    config = views_office(tmp_path)
    code, report = sync(config)
    assert code == 0, report
    anna = tmp_path / "workbooks" / "managers" / "Anna Smith.xlsx"
    assert [row[0] for row in cells(anna, "Clients")[1:]] == ["C-000001", "C-000003"]
    assert [row[0] for row in cells(anna, "Open tasks")[1:]] == ["L-000001"]
    before = snapshot(tmp_path) | {anna.name: (anna.read_bytes(), anna.stat().st_mtime_ns)}
    code, again = sync(config)
    assert again["nothing_to_do"], again
    assert snapshot(tmp_path) | {anna.name: (anna.read_bytes(),
                                             anna.stat().st_mtime_ns)} == before
    # Anna edits a phone in her view: it reaches both client workbooks
    header = cells(anna, "Clients")[0]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("Phone")]
    edit(anna, "Clients", f"{column}2", "+44 117 496 0777")
    code, report = sync(config)
    assert code == 0
    books = tmp_path / "workbooks"
    assert find_row(books / "clients.xlsx", "Clients", "C-000001")[3] == "+44 117 496 0777"
    assert find_row(books / "anna.xlsx", "My clients", "C-000001")[3] == "+44 117 496 0777"


def test_client_added_in_a_view_joins_the_shared_workbook(tmp_path):
    config = views_office(tmp_path)
    sync(config)
    anna = tmp_path / "workbooks" / "managers" / "Anna Smith.xlsx"
    book = openpyxl.load_workbook(anna)
    sheet = book["Clients"]
    header = [cell.value for cell in sheet[1]]
    row = [None] * len(header)
    row[header.index("Client")] = "Zeta Holidays"
    row[header.index("Status")] = "prospect"
    sheet.append(row)  # no manager typed: the view's owner is the manager
    book.save(anna)
    code, report = sync(config)
    assert code == 0, report
    shared = find_row(tmp_path / "workbooks" / "clients.xlsx", "Clients", "C-000004")
    assert shared[1] == "Zeta Holidays"
    assert shared[6] == "Anna Smith"
    assert shared[8] == 0  # engine columns filled on the appended row too (open deals)
    assert [r[0] for r in cells(anna, "Clients")[1:]] == ["C-000001", "C-000003", "C-000004"]


def test_new_row_in_an_open_workbook_is_added_once(tmp_path):
    config = views_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    book = openpyxl.load_workbook(books / "clients.xlsx")
    book["Clients"].append([None, "Locked Lead Ltd", "lead", None, None, "Wales", None])
    book.save(books / "clients.xlsx")
    lock = books / "~$clients.xlsx"
    lock.write_bytes(bytes([10]) + b"John Smith" + b" " * 43)
    for _ in range(2):
        code, report = sync(config)
        assert code == 1
        assert report["assignments"] == []
    lock.unlink()
    code, report = sync(config)
    assert code == 0, report
    names = [row[1] for row in cells(books / "clients.xlsx", "Clients")[1:]]
    assert names.count("Locked Lead Ltd") == 1
    anna = cells(books / "managers" / "Anna Smith.xlsx", "Clients")
    assert [row[1] for row in anna].count("Locked Lead Ltd") == 1


def test_renamed_id_header_does_not_archive_the_table(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "clients.xlsx"
    edit(path, "Clients", "A1", "Client number")
    before = path.read_bytes()
    code, report = sync(config)
    assert code == 1
    [lost] = [p for p in report["problems"] if p["code"] == "id-column-lost"]
    assert "The ID column 'Client ID' is missing" in lost["message"]
    assert (lost["file"], lost["sheet"], lost["row"]) == ("clients.xlsx", "Clients", 1)
    assert lost["fix"] == "give the ID column its header back ('Client ID')"
    assert report["totals"]["archived"] == 0 and report["totals"]["added"] == 0
    assert path.read_bytes() == before
    edit(path, "Clients", "A1", "Client ID")
    code, report = sync(config)
    assert code == 0 and report["totals"]["archived"] == 0


def test_most_of_a_table_disappearing_is_not_archived_without_consent(tmp_path):
    config = build_sync_office(tmp_path)
    books = tmp_path / "workbooks"
    many = [["Contact ID", "Date", "Client ID", "Type"]] + [
        [f"L-{n:06d}", dt.date(2026, 11, 2), "C-000001", "call"] for n in range(1, 41)]
    write_workbook(books / "contacts.xlsx", {"Log": many})
    sync(config)
    write_workbook(books / "contacts.xlsx", {"Log": many[:3]})
    code, report = sync(config)
    assert code == 1
    [mass] = report["problems"]
    assert mass["code"] == "mass-archive" and mass["severity"] == "error"
    assert "38 of 40 records would be archived" in mass["message"]
    code, report = sync(config, "--allow-mass-archive")
    contacts = next(t for t in report["tables"] if t["table"] == "contacts")
    assert len(contacts["archived"]) == 38


def test_a_broken_workbook_keeps_failing_until_it_is_mended(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    path = tmp_path / "workbooks" / "contacts.xlsx"
    good = path.read_bytes()
    path.write_text("hello")
    for _ in range(2):
        code, report = sync(config)
        assert code == 1 and not report["nothing_to_do"]
        assert any(p["file"] == "contacts.xlsx" and p["code"].startswith("file-")
                   for p in report["problems"])
    path.write_bytes(good)
    code, report = sync(config)
    assert code == 0


def test_a_new_day_or_a_changed_config_is_work_even_without_edits(tmp_path):
    from crm_office.sync.run import run_sync

    config = build_sync_office(tmp_path)
    loaded = load_config(config)
    assert not run_sync(loaded, today=dt.date(2026, 11, 20)).nothing_to_do
    assert run_sync(loaded, today=dt.date(2026, 11, 20)).nothing_to_do
    later = run_sync(loaded, today=dt.date(2026, 12, 5))  # the contact's next step has passed
    assert not later.nothing_to_do
    row = find_row(tmp_path / "workbooks" / "clients.xlsx", "Clients", "C-000001")
    assert row[7].date() == dt.date(2026, 11, 2)
    config.write_text(config.read_text() + "\n# a comment\n")
    assert not run_sync(load_config(config), today=dt.date(2026, 12, 5)).nothing_to_do


def test_a_conflict_keeps_the_managers_value_in_the_view(tmp_path):
    config = views_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    anna = books / "managers" / "Anna Smith.xlsx"
    header = cells(anna, "Clients")[0]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("Phone")]
    edit(books / "clients.xlsx", "Clients", "D2", "+44 117 496 0111")
    edit(anna, "Clients", f"{column}2", "+44 117 496 0222")
    code, report = sync(config)
    assert code == 0
    assert report["totals"]["conflicts"] == 1
    assert cells(anna, "Clients")[1][header.index("Phone")] == "+44 117 496 0222"
    _code, report = sync(config)  # the view must not now look like it agreed with the base
    assert report["totals"]["changed"] == 0 and report["open_conflicts"] == 1
    assert find_row(books / "clients.xlsx", "Clients", "C-000001")[3] == "+44 117 496 0111"


def test_an_unclear_decision_stays_with_a_note(tmp_path):
    config = build_sync_office(tmp_path)
    sync(config)
    books = tmp_path / "workbooks"
    edit(books / "clients.xlsx", "Clients", "C2", "inactive")
    edit(books / "anna.xlsx", "My clients", "C2", "prospect")
    sync(config)
    edit(books / "clients.xlsx", "Conflicts", "K2", "C")
    _code, report = sync(config)
    assert report["open_conflicts"] == 1
    row = cells(books / "clients.xlsx", "Conflicts")[1]
    assert row[10] == "C"
    assert row[11].startswith("Not one of the options")
    _code, report = sync(config)
    _code, report = sync(config)
    assert report["nothing_to_do"]
