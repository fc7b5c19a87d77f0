"""Each rule: a failing and a passing case, in English and Russian data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crm_office.config import load_config
from crm_office.validate import validate_office
from tests.office_builder import base_tables, build_office


def flat(report, *, severities=("error", "warning", "info")):
    return [(p.file.removesuffix(".xlsx"), p.cell, p.code) for p in report.problems
            if p.severity.value in severities]


def validate(tmp_path, tables, **options):
    return validate_office(load_config(build_office(tmp_path, tables, **options)))


def test_clean_office_has_no_problems(tmp_path):
    assert flat(validate(tmp_path, base_tables())) == []


# (table, row index, column index, new value, expected (table, cell, code))
CASES = [
    ("clients", 1, 2, "actve", ("clients", "C2", "choice-unknown")),
    ("clients", 1, 2, " Active ", ("clients", "C2", "text-untrimmed")),
    ("clients", 1, 1, None, ("clients", "B2", "required-missing")),
    ("clients", 2, 0, "C-000001", ("clients", "A3", "value-duplicate")),
    ("clients", 1, 3, "info@acme", ("clients", "D2", "email-invalid")),
    ("clients", 1, 3, "anna smith@acme.example", ("clients", "D2", "email-invalid")),
    ("clients", 1, 3, "Info@Acme.example", ("clients", "D2", "email-case")),
    ("clients", 1, 4, "12345", ("clients", "E2", "phone-invalid")),
    ("clients", 1, 4, "0117 496 0000", ("clients", "E2", "phone-format")),
    ("clients", 1, 5, "GB12345678", ("clients", "F2", "tax-id-invalid")),
    ("clients", 1, 6, "Bob", ("clients", "G2", "reference-missing")),
    ("clients", 2, 3, "info@acme.example", ("clients", "D3", "client-duplicate")),
    ("clients", 2, 4, "+44 117 496 0000", ("clients", "E3", "client-duplicate")),
    ("clients", 2, 1, "ACME, Ltd.", ("clients", "B3", "client-similar-name")),
    ("contacts", 1, 2, "C-000999", ("contacts", "C2", "reference-missing")),
    ("contacts", 1, 4, dt.date(2025, 3, 1), ("contacts", "E2", "next-before-contact")),
    ("contacts", 1, 1, "12.03.2025", ("contacts", "B2", "date-as-text")),
    ("contacts", 1, 3, "fax", ("contacts", "D2", "choice-unknown")),
    ("deals", 1, 3, "Bob", ("deals", "D2", "reference-missing")),
    ("deals", 1, 4, "qualified", ("deals", "E2", "choice-unknown")),
    ("deals", 1, 5, None, ("deals", "F2", "won-without-amount")),
    ("invoices", 1, 4, dt.date(2025, 2, 1), ("invoices", "E2", "due-before-issued")),
    ("invoices", 1, 2, None, ("invoices", "C2", "required-missing")),
    ("payments", 1, 3, 1200, ("payments", "D2", "invoice-overpaid")),
    ("payments", 1, 1, "INV-9", ("payments", "B2", "reference-missing")),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "expected"), CASES,
                         ids=[f"{c[4][2]}-{c[3]!r}" for c in CASES])
def test_rule_fails_on_bad_value(tmp_path, table, row, column, value, expected):
    tables = base_tables()
    tables[table][row][column] = value
    assert flat(validate(tmp_path, tables)) == [expected]


def test_lost_deal_needs_reason_and_stage(tmp_path):
    tables = base_tables()
    tables["deals"][1][4] = "lost"
    assert flat(validate(tmp_path, tables)) == [("deals", "G2", "lost-without-reason"),
                                                ("deals", "H2", "lost-without-stage")]
    tables["deals"][1][6:8] = ["price", "offer"]
    assert flat(validate(tmp_path / "2", tables)) == []


def test_choice_near_miss_suggests_the_label(tmp_path):
    tables = base_tables()
    tables["clients"][1][2] = "actve"
    problem = validate(tmp_path, tables).problems.items[0]
    assert problem.fix == "did you mean 'active'?"
    assert problem.message.startswith("'actve' is not an allowed value of 'Status' (allowed: ")


def test_fixable_problems_carry_their_safe_replacement(tmp_path):
    tables = base_tables()
    tables["clients"][1][3] = " Info@Acme.example"
    tables["clients"][1][4] = "0117 496 0000"
    tables["contacts"][1][1] = "12.03.2025"
    report = validate(tmp_path, tables)
    assert [(p.code, p.replacement) for p in report.fixable] == [
        ("email-case", "info@acme.example"), ("phone-format", "+44 117 496 0000"),
        ("date-as-text", dt.date(2025, 3, 12))]


def test_formula_where_a_value_is_expected(tmp_path):
    report = validate(tmp_path, base_tables(),
                      formulas={"clients": {"B3": ('="Beta "&"Tours"', "Beta Tours")}})
    assert flat(report) == [("clients", "B3", "formula-in-cell")]


def russian_tables():
    tables = base_tables()
    tables["managers"] = [["Менеджер", "Эл. почта"], ["Анна Петрова", "anna@office.example"]]
    tables["clients"] = [
        ["Код клиента", "Клиент", "Статус", "Эл. почта", "Телефон", "ИНН", "Менеджер"],
        ["C-000001", "ООО «Вектор»", "активный", "info@vector.example", "+7 916 123-45-67",
         "7707083893", "Анна Петрова"],
        ["C-000002", "ИП Смирнов", "лид", "smirnov@mail.example", "+7 495 123-45-67",
         "500100732259", "Анна Петрова"],
    ]
    tables["deals"] = [
        ["Код сделки", "Сделка", "Код клиента", "Менеджер", "Этап", "Плановая сумма",
         "Причина отказа", "Этап отказа"],
        ["D-000001", "Тур", "C-000001", "Анна Петрова", "проиграна", None, "цена",
         "предложение"],
    ]
    return tables


def validate_ru(tmp_path, tables, extra=""):
    return validate(tmp_path, tables, locale="ru", country="RU", extra=extra)


def test_russian_office_is_clean(tmp_path):
    assert flat(validate_ru(tmp_path, russian_tables())) == []


RU_CASES = [
    ("clients", 1, 2, "Активен", ("clients", "C2", "choice-unknown")),
    ("clients", 1, 5, "7707083894", ("clients", "F2", "tax-id-invalid")),
    ("clients", 2, 5, "500100732258", ("clients", "F3", "tax-id-invalid")),
    ("clients", 1, 4, "8 (916) 123-45-67", ("clients", "E2", "phone-format")),
    ("clients", 1, 4, "+7 916 123", ("clients", "E2", "phone-invalid")),
    ("clients", 2, 1, "Вектор, ООО", ("clients", "B3", "client-similar-name")),
    ("deals", 1, 6, None, ("deals", "G2", "lost-without-reason")),
    ("deals", 1, 7, None, ("deals", "H2", "lost-without-stage")),
    ("deals", 1, 3, "Иван", ("deals", "D2", "reference-missing")),
    ("deals", 1, 4, "выиграна", ("deals", "F2", "won-without-amount")),
    ("deals", 1, 4, "квалифкация", ("deals", "E2", "choice-unknown")),
    ("clients", 1, 3, "инфо@vector", ("clients", "D2", "email-invalid")),
    ("clients", 1, 3, "Info@Vector.example", ("clients", "D2", "email-case")),
    ("clients", 1, 1, None, ("clients", "B2", "required-missing")),
    ("clients", 2, 0, "C-000001", ("clients", "A3", "value-duplicate")),
    ("clients", 2, 3, "info@vector.example", ("clients", "D3", "client-duplicate")),
    ("clients", 2, 1, " ИП Смирнов", ("clients", "B3", "text-untrimmed")),
    ("clients", 2, 6, "Пётр Иванов", ("clients", "G3", "reference-missing")),
    ("contacts", 1, 1, "12.03.2025", ("contacts", "B2", "date-as-text")),
    ("contacts", 1, 4, dt.date(2025, 3, 1), ("contacts", "E2", "next-before-contact")),
    ("payments", 1, 3, 1200, ("payments", "D2", "invoice-overpaid")),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "expected"), RU_CASES,
                         ids=[f"{c[4][2]}-{c[3]!r}" for c in RU_CASES])
def test_rule_fails_on_russian_data(tmp_path, table, row, column, value, expected):
    tables = russian_tables()
    tables[table][row][column] = value
    assert flat(validate_ru(tmp_path, tables)) == [expected]


def test_russian_near_miss_and_message(tmp_path):
    tables = russian_tables()
    tables["clients"][1][2] = "Активен "
    report = validate_ru(tmp_path, tables)
    assert flat(report) == [("clients", "C2", "choice-unknown"),
                            ("clients", "C2", "text-untrimmed")]
    problem = report.problems.items[0]
    assert problem.fix == "возможно, вы имели в виду «активный»?"
    assert problem.message.startswith("«Активен » — недопустимое значение «Статус»")


OFFICE_RULES = """
[rules.clients]
required = ["tax_id"]
patterns = { tax_id = '^GB\\d{9}$' }
choices = { status = ["vip"] }

