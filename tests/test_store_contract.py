"""The store's contract, run against SQLite and a real PostgreSQL server alike."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_office.errors import StoreError
from crm_office.store import (
    CURRENT_VERSION,
    Change,
    ConflictOption,
    Store,
    StoredRecord,
    canonical,
)
from crm_office.store import schema as store_schema
from crm_office.store.engine import begin_write, create_engine
from crm_office.store.location import resolve
from crm_office.store.migrations import upgrade

pytest_plugins = ["tests.pg_server"]

PROJECT = Path(__file__).resolve().parents[1]
UTC = dt.UTC
T0 = dt.datetime(2025, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest) -> str:
    """paths.store of an empty store: a file name, or the URL of an emptied database."""
    if request.param == "sqlite":
        return "crm-office.sqlite"
    url: str = request.getfixturevalue("empty_postgresql_url")
    return url


@pytest.fixture
def open_store(location: str, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """Open the store again and again (each one closed at the end of the test)."""
    opened: list[Store] = []

    def reopen() -> Store:
        opened.append(Store.open(location, tmp_path))
        return opened[-1]

    yield reopen
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[[], Store]) -> Store:
    return open_store()


def rec(record_id: str, table: str = "clients", **data: str | None) -> StoredRecord:
    return StoredRecord(table, record_id, dict(data), False, ("clients.xlsx [Clients]",))


def put(store: Store, *records: StoredRecord) -> None:
    with store.transaction() as tx:
        for record in records:
            tx.put_records(record.table, [record])


CANONICAL_CASES = [
    (None, None),
    ("Acme Ltd", "Acme Ltd"),
    ("", ""),
    ("  stray spaces ", "  stray spaces "),
    ("ООО «Вектор»", "ООО «Вектор»"),
    ('quote " and \\ and \n', 'quote " and \\ and \n'),
    (True, "true"),
    (False, "false"),
    (0, "0"),
    (42, "42"),
    (-7, "-7"),
    (10**20, "100000000000000000000"),
    (Decimal("10.50"), "10.5"),
    (Decimal("10.00"), "10"),
    (Decimal("0.00"), "0"),
    (Decimal("-0"), "0"),
    (Decimal("1E+3"), "1000"),
    (Decimal("1.23E-7"), "0.000000123"),
    (Decimal("-1234.5600"), "-1234.56"),
    (Decimal("12345678901234567890.123456789012345"), "12345678901234567890.123456789012345"),
    (1.5, "1.5"),
    (10.0, "10"),
    (dt.date(2025, 3, 12), "2025-03-12"),
    (dt.datetime(2025, 3, 12), "2025-03-12"),
    (dt.datetime(2025, 3, 12, 9, 30), "2025-03-12T09:30:00"),
    (dt.datetime(2025, 3, 12, 9, 30, 5, 120), "2025-03-12T09:30:05.000120"),
]


@pytest.mark.parametrize(("value", "text"), CANONICAL_CASES)
def test_canonical_value_round_trips_through_the_store(
        open_store: Callable[[], Store], value: object, text: str | None) -> None:
    assert canonical(value) == text
    put(open_store(), rec("C-000001", value=canonical(value)))
    assert open_store().record("clients", "C-000001") == rec("C-000001", value=text)


VALUES = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2),
    st.dates(),
    st.datetimes(),
    st.text(),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_hypothesis_values_come_back_exactly(store: Store, value: object) -> None:
    put(store, rec("C-000001", value=canonical(value)))
    stored = store.record("clients", "C-000001")
    assert stored is not None
    text = stored.data["value"]
    assert text == canonical(value)
    assert text is not None
    if isinstance(value, Decimal):
        assert Decimal(text) == value
        assert canonical(Decimal(text)) == text
        assert "E" not in text and "e" not in text
    elif isinstance(value, dt.datetime):
        back = dt.datetime.fromisoformat(text)
        assert back == value
    elif isinstance(value, dt.date):
        assert dt.date.fromisoformat(text) == value


def test_put_and_get_ten_thousand_records(store: Store) -> None:
    records = {f"C-{n:06d}": StoredRecord(
        "clients", f"C-{n:06d}", {"name": f"Client {n}", "credit": f"{n}.5", "note": None},
        False, ("clients.xlsx [Clients]", f"managers/m{n % 3}.xlsx [Clients]"))
        for n in range(1, 10_001)}
    with store.transaction() as tx:
        tx.put_records("clients", records.values())
        tx.put_records("deals", [rec("D-000001", "deals", amount="5")])
    assert store.records("clients") == records
    assert store.record("clients", "C-000777") == records["C-000777"]
    assert store.record("clients", "C-999999") is None
    assert store.record("deals", "C-000001") is None
    assert list(store.records("deals")) == ["D-000001"]
    assert store.records("payments") == {}


def test_put_records_refuses_a_record_of_another_table(store: Store) -> None:
    with pytest.raises(ValueError, match="deals"), store.transaction() as tx:
        tx.put_records("clients", [rec("D-000001", "deals")])


def test_upsert_replaces_data_archived_and_sources(store: Store) -> None:
    put(store, rec("C-000001", name="Acme", phone="1"), rec("C-000002", name="Vector"))
    changed = StoredRecord("clients", "C-000001", {"name": "Acme Ltd"}, True, ("a", "b"))
    put(store, changed)
    assert store.record("clients", "C-000001") == changed
    assert set(store.records("clients", include_archived=True)) == {"C-000001", "C-000002"}


def test_the_last_of_records_with_one_id_wins(store: Store) -> None:
    with store.transaction() as tx:
        tx.put_records("clients", [rec("C-000001", name="first"), rec("C-000002"),
                                   rec("C-000001", name="second")])
    assert store.records("clients") == {"C-000001": rec("C-000001", name="second"),
                                        "C-000002": rec("C-000002")}


def test_archive_and_restore(store: Store) -> None:
    put(store, rec("C-000001"), rec("C-000002"), rec("C-000003"))
    with store.transaction() as tx:
        tx.archive("clients", ["C-000001", "C-000003", "C-404404"])
    assert list(store.records("clients")) == ["C-000002"]
    everything = store.records("clients", include_archived=True)
    assert {key: value.archived for key, value in everything.items()} == {
        "C-000001": True, "C-000002": False, "C-000003": True}
    with store.transaction() as tx:
        tx.restore("clients", "C-000003")
    assert sorted(store.records("clients")) == ["C-000002", "C-000003"]
    record = store.record("clients", "C-000001")
    assert record is not None and record.archived


def test_restoring_an_unknown_record_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="C-404404") as caught, store.transaction() as tx:
        tx.restore("clients", "C-404404")
    assert caught.value.reason == "missing"


def change(record_id: str, field: str, minutes: int, table: str = "clients",
           run_id: int | None = None) -> Change:
    return Change(table, record_id, field, "old", f"new {minutes}", "clients.xlsx [Clients] C7",
                  T0 + dt.timedelta(minutes=minutes), run_id)


def test_history_is_oldest_first_and_filters(store: Store) -> None:
    late, early = change("C-000001", "name", 30, run_id=7), change("C-000001", "phone", 10)
    other, deal = change("C-000002", "name", 20), change("D-000001", "stage", 5, "deals")
    same_time = change("C-000002", "email", 20)
    with store.transaction() as tx:
        tx.add_changes([late, early, other, deal])
    with store.transaction() as tx:
        tx.add_changes(iter([same_time]))
    assert store.history() == [deal, early, other, same_time, late]
    assert store.history("clients") == [early, other, same_time, late]
    assert store.history("clients", "C-000001") == [early, late]
    assert store.history("deals", "C-000001") == []
    assert store.history()[0].changed_at.tzinfo is not None


def test_history_keeps_the_moment_of_other_time_zones(store: Store) -> None:
    moscow = dt.timezone(dt.timedelta(hours=3))
    moment = dt.datetime(2025, 3, 12, 12, 0, 0, 123456, tzinfo=moscow)
    with store.transaction() as tx:
        tx.add_changes([Change("clients", "C-000001", "name", None, "x", "s", moment, None)])
    assert store.history()[0].changed_at == moment == dt.datetime(2025, 3, 12, 9, 0, 0, 123456,
                                                                  tzinfo=UTC)


def test_counters_never_go_back(open_store: Callable[[], Store]) -> None:
    store = open_store()
    assert store.last_id("clients") == 0
    with store.transaction() as tx:
        assert tx.next_ids("clients", "C", 3) == ["C-000001", "C-000002", "C-000003"]
        assert tx.next_ids("clients", "C", 0) == []
        tx.set_last_id("clients", 10)
        tx.set_last_id("clients", 5)
        assert tx.next_ids("clients", "C", 1) == ["C-000011"]
        tx.set_last_id("deals", 4)
        assert tx.next_ids("deal_items", "DI", 1) == ["DI-000001"]
    assert store.last_id("clients") == 11
    assert store.last_id("deals") == 4
    with open_store().transaction() as tx:
        assert tx.next_ids("clients", "C", 2) == ["C-000012", "C-000013"]
    assert open_store().last_id("clients") == 13


def test_next_ids_grow_past_six_digits(store: Store) -> None:
    with store.transaction() as tx:
        tx.set_last_id("clients", 999_998)
        assert tx.next_ids("clients", "C", 3) == ["C-999999", "C-1000000", "C-1000001"]
    assert store.last_id("clients") == 1_000_001


def test_next_ids_refuse_a_negative_count(store: Store) -> None:
    with pytest.raises(ValueError, match="negative"), store.transaction() as tx:
        tx.next_ids("clients", "C", -1)


def options(*values: str | None) -> list[ConflictOption]:
    return [ConflictOption(value, f"file{n}.xlsx [Clients]", f"C{n + 2}",
                           T0 + dt.timedelta(hours=n)) for n, value in enumerate(values)]


def test_conflicts_add_list_and_settle(store: Store) -> None:
    with store.transaction() as tx:
        first = tx.add_conflict("clients", "C-000001", "phone", "1", options("2", "3"))
        second = tx.add_conflict("deals", "D-000001", "stage", None, options("won", None))
    assert first != second
    listed = store.open_conflicts()
    assert [(c.id, c.table, c.record_id, c.field, c.base, c.status) for c in listed] == [
        (first, "clients", "C-000001", "phone", "1", "open"),
        (second, "deals", "D-000001", "stage", None, "open")]
    assert listed[0].options == tuple(options("2", "3"))
    assert listed[1].options == tuple(options("won", None))
    assert listed[0].created_at.tzinfo is not None
    assert [c.id for c in store.open_conflicts("deals")] == [second]
    with store.transaction() as tx:
        tx.settle_conflict(first)
    assert [c.id for c in store.open_conflicts()] == [second]
    assert store.open_conflicts("clients") == []


def test_settling_an_unknown_conflict_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="404"), store.transaction() as tx:
        tx.settle_conflict(404)


def test_file_hashes_are_replaced_as_a_whole(store: Store) -> None:
    assert store.file_hashes() == {}
    with store.transaction() as tx:
        tx.set_file_hashes({"clients.xlsx": "a" * 64, "deals.xlsx": "b" * 64})
    with store.transaction() as tx:
        tx.set_file_hashes({"deals.xlsx": "c" * 64, "managers/Анна.xlsx": "d" * 64})
    assert store.file_hashes() == {"deals.xlsx": "c" * 64, "managers/Анна.xlsx": "d" * 64}


def test_runs_are_journalled_newest_first(store: Store) -> None:
    with store.transaction() as tx:
        first = tx.start_run()
        tx.finish_run(first, "ok", {"added": 3, "when": dt.date(2025, 3, 12),
                                    "total": Decimal("10.50")})
    with store.transaction() as tx:
        second = tx.start_run()
    runs = store.runs()
    assert [(run["id"], run["status"]) for run in runs] == [(second, "running"), (first, "ok")]
    assert runs[1]["summary"] == {"added": 3, "when": "2025-03-12", "total": "10.5"}
    assert runs[0]["finished_at"] is None and runs[1]["finished_at"] >= runs[1]["started_at"]
    assert [run["id"] for run in store.runs(limit=1)] == [second]
    with pytest.raises(StoreError, match="no run number"), store.transaction() as tx:
        tx.finish_run(second + 100, "ok", {})


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    put(store, rec("C-000001", name="kept"))
    with pytest.raises(RuntimeError, match="boom"), store.transaction() as tx:
        tx.put_records("clients", [rec("C-000001", name="lost"), rec("C-000002")])
        tx.archive("clients", ["C-000001"])
        tx.add_changes([change("C-000001", "name", 1)])
        tx.next_ids("clients", "C", 5)
        tx.add_conflict("clients", "C-000001", "name", None, options("a", "b"))
        tx.set_file_hashes({"clients.xlsx": "f" * 64})
        tx.start_run()
        raise RuntimeError("boom")
    assert store.records("clients") == {"C-000001": rec("C-000001", name="kept")}
    assert (store.history(), store.last_id("clients"), store.open_conflicts()) == ([], 0, [])
    assert (store.file_hashes(), store.runs()) == ({}, [])


def test_reads_inside_a_transaction_see_its_writes(store: Store) -> None:
    with store.transaction() as tx:
        tx.put_records("clients", [rec("C-000001")])
        tx.next_ids("clients", "C", 1)
        assert list(store.records("clients")) == ["C-000001"]
        assert store.last_id("clients") == 1
        with pytest.raises(StoreError, match="already open"), store.transaction():
            pass


def test_a_closed_store_says_so(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.records("clients")


KILLED_SYNC = """
import os, signal, sys
from pathlib import Path
from crm_office.store import Store, StoredRecord
store = Store.open(sys.argv[1], Path(sys.argv[2]))
with store.transaction() as tx:
    tx.put_records("clients", [StoredRecord("clients", "C-000001", {"name": "kept"})])
    tx.next_ids("clients", "C", 1)
