"""Engine-owned columns, checked against small cases computed by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from crm_office.config.model import Funnel, Stage
from crm_office.sync.computed import abc_classes, compute_columns, invoice_status

TODAY = date(2025, 6, 2)
FUNNEL = Funnel(stages=(
    Stage("lead", "Лид", Decimal(10)), Stage("offer", "Отправлено КП", Decimal(50)),
    Stage("negotiation", "Переговоры", Decimal(70)),
    Stage("won", "Успешно", Decimal(100)), Stage("lost", "Отказ", Decimal(0)),
), won="won", lost="lost", stall_days={})
D = Decimal

CLIENTS: list[dict[str, object]] = [
    {"id": "C-000001", "name": "Acme"}, {"id": "C-000002", "name": "Вектор"},
    {"id": "C-000003", "name": "Без контактов"}]
CONTACTS: list[dict[str, object]] = [
    {"client_id": "C-000001", "date": date(2025, 5, 1), "next_date": date(2025, 5, 20)},
    {"client_id": "C-000001", "date": date(2025, 5, 28), "next_date": date(2025, 6, 10)},
    {"client_id": "c-000001 ", "date": datetime(2025, 5, 30, 15, 0), "next_date": TODAY},
    {"client_id": "C-000001", "date": date(2025, 4, 2), "next_date": date(2025, 6, 5)},
    {"client_id": "C-000002", "date": date(2025, 3, 3), "next_date": date(2025, 4, 1)},
    {"client_id": "C-000002", "date": None, "next_date": None},
]
DEALS: list[dict[str, object]] = [
    {"id": "D-000001", "client_id": "C-000001", "stage": "offer", "created": date(2025, 5, 1)},
    {"id": "D-000002", "client_id": "C-000001", "stage": " переговоры ",
     "created": date(2025, 4, 1)},
    {"id": "D-000003", "client_id": "C-000001", "stage": "won", "created": date(2025, 1, 1)},
    {"id": "D-000004", "client_id": "C-000002", "stage": "ОТКАЗ", "created": None},
    {"id": "D-000005", "client_id": "C-000002", "stage": "ЛИД", "created": date(2025, 6, 1)},
    {"id": "D-000006", "client_id": "C-000002", "stage": "unknown stage", "created": None},
]
INVOICES: list[dict[str, object]] = [
    # paid in two parts, exactly the amount
    {"number": "INV-1", "client_id": "C-000001", "deal_id": "D-000003",
     "amount": D("1000.00"), "due_date": date(2025, 5, 1)},
    # half paid, due in the future
    {"number": "INV-2", "client_id": "C-000001", "deal_id": "D-000003",
     "amount": D("500.00"), "due_date": date(2025, 6, 30)},
    # nothing paid, overdue
    {"number": "INV-3", "client_id": "C-000002", "deal_id": None,
     "amount": D("300.00"), "due_date": date(2025, 6, 1)},
    # overpaid
    {"number": "Inv-4", "client_id": "C-000002", "deal_id": "D-000005",
     "amount": D("200.00"), "due_date": date(2025, 7, 1)},
    # nothing paid, due today: open, not overdue
    {"number": "INV-5", "client_id": "C-000001", "deal_id": None,
     "amount": D("100"), "due_date": TODAY},
]
PAYMENTS: list[dict[str, object]] = [
    {"invoice": "INV-1", "amount": D("600.00")}, {"invoice": "inv-1 ", "amount": D("400.00")},
    {"invoice": "INV-2", "amount": D("250.00")}, {"invoice": "INV-4", "amount": D("250.00")},
    {"invoice": "INV-404", "amount": D("9999.00")},  # unknown invoice: ignored
    {"invoice": None, "amount": D("1.00")},
]
TABLES: dict[str, list[dict[str, object]]] = {
    "clients": CLIENTS, "contacts": CONTACTS, "deals": DEALS, "invoices": INVOICES,
    "payments": PAYMENTS}


@pytest.fixture(scope="module")
def columns() -> dict[str, dict[str, dict[str, object]]]:
    return compute_columns(TABLES, funnel=FUNNEL, today=TODAY,
                           stage_since={"D-000001": date(2025, 5, 25)})


def test_client_columns(columns: dict[str, dict[str, dict[str, object]]]) -> None:
    assert columns["clients"] == {
        "C-000001": {"last_contact": date(2025, 5, 30), "next_contact": TODAY,
                     "open_deals": 2, "revenue": D("1250.00"), "debt": D("350.00"),
                     "abc_class": "A"},
        # the only planned date is in the past; overpayment of Inv-4 is not negative debt
        "C-000002": {"last_contact": date(2025, 3, 3), "next_contact": None,
                     "open_deals": 1, "revenue": D("250.00"), "debt": D("300.00"),
                     "abc_class": "B"},
        "C-000003": {"last_contact": None, "next_contact": None, "open_deals": 0,
                     "revenue": D(0), "debt": D(0), "abc_class": "C"},
    }


def test_deal_columns(columns: dict[str, dict[str, dict[str, object]]]) -> None:
    assert columns["deals"] == {
        "D-000001": {"paid": D(0), "days_in_stage": 8},  # stage changed 25 May
        "D-000002": {"paid": D(0), "days_in_stage": 62},  # since created 1 April
        "D-000003": {"paid": D("1250.00"), "days_in_stage": None},  # won: no longer waiting
        "D-000004": {"paid": D(0), "days_in_stage": None},  # no date at all
        "D-000005": {"paid": D("250.00"), "days_in_stage": 1},
        "D-000006": {"paid": D(0), "days_in_stage": None},
    }


def test_invoice_columns(columns: dict[str, dict[str, dict[str, object]]]) -> None:
    assert columns["invoices"] == {
        "INV-1": {"paid": D("1000.00"), "status": "paid"},
        "INV-2": {"paid": D("250.00"), "status": "partly_paid"},
        "INV-3": {"paid": D(0), "status": "overdue"},
        "Inv-4": {"paid": D("250.00"), "status": "paid"},
        "INV-5": {"paid": D(0), "status": "open"},
    }


def test_missing_tables_give_empty_columns() -> None:
    result = compute_columns({"clients": [{"id": "C-1"}]}, funnel=FUNNEL, today=TODAY,
                             stage_since={})
    assert result == {"clients": {"C-1": {
        "last_contact": None, "next_contact": None, "open_deals": 0, "revenue": D(0),
        "debt": D(0), "abc_class": "C"}}, "deals": {}, "invoices": {}}


STATUS_CASES = [
    ("nothing paid, not due", D(100), D(0), date(2025, 6, 3), "open"),
    ("nothing paid, due today", D(100), D(0), TODAY, "open"),
    ("nothing paid, overdue", D(100), D(0), date(2025, 6, 1), "overdue"),
    ("part paid, not due", D(100), D(40), date(2025, 6, 3), "partly_paid"),
    ("part paid, overdue", D(100), D(40), date(2025, 6, 1), "overdue"),
    ("paid exactly", D(100), D("100.00"), date(2025, 6, 1), "paid"),
    ("overpaid", D(100), D(120), date(2025, 6, 1), "paid"),
    ("no due date", D(100), D(0), None, "open"),
    ("no amount, nothing paid", None, D(0), date(2025, 6, 1), "open"),
    ("no amount, something paid", None, D(5), date(2025, 6, 1), "partly_paid"),
]


@pytest.mark.parametrize(("amount", "paid", "due", "status"),
                         [case[1:] for case in STATUS_CASES], ids=[c[0] for c in STATUS_CASES])
def test_invoice_status(amount: Decimal | None, paid: Decimal, due: date | None,
                        status: str) -> None:
    assert invoice_status(amount, paid, due, TODAY) == status


ABC_CASES = [
    ("exactly 80 and 15", {"a": 50, "b": 30, "c": 15, "d": 5}, "AABC"),
    ("the client crossing 80 % is A", {"a": 60, "b": 30, "c": 6, "d": 4}, "AABC"),
    ("one big client", {"a": 90, "b": 6, "c": 4}, "ABC"),
    ("crossing 95 % is B", {"a": 85, "b": 8, "c": 5, "d": 2}, "ABBC"),
    ("equal revenues share a class", {"a": 40, "b": 40, "c": 10, "d": 10}, "AABB"),
    ("zero revenue is C", {"a": 100, "b": 0, "c": 0}, "ACC"),
    ("nobody paid", {"a": 0, "b": 0}, "CC"),
    ("refunds are C", {"a": 100, "b": -10}, "AC"),
]


@pytest.mark.parametrize(("revenue", "classes"), [c[1:] for c in ABC_CASES],
                         ids=[c[0] for c in ABC_CASES])
def test_abc_classes(revenue: dict[str, int], classes: str) -> None:
    result = abc_classes({client: D(value) for client, value in revenue.items()})
    assert "".join(result[client] for client in revenue) == classes
