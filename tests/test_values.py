"""Value normalisation: what a cell holds -> the typed value the engine uses."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_office.workbook.values import to_bool, to_date, to_integer, to_money, to_number, to_text

CASES = [
    # dates: date cells, Excel serial numbers, text in several formats
    (to_date, date(2025, 3, 12), date(2025, 3, 12)),
    (to_date, datetime(2025, 3, 12, 14, 30), date(2025, 3, 12)),
    (to_date, 45728.0, date(2025, 3, 12)),
    (to_date, 45728, date(2025, 3, 12)),
    (to_date, "12.03.2025", date(2025, 3, 12)),
    (to_date, "2025-03-12", date(2025, 3, 12)),
    (to_date, " 12/03/2025 ", date(2025, 3, 12)),
    (to_date, "12.03.25", date(2025, 3, 12)),
    (to_date, "2025-03-12 10:15", date(2025, 3, 12)),
    (to_date, "2025-03-12T10:15:00", date(2025, 3, 12)),
    (to_date, "1.3.2025", date(2025, 3, 1)),
    (to_date, "", None),
    (to_date, "   ", None),
    # numbers with spaces, non-breaking spaces, commas, currency signs
    (to_number, 1234.5, Decimal("1234.5")),
    (to_number, 7.0, Decimal(7)),
    (to_number, "1 234,56", Decimal("1234.56")),
    (to_number, "1\u00a0234,56", Decimal("1234.56")),
    (to_number, "1\u202f234.56", Decimal("1234.56")),
    (to_number, "1,234.56", Decimal("1234.56")),
    (to_number, "1.234,56", Decimal("1234.56")),
    (to_number, "1,234,567", Decimal("1234567")),
    (to_number, "2,5", Decimal("2.5")),
    (to_number, "1,200", Decimal(1200)),
    (to_number, "0,125", Decimal("0.125")),
    (to_number, "12,75", Decimal("12.75")),
    (to_number, "15 %", Decimal(15)),
    (to_number, "-12", Decimal(-12)),
    (to_number, "\u221212", Decimal(-12)),
    (to_number, "(100)", Decimal(-100)),
    (to_number, "", None),
    (to_money, "€ 1 200,50", Decimal("1200.50")),
    (to_money, "$1,200.50", Decimal("1200.50")),
    (to_money, "1 200 руб.", Decimal(1200)),
    (to_money, "1200 ₽", Decimal(1200)),
    (to_money, "350 грн", Decimal(350)),
    (to_money, "1 000 000 RUB", Decimal(1000000)),
    (to_money, 0.1 + 0.2, Decimal("0.30")),
    (to_money, 99.999, Decimal("100.00")),
    (to_integer, 3.0, 3),
    (to_integer, "1 200", 1200),
    (to_integer, "", None),
    # yes/no in English and Russian
    (to_bool, "yes", True),
    (to_bool, "No", False),
    (to_bool, "да", True),
    (to_bool, "НЕТ", False),
    (to_bool, "Да.", True),
    (to_bool, True, True),
    (to_bool, 0.0, False),
    (to_bool, 1, True),
    (to_bool, "", None),
    # text columns: numbers typed there lose Excel's .0, blanks are empty
    (to_text, 79161234567.0, "79161234567"),
    (to_text, 7707083893.0, "7707083893"),
    (to_text, "  ", None),
    (to_text, " ООО «Вектор» ", " ООО «Вектор» "),
    (to_text, datetime(2025, 3, 12), "2025-03-12"),
]


@pytest.mark.parametrize(("convert", "raw", "expected"), CASES,
                         ids=[f"{c.__name__}-{r!r}" for c, r, _ in CASES])
def test_normalises(convert, raw, expected):
    assert convert(raw) == expected


BAD = [
    (to_date, "31.02.2025"), (to_date, "tomorrow"), (to_date, "12 March"), (to_date, -5.0),
    (to_number, "12abc"), (to_number, "1.2.3,4,5"), (to_number, "€"), (to_number, "--1"),
    (to_integer, 2.5), (to_integer, "2,5"), (to_bool, "maybe"), (to_bool, 2.0),
    (to_money, "сто рублей"),
]


@pytest.mark.parametrize(("convert", "raw"), BAD, ids=[f"{c.__name__}-{r!r}" for c, r in BAD])
def test_rejects_what_it_cannot_read(convert, raw):
    with pytest.raises(ValueError):
        convert(raw)


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_grouped_numbers_round_trip(whole, cents):
    amount = Decimal(whole) + Decimal(cents) / 100
    russian = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
    english = f"{amount:,.2f}"
    assert to_number(russian) == amount
    assert to_number(english) == amount