with store.transaction() as tx:
    tx.put_records("clients", (StoredRecord("clients", f"C-{n:06d}", {"name": "lost"})
                               for n in range(1, 20001)))
    tx.next_ids("clients", "C", 5)
    tx.set_file_hashes({"clients.xlsx": "0" * 64})
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_run_leaves_the_last_commit(location: str, tmp_path: Path,
                                             open_store: Callable[[], Store]) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_SYNC, location, str(tmp_path)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    store = open_store()
    assert store.records("clients") == {
        "C-000001": StoredRecord("clients", "C-000001", {"name": "kept"})}
    assert (store.last_id("clients"), store.file_hashes()) == (1, {})
    with store.transaction() as tx:
        assert tx.next_ids("clients", "C", 1) == ["C-000002"]


def table_shapes(location: str, root: Path) -> dict[str, list[str]]:
    engine = create_engine(resolve(location, root))
    try:
        inspector = sa.inspect(engine)
        return {name: sorted(column["name"] for column in inspector.get_columns(name))
                for name in sorted(inspector.get_table_names())}
    finally:
        engine.dispose()


def expected_shapes() -> dict[str, list[str]]:
    return {table.name: sorted(table.columns.keys())
            for table in sorted(store_schema.metadata.tables.values(), key=lambda t: t.name)}


