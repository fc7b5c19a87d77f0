"""The fast paths of the weekly analysis keep every shown figure exact and equal to the
plain way of working it out."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal as D  # noqa: N817

import numpy
import pandas
from analysis_data import RECORDS, frames, funnel

from crm_office.analysis.frames import OfficeFrames
from crm_office.analysis.grid import group_total, total
from crm_office.analysis.managers import last_contacts
from crm_office.analysis.ranking import largest
from crm_office.analysis.scope import _cut, manager_frames


def test_money_sums_are_exact_where_floats_are_not() -> None:
    amounts = pandas.Series([D("0.10")] * 10 + [D("12345678901234.57"), D("0.01"), None,
                                                float("nan"), "12.5", True, D("NaN")],
                            dtype=object)
    assert sum([0.10] * 10) != 1.0  # what float64 would show
    assert total(amounts) == D("12345678901235.58")
    assert str(total(amounts.iloc[:10])) == "1.00"
    keys = pandas.Series(["a"] * 5 + ["b"] * 5 + ["a", "b", "a", None, "b", "a", "b"],
                         dtype=object)
    assert group_total(keys, amounts) == {"a": D("12345678901235.07"), "b": D("0.51")}
    empty = pandas.Series([], dtype=object)
    assert total(empty) == 0 and isinstance(total(empty), D)
    only_text = group_total(pandas.Series(["a"], dtype=object),
                            pandas.Series(["x"], dtype=object))
    assert only_text == {"a": D(0)} and isinstance(only_text["a"], D)


def test_largest_amounts_in_exact_order_even_when_their_floats_are_equal() -> None:
    amounts = [D("1"), D("3"), D("3.0000000000000000001"), D("2"), D("-5")]
    assert float(amounts[1]) == float(amounts[2])
    chosen = largest(amounts, 1)
    assert sorted(chosen, key=lambda at: -amounts[at])[0] == 2
    assert sorted(largest(amounts, 3)) == [1, 2, 3]
    assert largest(amounts, 10) == [0, 1, 2, 3, 4]


def test_last_contact_per_client_is_the_first_logged_on_its_latest_day() -> None:
    rng = numpy.random.default_rng(7)
    count = 3000
    days = [date(2026, 11, 1) + timedelta(days=int(day)) for day in rng.integers(0, 20, count)]
    frame = pandas.DataFrame({
        "date": pandas.to_datetime(pandas.Series(days)).where(rng.random(count) > 0.05),
        "next_date": pandas.to_datetime(pandas.Series(days)) + pandas.Timedelta(days=3),
        "client_key": pandas.Series(rng.choice(["c-1", "c-2", "c-3", None], count),
                                    dtype=object)})
    frame.index = rng.permutation(count) + 1000  # labels unlike positions
    as_of = pandas.Timestamp(date(2026, 11, 15))
    got = last_contacts(OfficeFrames({"contacts": frame}), as_of)
    seen = frame[(frame["date"] <= as_of) & frame["client_key"].notna()]
    expected = seen.loc[seen.groupby("client_key", sort=False)["date"].idxmax()]
    expected = expected.set_index("client_key")[["date", "next_date"]]
    assert got.sort_index().equals(expected.sort_index())
    assert len(got) == 3


def test_a_managers_part_taken_by_positions_equals_the_long_way() -> None:
    office = frames()
    for name in ("Anna Ivanova", "Boris Petrov", "Nobody"):
        quick, slow = manager_frames(office, name), _cut(office, name)
        for key in slow.tables:
            assert quick[key].equals(slow[key]), (name, key)
    assert office.memo[("manager_rows", None)] is not None  # the quick way was taken


def test_a_client_id_of_two_managers_takes_the_long_way() -> None:
    records = copy.deepcopy(RECORDS)
    twin = dict(records["clients"][0], manager="Boris Petrov")
    records["clients"].append(twin)  # C-1 twice, with two managers
    office = OfficeFrames.from_records(funnel(), records)
    part = manager_frames(office, "Boris Petrov")
    assert office.memo[("manager_rows", None)] is None
    assert "c-1" in set(part["contacts"]["client_key"])  # C-1's contacts are Boris' too
    assert "c-1" in set(manager_frames(office, "Anna Ivanova")["contacts"]["client_key"])
