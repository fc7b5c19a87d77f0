"""canonical(): the one text form of a value that the store keeps and merges compare."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_office.store import canonical


def test_equal_numbers_have_one_form() -> None:
    assert canonical(10) == canonical(Decimal("10.00")) == canonical(10.0) == "10"
    assert canonical(Decimal("0E-8")) == canonical(0) == "0"


def test_a_datetime_at_midnight_is_a_date() -> None:
    assert canonical(dt.datetime(2025, 3, 12, 0, 0)) == canonical(dt.date(2025, 3, 12))


@pytest.mark.parametrize("value", [object(), b"bytes", [1], {"a": 1}])
def test_values_without_a_form_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="no canonical form"):
        canonical(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_numbers_that_are_not_finite_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="no canonical form"):
        canonical(value)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_decimal_form_is_plain_digits_and_exact(value: Decimal) -> None:
    text = canonical(value)
    assert text is not None
    assert Decimal(text) == value
    assert canonical(Decimal(text)) == text
    assert "e" not in text.lower()
    assert text == "0" or not (("." in text and text.endswith("0")) or text.endswith("."))


@given(st.datetimes())
def test_a_datetime_form_reads_back(value: dt.datetime) -> None:
    text = canonical(value)
    assert text is not None
    if value.time() == dt.time():
        assert dt.date.fromisoformat(text) == value.date()
    else:
        assert dt.datetime.fromisoformat(text) == value
