"""Document numbers: consecutive and unique with four real processes at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from decimal import Decimal
from pathlib import Path

import pytest

from crm_office.documents.numbering import check_pattern, existing, reserve, settle
from crm_office.errors import ConfigError
from crm_office.store import Store

pytest_plugins = ["tests.pg_server"]
DAY = dt.date(2026, 11, 22)
PER_PROCESS = 15


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return "crm-office.sqlite"
    url: str = request.getfixturevalue("empty_postgresql_url")
    return url


def _take(location: str, root: str, worker: int) -> list[str]:
    with Store.open(location, Path(root), busy_timeout=30) as store:
        taken = []
        for index in range(PER_PROCESS):
            row = reserve(store, "invoice", "INV-{year}-{n:05d}", DAY,
                          deal_id=f"D-{worker}-{index}", client_id="C-1", client="Acme",
                          amount=Decimal("10.00"), vat=Decimal("2.00"), currency="GBP")
            taken.append(row.number)
        return taken


def test_four_processes_get_consecutive_unique_numbers(location: str, tmp_path: Path) -> None:
    Store.open(location, tmp_path).close()  # migrate once, before the race
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_take, [(location, str(tmp_path), worker) for worker in range(4)])
    numbers = [number for taken in results for number in taken]
    assert len(set(numbers)) == len(numbers) == 4 * PER_PROCESS
    assert sorted(numbers) == [f"INV-2026-{n:05d}" for n in range(1, 4 * PER_PROCESS + 1)]
    for taken in results:  # each process sees its numbers rising
        assert taken == sorted(taken)


def test_void_number_stays_in_the_register_and_is_never_reused(location: str,
                                                                 tmp_path: Path) -> None:
    with Store.open(location, tmp_path) as store:
        first = reserve(store, "offer", "КП-{year}/{n:03d}", DAY, deal_id="D-1", client_id="C-1",
                        client="Вектор", amount=Decimal(1), vat=Decimal(0), currency="RUB")
        settle(store, first, reason="template broken")
        second = reserve(store, "offer", "КП-{year}/{n:03d}", DAY, deal_id="D-1",
                         client_id="C-1", client="Вектор", amount=Decimal(1), vat=Decimal(0),
                         currency="RUB")
        settle(store, second, file="x.docx")
        rows = store.documents("offer")
        next_year = reserve(store, "offer", "КП-{year}/{n:03d}", dt.date(2027, 1, 2),
                            deal_id="D-2", client_id="C-1", client="Вектор",
                            amount=Decimal(1), vat=Decimal(0), currency="RUB")
        found = existing(store, "offer", "D-1")
    assert [(row.number, row.status, row.reason) for row in rows] == [
        ("КП-2026/001", "void", "template broken"), ("КП-2026/002", "made", "")]
    assert found is not None and found.number == "КП-2026/002"
    assert next_year.number == "КП-2027/001"


@pytest.mark.parametrize("pattern", ["INV-{year}", "INV-{m}", "INV-{n:q}"])
def test_bad_pattern_is_a_config_error(pattern: str) -> None:
    with pytest.raises(ConfigError, match=r"documents\.kinds\.invoice\.number"):
        check_pattern(pattern, "documents.kinds.invoice.number")