[[rules.clients.conditions]]
when = { status = "lead" }
require = ["phone"]
message = "call every lead"
"""


def test_office_rules_from_config(tmp_path):
    tables = base_tables()
    tables["clients"][2][4] = None  # lead without phone
    tables["clients"][1][2] = "VIP"  # an extra choice
    report = validate(tmp_path, tables, extra=OFFICE_RULES)
    assert flat(report) == [("clients", "E3", "condition-unmet"),
                            ("clients", "F3", "required-missing")]
    condition = report.problems.items[0]
    assert condition.fix == "call every lead"
    assert condition.message == "'Phone' must be filled in when Status is 'lead'."


def test_office_pattern(tmp_path):
    tables = base_tables()
    tables["clients"][2][5] = "GB123456782001"
    report = validate(tmp_path, tables, extra=OFFICE_RULES)
    assert flat(report) == [("clients", "F3", "pattern-mismatch")]


def test_reading_problems_are_in_the_report_once(tmp_path):
    tables = base_tables()
    tables["payments"][1][3] = "six hundred"
    report = validate(tmp_path, tables)
    assert flat(report) == [("payments", "D2", "value-not-money")]
    assert report.rows["payments"] == 1
    assert report.to_dict()["summary"]["errors"] == 1


def test_money_sum_is_decimal(tmp_path):
    tables = base_tables()
    tables["payments"].append(["P-000002", "INV-1", dt.date(2025, 3, 11), "400,00"])
    assert flat(validate(tmp_path, tables)) == []
    tables["payments"].append(["P-000003", "INV-1", dt.date(2025, 3, 12), Decimal("0.01")])
    assert flat(validate(tmp_path / "2", tables)) == [("payments", "D4", "invoice-overpaid")]


def test_phones_parsed_in_a_worker_give_the_same_problems(tmp_path, monkeypatch):
    from crm_office.validate.rules import phone

    tables = base_tables()
    tables["clients"][1][4] = "0117 496 0000"
    tables["clients"][2][4] = "12345"
    expected = [("clients", "E2", "phone-format"), ("clients", "E3", "phone-invalid")]
    assert flat(validate(tmp_path, tables)) == expected
    monkeypatch.setattr(phone, "IN_WORKER_FROM", 1)
    phone.parse_phone.cache_clear()
    assert flat(validate(tmp_path / "worker", tables)) == expected


@pytest.mark.parametrize(("table", "row", "column", "value", "expected"), RU_CASES,
                         ids=[f"ru-fix-{c[4][2]}" for c in RU_CASES])
def test_fixes_are_in_russian_for_a_russian_office(tmp_path, table, row, column, value,
                                                   expected):
    import re

    tables = russian_tables()
    tables[table][row][column] = value
    for problem in validate_ru(tmp_path, tables).problems:
        assert re.search("[а-яё]", problem.fix, re.IGNORECASE), (problem.code, problem.fix)