def test_a_new_store_has_the_current_schema(store: Store, location: str,
                                            tmp_path: Path) -> None:
    assert store.schema_version == CURRENT_VERSION
    assert table_shapes(location, tmp_path) == expected_shapes()


def test_a_version_1_store_is_upgraded(location: str, tmp_path: Path,
                                       open_store: Callable[[], Store]) -> None:
    target = resolve(location, tmp_path)
    engine = create_engine(target)
    with engine.connect() as conn, begin_write(conn):
        assert upgrade(conn, target.label, target=1) == 1
        conn.execute(sa.insert(store_schema.records).values(
            table_key="clients", record_id="C-000001", data='{"name":"Acme"}',
            archived=False, sources='["clients.xlsx [Clients]"]', updated_at=T0))
        conn.execute(sa.insert(store_schema.counters).values(table_key="clients", last=1))
    engine.dispose()
    assert set(table_shapes(location, tmp_path)) == {"counters", "history", "meta", "records"}
    store = open_store()
    assert store.schema_version == CURRENT_VERSION
    assert store.record("clients", "C-000001") == rec("C-000001", name="Acme")
    with store.transaction() as tx:
        assert tx.next_ids("clients", "C", 1) == ["C-000002"]
        tx.add_conflict("clients", "C-000001", "name", "Acme", options("A", "B"))
    assert len(store.open_conflicts()) == 1
    assert table_shapes(location, tmp_path) == expected_shapes()
    assert open_store().schema_version == CURRENT_VERSION


