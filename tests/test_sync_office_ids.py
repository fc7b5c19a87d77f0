"""The office's own IDs are the office's: kept by sync, continued for new rows, told by check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.errors import ConfigError
from crm_office.model.id_scheme import IdScheme, default_scheme, learn_scheme
from crm_office.store import Store
from crm_office.sync.history import record_history
from crm_office.sync.run import run_sync
from crm_office.validate import validate_office
from tests.conftest import write_workbook
from tests.sync_office import CLIENTS, CONTACTS, build_sync_office, find_row

TODAY = dt.date(2024, 11, 20)

CONFIG = """
[office]
name = "Own IDs"

[paths]
workbooks = "workbooks"

[tables.clients]
file = "clients.xlsx"
sheet = "Clients"
{id_format}

[tables.contacts]
file = "contacts.xlsx"
sheet = "Log"

[funnel]
stages = [{{ name = "lead", probability = 10 }}, {{ name = "won", probability = 100 }},
          {{ name = "lost", probability = 0 }}]

[sync]
manager_views = false
"""


def build(root: Path, ids: list[Any], *, id_format: str = "") -> Path:
    """Three clients numbered by the office, a contact log pointing at the first two."""
    clients = [["Client ID", "Client", "Status"]]
    clients += [[code, f"Client {n}", "active"] for n, code in enumerate(ids, 1)]
    contacts = [["Contact ID", "Date", "Client ID", "Type"],
                [None, dt.date(2024, 11, 1), ids[0], "call"],
                [None, dt.date(2024, 11, 2), ids[1], "meeting"]]
    (root / "templates").mkdir(parents=True, exist_ok=True)
    write_workbook(root / "workbooks" / "clients.xlsx", {"Clients": clients})
    write_workbook(root / "workbooks" / "contacts.xlsx", {"Log": contacts})
    config = root / "config.toml"
    line = f'id_format = "{id_format}"' if id_format else ""
    config.write_text(CONFIG.format(id_format=line), encoding="utf-8")
    return config


def id_cells(path: Path, sheet: str) -> list[Any]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [row[0] for row in book[sheet].iter_rows(min_row=2, values_only=True)]


def add_client(path: Path, name: str) -> None:
    book = openpyxl.load_workbook(path)
    book["Clients"].append([None, name, "lead"])
    book.save(path)


OFFICES = [
    pytest.param(["К-0001", "К-0002", "К-0003"], "К-0004", "К-{n:04d}", id="cyrillic-prefix"),
    pytest.param([1001, 1002, 1003], 1004, "{n}", id="integer-cells"),
    pytest.param(["CL/2024/15", "CL/2024/16", "CL/2024/17"], "CL/2024/18", "CL/{year}/{n}",
                 id="prefix-year"),
]


@pytest.mark.parametrize(("ids", "following", "scheme"), OFFICES)
def test_first_sync_keeps_every_code_and_continues_them(tmp_path, ids, following, scheme):
    config = build(tmp_path, ids)
    clients = tmp_path / "workbooks" / "clients.xlsx"
    report = run_sync(load_config(config), today=TODAY)
    assert report.ok, report.to_dict()
    assert id_cells(clients, "Clients") == ids
    texts = [str(code) for code in ids]
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert sorted(store.records("clients")) == sorted(texts)
    assert report.to_dict()["tables"][0]["id_scheme"]["format"] == scheme
    add_client(clients, "Newcomer")
    run_sync(load_config(config), today=TODAY)
    assert id_cells(clients, "Clients") == [*ids, following]


@pytest.mark.parametrize(("ids", "following", "scheme"), OFFICES)
def test_contact_log_still_points_at_the_offices_clients(tmp_path, ids, following, scheme):
    config = build(tmp_path, ids)
    run_sync(load_config(config), today=TODAY)
    found = record_history(load_config(config), str(ids[0]))
    assert [row["type"] for row in found.contacts] == ["call"]
    codes = {problem.code for problem in validate_office(load_config(config)).problems}
    assert "reference-missing" not in codes
    assert "id-malformed" not in codes


def test_dry_run_and_check_say_the_scheme(tmp_path):
    config = build(tmp_path, ["К-0001", "К-0002", "К-0003"])
    add_client(tmp_path / "workbooks" / "clients.xlsx", "Newcomer")
    before = (tmp_path / "workbooks" / "clients.xlsx").read_bytes()
    runner = CliRunner()
    dry = runner.invoke(cli, ["--config", str(config), "sync", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "clients: IDs К-{n:04d} (learnt from the IDs, e.g. К-0001)" in dry.output
    assert "contacts: IDs L-{n:06d} (default, e.g. L-000001)" in dry.output
    assert (tmp_path / "workbooks" / "clients.xlsx").read_bytes() == before
    data = json.loads(runner.invoke(cli, ["--config", str(config), "check", "--format",
                                          "json"]).stdout)
    schemes = {table["table"]: table["id_scheme"] for table in data["tables"]}
    assert schemes["clients"] == {"format": "К-{n:04d}", "origin": "learnt from the IDs",
                                  "example": "К-0001"}
    text = runner.invoke(cli, ["--config", str(config), "check"]).output
    assert "clients: IDs К-{n:04d} (learnt from the IDs, e.g. К-0001)" in text


def test_the_configured_format_numbers_a_table_without_ids(tmp_path):
    config = build(tmp_path, ["К-0001", "К-0002", "К-0003"], id_format="CL-{n:05d}")
    contacts = tmp_path / "workbooks" / "contacts.xlsx"
    write_workbook(tmp_path / "workbooks" / "clients.xlsx", {"Clients": [
        ["Client ID", "Client", "Status"], [None, "Alpha", "lead"], [None, "Beta", "lead"]]})
    write_workbook(contacts, {"Log": [["Contact ID", "Date", "Client ID", "Type"]]})
    run_sync(load_config(config), today=TODAY)
    assert id_cells(tmp_path / "workbooks" / "clients.xlsx", "Clients") == ["CL-00001",
                                                                           "CL-00002"]


def test_a_typed_id_off_the_scheme_is_kept_and_warned_about(tmp_path):
    # Latin K instead of Cyrillic К: a typo, but the person's ID all the same
    config = build(tmp_path, ["К-0001", "К-0002", "К-0003", "K-0009", "vip-a"])
    clients = tmp_path / "workbooks" / "clients.xlsx"
    add_client(clients, "Newcomer")
    report = run_sync(load_config(config), today=TODAY)
    assert report.ok, report.to_dict()
    assert id_cells(clients, "Clients") == ["К-0001", "К-0002", "К-0003", "K-0009", "vip-a",
                                            "К-0004"]
    problems = [(p.row, p.code, p.severity.value)
                for p in validate_office(load_config(config)).problems
                if p.code == "id-malformed"]
    assert problems == [(5, "id-malformed", "warning"), (6, "id-malformed", "warning")]
    assert record_history(load_config(config), "vip-a").record.data["name"] == "Client 5"


def test_a_duplicate_id_is_left_alone_not_renumbered(tmp_path):
    config = build(tmp_path, ["К-0001", "К-0002", "К-0002"])
    clients = tmp_path / "workbooks" / "clients.xlsx"
    report = run_sync(load_config(config), today=TODAY)
    assert id_cells(clients, "Clients") == ["К-0001", "К-0002", "К-0002"]
    assert report.notes == ["clients.xlsx [Clients] A4: the ID 'К-0002' is used by an earlier "
                            "row; this row was left alone. Give it its own ID, or clear the ID "
                            "to get a new one"]
    codes = [p.code for p in validate_office(load_config(config)).problems]
    assert "value-duplicate" in codes
    with Store.open("crm-office.sqlite", tmp_path) as store:
        assert store.record("clients", "К-0002").data["name"] == "Client 2"


def test_a_bad_id_format_is_a_config_error_naming_the_key(tmp_path):
    config = build(tmp_path, ["К-0001", "К-0002"], id_format="К-{number}")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert "tables.clients.id_format" in str(caught.value)


LEARNT = [
    (["К-0001", "К-0002"], "К-{n:04d}"),
    (["1001", "1002", "0999"], "{n:04d}"),
    (["1001", "1002"], "{n}"),
    (["CL/2024/17", "cl/2023/3"], "CL/{year}/{n}"),
    (["CL-2024-017"], "CL-{year}-{n:03d}"),
    (["INV_12", "INV_13", "X"], "INV_{n}"),
    (["C-000001", "C-1000000"], "C-{n:06d}"),
    (["Acme", "Beta"], "C-{n:06d}"),
    ([], "C-{n:06d}"),
]


@pytest.mark.parametrize(("ids", "expected"), LEARNT)
def test_the_scheme_is_learnt_from_the_ids(ids, expected):
    assert learn_scheme(ids, default_scheme("C")).format == expected


def test_a_yearly_scheme_starts_again_each_year():
    scheme = IdScheme("CL/{year}/{n}")
    assert (scheme.number("CL/2024/17", 2024), scheme.number("CL/2024/17", 2025)) == (17, None)
    assert scheme.counter("clients", 2025) == "clients/2025"
    assert scheme.make(1, 2025) == "CL/2025/1"


def test_a_client_typed_in_a_view_gets_the_next_office_number(tmp_path):
    config = build_sync_office(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "manager_views = false", "manager_views = true"), encoding="utf-8")
    books = tmp_path / "workbooks"
    numbered = [CLIENTS[0]] + [[1000 + n, *row[1:]] for n, row in enumerate(CLIENTS[1:], 1)]
    write_workbook(books / "clients.xlsx", {"Clients": numbered})
    write_workbook(books / "anna.xlsx", {"My clients": [numbered[0], numbered[1], numbered[3]]})
    write_workbook(books / "contacts.xlsx", {"Log": [CONTACTS[0], [*CONTACTS[1][:2], 1001,
                                                                    *CONTACTS[1][3:]]]})
    run_sync(load_config(config))
    anna = books / "managers" / "Anna Smith.xlsx"
    book = openpyxl.load_workbook(anna)
    header = [cell.value for cell in book["Clients"][1]]
    row = [None] * len(header)
    row[header.index("Client")], row[header.index("Status")] = "Zeta Holidays", "prospect"
    book["Clients"].append(row)
    book.save(anna)
    report = run_sync(load_config(config))
    assert report.ok, report.to_dict()
    assert id_cells(books / "clients.xlsx", "Clients") == [1001, 1002, 1003, 1004]
    assert find_row(books / "clients.xlsx", "Clients", 1004)[1] == "Zeta Holidays"
    assert record_history(load_config(config), "1001").contacts[0]["type"] == "call"
