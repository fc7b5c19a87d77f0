"""The weekly figures and the scheduler's journal on both stores (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_office.scheduling.journal import Journal
from crm_office.store.store import Store

pytest_plugins = ["tests.pg_server"]
UTC = dt.UTC


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    location = "crm-office.sqlite" if request.param == "sqlite" else \
        request.getfixturevalue("empty_postgresql_url")
    opened = Store.open(location, tmp_path)
    yield opened
    opened.close()


def test_a_week_rewritten_keeps_one_row(store: Store) -> None:
    store.put_weekly_figures("2026-W46", {"won_deals": 2, "won_amount": "4000"})
    store.put_weekly_figures("2026-W45", {"won_deals": 0})
    store.put_weekly_figures("2026-W46", {"won_deals": 3, "won_amount": "4500.50"})
    store.put_weekly_figures("2026-W46", {"won_deals": 1}, scope="Anna Ivanova")
    assert store.weekly_figures() == [
        {"week": "2026-W45", "won_deals": 0},
        {"week": "2026-W46", "won_deals": 3, "won_amount": "4500.50"}]
    assert store.weekly_figures("Anna Ivanova") == [{"week": "2026-W46", "won_deals": 1}]


def test_journal_of_job_runs(store: Store) -> None:
    journal = Journal(store)
    due = dt.datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    run = journal.start("weekly_report", due, due + dt.timedelta(minutes=1))
    assert not journal.done_for("weekly_report", due)
    journal.finish(run, "ok", "weekly-2026-W47.xlsx", due + dt.timedelta(minutes=2))
    assert journal.done_for("weekly_report", due)
    assert not journal.done_for("weekly_report", due + dt.timedelta(days=7))
    last = journal.last("weekly_report")
    assert last is not None and (last.status, last.due_at) == ("ok", due)
    assert last.finished_at == due + dt.timedelta(minutes=2)
