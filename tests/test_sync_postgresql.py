"""The same sync on SQLite and on a real PostgreSQL server gives the same results."""

from __future__ import annotations

import json
import re

import openpyxl
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.store import Store
from tests.sync_office import build_sync_office, cells, edit

pytest_plugins = ["tests.pg_server"]


def scenario(root, store: str) -> tuple[list[dict], dict, dict]:
    """First sync, edits in two workbooks (one conflict, one new row), second sync."""
    config = build_sync_office(root, store=store)
    reports = []

    def sync() -> None:
        result = CliRunner().invoke(cli, ["--config", str(config), "sync", "--format", "json"])
        report = json.loads(result.stdout)
        for item in report["files"]:
            item.pop("skipped")
        reports.append(report)

    sync()
    books = root / "workbooks"
    edit(books / "clients.xlsx", "Clients", "C2", "inactive")
    edit(books / "anna.xlsx", "My clients", "C2", "prospect")
    edit(books / "anna.xlsx", "My clients", "D3", "+44 117 496 0333")
    book = openpyxl.load_workbook(books / "clients.xlsx")
    book["Clients"].append([None, "Delta Cruises", "lead", None, None, "Wales", None])
    book.save(books / "clients.xlsx")
    sync()
    loaded = load_config(config)
    with Store.open(loaded.paths.store, loaded.paths.root) as opened:
        records = {key: {rid: rec.data for rid, rec in opened.records(key).items()}
                   for key in ("clients", "contacts", "managers")}
        history = [(c.table, c.record_id, c.field, c.old, c.new, c.source)
                   for c in opened.history()]
    sheets = {f"{name} {sheet}": [[_undated(value) for value in row]
                                  for row in cells(books / name, sheet)]
              for name, sheet in (("clients.xlsx", "Clients"), ("anna.xlsx", "My clients"),
                                  ("clients.xlsx", "Conflicts"))}
    return reports, {"records": records, "history": history}, sheets


def _undated(value: object) -> object:
    """'anna.xlsx [My clients] C2, 22.11.2026 15:04' without the file time, which differs."""
    return re.sub(r", \d\d\.\d\d\.\d{4} \d\d:\d\d$", "", value) if isinstance(value, str) \
        else value


def test_postgresql_and_sqlite_agree(tmp_path, empty_postgresql_url):
    on_sqlite = scenario(tmp_path / "sqlite", "crm-office.sqlite")
    on_postgresql = scenario(tmp_path / "postgresql", empty_postgresql_url)
    assert on_postgresql[0] == on_sqlite[0]
    assert on_postgresql[1] == on_sqlite[1]
    assert on_postgresql[2] == on_sqlite[2]
    assert on_sqlite[0][1]["totals"]["conflicts"] == 1
    assert on_sqlite[0][1]["assignments"][0]["manager"] == "Anna Smith"