def test_a_store_of_a_newer_crm_office_is_refused(location: str, tmp_path: Path,
                                                  open_store: Callable[[], Store]) -> None:
    put(open_store(), rec("C-000001"))
    engine = create_engine(resolve(location, tmp_path))
    with engine.begin() as conn:
        conn.execute(sa.update(store_schema.meta).values(value=str(CURRENT_VERSION + 1)))
    engine.dispose()
    with pytest.raises(StoreError, match="newer crm-office") as caught:
        open_store()
    assert caught.value.reason == "newer-version"
    assert "upgrade crm-office" in caught.value.hint
    assert f"schema version {CURRENT_VERSION + 1}" in str(caught.value)


def test_meta_values_are_kept_and_replaced(open_store: Callable[[], Store]) -> None:
    store = open_store()
    assert store.meta("engine_values:clients") is None
    with store.transaction() as tx:
        tx.set_meta("engine_values:clients", '{"C-000001":{"debt":"10"}}')
        tx.set_meta("engine_values:clients", '{"C-000001":{"debt":"0"}}')
    assert open_store().meta("engine_values:clients") == '{"C-000001":{"debt":"0"}}'
    with store.transaction() as tx, pytest.raises(ValueError):
        tx.set_meta("schema_version", "99")
    assert store.schema_version == CURRENT_VERSION
