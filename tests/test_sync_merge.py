"""Three-way merge of records and settling conflicts from the Conflicts sheet."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_office.sync.merge import (
    NOT_DECIDED,
    FieldConflict,
    NotDecided,
    Side,
    apply_decision,
    merge_field,
    merge_record,
)
from crm_office.sync.values import canonical

T0 = datetime(2025, 6, 2, 9, 0)
CLIENTS = "clients.xlsx [Clients]"
IVANOV = "managers/Иванов.xlsx [Клиенты]"
PETROV = "managers/Петров.xlsx [Клиенты]"


def side(source: str, value: str | None, minutes: int = 0, cell: str = "C2") -> Side:
    return Side(source, cell, value, T0 + timedelta(minutes=minutes))


# (case, base, sides, merged value, winning source or None, conflicting values)
MERGE_CASES = [
    ("no sides", "Acme", [], "Acme", None, ()),
    ("one side unchanged", "Acme", [side(CLIENTS, "Acme")], "Acme", None, ()),
    ("one side edited", "Acme", [side(CLIENTS, "Acme Ltd")], "Acme Ltd", CLIENTS, ()),
    ("two sides, one edited", "Acme",
     [side(CLIENTS, "Acme"), side(IVANOV, "Acme Ltd")], "Acme Ltd", IVANOV, ()),
    ("two sides edited the same, first seen wins", "Acme",
     [side(CLIENTS, "Acme Ltd", 5), side(IVANOV, "Acme Ltd", 1)], "Acme Ltd", IVANOV, ()),
    ("two sides edited differently", "Acme",
     [side(CLIENTS, "Acme Ltd", 1), side(IVANOV, "ACME plc", 2)],
     "Acme", None, ("Acme Ltd", "ACME plc")),
    ("options ordered by when they were seen", "Acme",
     [side(CLIENTS, "Acme Ltd", 9), side(IVANOV, "ACME plc", 2)],
     "Acme", None, ("ACME plc", "Acme Ltd")),
    ("three sides, two edited the same", "Москва",
     [side(CLIENTS, "Москва"), side(IVANOV, "Казань"), side(PETROV, "Казань")],
     "Казань", IVANOV, ()),
    ("three sides, two edited differently", "Москва",
     [side(CLIENTS, "Москва"), side(IVANOV, "Казань", 1), side(PETROV, "Самара", 2)],
     "Москва", None, ("Казань", "Самара")),
    ("three sides, all different", "a",
     [side(CLIENTS, "b", 1), side(IVANOV, "c", 2), side(PETROV, "d", 3)],
     "a", None, ("b", "c", "d")),
    ("three sides, one value seen twice is one option", "a",
     [side(CLIENTS, "b", 3), side(IVANOV, "c", 2), side(PETROV, "b", 1)],
     "a", None, ("b", "c")),
    ("new record in one source", None, [side(CLIENTS, "Acme")], "Acme", CLIENTS, ()),
    ("new record in two sources, same value", None,
     [side(CLIENTS, "Acme"), side(IVANOV, "Acme")], "Acme", CLIENTS, ()),
    ("new record in two sources, different values", None,
     [side(CLIENTS, "Acme", 1), side(IVANOV, "Acme Ltd", 2)], None, None, ("Acme", "Acme Ltd")),
    ("new record, one source has the cell empty", None,
     [side(CLIENTS, None), side(IVANOV, "Acme")], "Acme", IVANOV, ()),
    ("blanked alone", "+7 900 000-00-00", [side(CLIENTS, None)], None, CLIENTS, ()),
    ("both blanked", "x", [side(CLIENTS, None), side(IVANOV, None)], None, CLIENTS, ()),
    ("blanked against edited", "+7 900 000-00-00",
     [side(CLIENTS, None, 1), side(IVANOV, "+7 900 111-11-11", 2)],
     "+7 900 000-00-00", None, (None, "+7 900 111-11-11")),
    ("filled in where base was empty", None,
     [side(CLIENTS, None), side(IVANOV, "retail")], "retail", IVANOV, ()),
]


@pytest.mark.parametrize(("base", "sides", "value", "winner", "conflicting"),
                         [case[1:] for case in MERGE_CASES],
                         ids=[case[0] for case in MERGE_CASES])
def test_merge_field(base: str | None, sides: list[Side], value: str | None,
                     winner: str | None, conflicting: tuple[str | None, ...]) -> None:
    merged, winning, options = merge_field(base, sides)
    assert merged == value
    assert (winning.source if winning else None) == winner
    assert tuple(option.value for option in options) == conflicting


def test_merge_record_changes_conflicts_and_missing_columns() -> None:
    base = {"name": "Acme", "phone": "111", "region": "Москва", "revenue": "1500"}
    sides = {
        "name": [side(CLIENTS, "Acme", cell="B2"), side(IVANOV, "Acme Ltd", cell="B7")],
        "phone": [side(CLIENTS, "222", 1, "F2"), side(IVANOV, "333", 2, "E7")],
        # region: the manager's view has no Region column, so only one side
        "region": [side(CLIENTS, "Москва", cell="I2")],
    }
    merged = merge_record("C-000001", base, sides, ["name", "phone", "region", "email"])
    assert merged.values == {"name": "Acme Ltd", "phone": "111", "region": "Москва",
                             "email": None, "revenue": "1500"}
    assert merged.changed == {"name": ("Acme", "Acme Ltd", IVANOV)}
    assert merged.conflicts == (FieldConflict(
        "C-000001", "phone", "111",
        (side(CLIENTS, "222", 1, "F2"), side(IVANOV, "333", 2, "E7"))),)


def test_merge_new_record_from_two_sources() -> None:
    sides = {"name": [side(CLIENTS, "Вектор"), side(IVANOV, "Вектор")],
             "phone": [side(CLIENTS, "111", 1), side(IVANOV, "222", 2)],
             "email": [side(IVANOV, "info@vector.example")]}
    merged = merge_record("C-000009", None, sides, ["name", "phone", "email"])
    assert merged.values == {"name": "Вектор", "phone": None, "email": "info@vector.example"}
    assert merged.changed == {"name": (None, "Вектор", CLIENTS),
                              "email": (None, "info@vector.example", IVANOV)}
    assert [(c.field, c.base, [o.value for o in c.options]) for c in merged.conflicts] == [
        ("phone", None, ["111", "222"])]


CANONICAL_CASES = [
    (None, None), ("  as typed ", "  as typed "), (True, "true"), (False, "false"),
    (10, "10"), (Decimal("10.00"), "10"), (Decimal("1E+3"), "1000"), (Decimal("0.00"), "0"),
    (Decimal("-0"), "0"), (Decimal("12.50"), "12.5"), (date(2025, 3, 12), "2025-03-12"),
    (datetime(2025, 3, 12), "2025-03-12"), (datetime(2025, 3, 12, 14, 5), "2025-03-12T14:05:00"),
]


@pytest.mark.parametrize(("value", "text"), CANONICAL_CASES)
def test_canonical(value: object, text: str | None) -> None:
    assert canonical(value) == text


# --- settling a conflict -------------------------------------------------------------------

CONFLICT = FieldConflict("C-000001", "name", "Acme", (
    side(CLIENTS, "Acme Ltd", 1), side(IVANOV, "ACME plc", 2), side(PETROV, None, 3)))

DECISIONS = [
    ("A", "Acme Ltd"), ("a", "Acme Ltd"), (" b ", "ACME plc"), ("C", None),
    ("А", "Acme Ltd"), ("в", "ACME plc"), ("С", None),  # Cyrillic look-alikes
    ("acme ltd", "Acme Ltd"), ("  ACME PLC  ", "ACME plc"), ("acme", "Acme"),
    ("keep", "Acme"), ("Base", "Acme"), ("ОСТАВИТЬ", "Acme"),
    ("", NOT_DECIDED), ("   ", NOT_DECIDED), ("D", NOT_DECIDED), ("Acme Inc", NOT_DECIDED),
    ("да", NOT_DECIDED),
]


@pytest.mark.parametrize(("decision", "value"), DECISIONS)
def test_apply_decision(decision: str, value: str | NotDecided | None) -> None:
    assert apply_decision(CONFLICT, decision) == value


def test_decision_naming_two_options_stays_open() -> None:
    letters = FieldConflict("C-1", "segment", "C", (side(CLIENTS, "B", 1), side(IVANOV, "A", 2)))
    assert apply_decision(letters, "A") is NOT_DECIDED  # letter A is "B", value A is option B
    assert apply_decision(letters, "keep") == "C"
    agree = FieldConflict("C-1", "segment", None, (side(CLIENTS, "x", 1), side(IVANOV, "B", 2)))
    assert apply_decision(agree, "b") == "B"  # letter B and value "b" name the same option


# --- properties ----------------------------------------------------------------------------

VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "Москва"]))
SIDES = st.lists(st.builds(
    Side, st.sampled_from([CLIENTS, IVANOV, PETROV]), st.sampled_from(["B2", "C17"]), VALUES,
    st.datetimes(min_value=T0, max_value=T0 + timedelta(days=2))), max_size=6)


@given(VALUES, SIDES, st.randoms())
def test_merge_does_not_depend_on_the_order_of_sides(base: str | None, sides: list[Side],
                                                      rnd: random.Random) -> None:
    shuffled = list(sides)
    rnd.shuffle(shuffled)
    assert merge_field(base, shuffled) == merge_field(base, sides)
    record = merge_record("C-1", {"f": base}, {"f": sides}, ["f"])
    assert merge_record("C-1", {"f": base}, {"f": shuffled}, ["f"]) == record


@given(VALUES, st.lists(st.builds(Side, st.sampled_from([CLIENTS, IVANOV]), st.just("B2"),
                                  st.none(), st.datetimes()), max_size=5))
def test_all_sides_equal_to_base_keep_base(base: str | None, sides: list[Side]) -> None:
    sides = [Side(s.source, s.cell, base, s.seen_at) for s in sides]
    assert merge_field(base, sides) == (base, None, ())
    merged = merge_record("C-1", {"f": base}, {"f": sides}, ["f"])
    assert (merged.values, merged.changed, merged.conflicts) == ({"f": base}, {}, ())


@given(VALUES, VALUES, SIDES, st.integers(min_value=0, max_value=6))
def test_one_differing_side_wins(base: str | None, new: str | None, sides: list[Side],
                                 where: int) -> None:
    unchanged = [Side(s.source, s.cell, base, s.seen_at) for s in sides]
    editor = Side(PETROV, "Z9", new, T0)
    all_sides = [*unchanged[:where], editor, *unchanged[where:]]
    value, winner, conflicting = merge_field(base, all_sides)
    assert value == new
    assert conflicting == ()
    assert winner == (editor if new != base else None)


@given(VALUES, SIDES)
def test_conflicts_only_between_different_changed_values(base: str | None,
                                                         sides: list[Side]) -> None:
    changed = {s.value for s in sides if s.value != base}
    value, winner, conflicting = merge_field(base, sides)
    if len(changed) < 2:
        assert conflicting == ()
        assert value == (changed.pop() if changed else base)
    else:
        assert value == base and winner is None
        assert {s.value for s in conflicting} == changed
        assert len(conflicting) == len(changed)
