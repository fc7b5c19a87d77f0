"""One clear problem for one cause: missing key columns, over-long text, phone style, tax IDs."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from crm_office.config import load_config
from crm_office.demo.office import create_office
from crm_office.validate import validate_office
from crm_office.validate.rules.tax_id import is_tax_id
from tests.office_builder import base_tables, build_office


def flat(report):
    return [(p.file.removesuffix(".xlsx"), p.cell or f"row {p.row}", p.code)
            for p in report.problems]


def validate(tmp_path, tables, **options):
    return validate_office(load_config(build_office(tmp_path, tables, **options)))


def many_contacts(tables, count=300):
    header = tables["contacts"][0]
    tables["contacts"] = [header] + [
        [f"L-{n:06d}", dt.date(2025, 3, 12), "C-000001" if n % 2 else "C-000002", "call", None]
        for n in range(1, count + 1)]
    return tables


def test_a_renamed_client_id_column_is_one_error_not_one_per_reference(tmp_path):
    tables = many_contacts(base_tables())
    tables["clients"][0][0] = "Kundennummer"
    report = validate(tmp_path, tables)
    errors = [p for p in report.problems if p.severity.value == "error"]
    assert flat(report) == [("clients", "row 1", "key-column-missing"),
                            ("clients", "A1", "column-unknown")]
    error = errors[0]
    assert error.message.startswith(
        "Table 'Clients' has no 'Client ID' column, the key its rows are referred to by "
        "(accepted headers: Client ID, Код клиента, ID, Код); references to it (Contact log: "
        "Client ID, Deals: Client ID, Invoices: Client ID) are not checked")
    assert "[tables.clients.aliases]" in error.fix


def test_the_key_error_is_in_russian_for_a_russian_office(tmp_path):
    tables = base_tables()
    tables["clients"][0][0] = "Номер"
    problem = next(p for p in validate(tmp_path, tables, locale="ru").problems
               if p.code == "key-column-missing")
    assert problem.message.startswith("В таблице «Клиенты» нет столбца «Код клиента»")
    assert problem.fix.startswith("верните столбец «Код клиента»")


def test_a_missing_required_key_is_reported_once_by_the_reader(tmp_path):
    tables = base_tables()
    tables["invoices"][0][0] = "No."
    assert [code for _f, _c, code in flat(validate(tmp_path, tables))] == [
        "column-missing", "column-unknown"]  # no reference-missing for the payment


def test_without_references_a_missing_engine_id_is_no_error(tmp_path):
    tables = base_tables()
    del tables["contacts"], tables["deals"], tables["invoices"], tables["payments"]
    for row in tables["clients"]:
        del row[0]
    assert flat(validate(tmp_path, tables)) == []


def test_references_are_checked_again_once_the_column_is_back(tmp_path):
    tables = base_tables()
    tables["contacts"][1][2] = "C-000999"
    assert flat(validate(tmp_path, tables)) == [("contacts", "C2", "reference-missing")]


def with_long_texts(tmp_path, cells, **options):
    """Excel, xlsxwriter and openpyxl cut text at 32,767 characters; a script's XML need not."""
    tables = base_tables()
    for (row, column), _text in cells.items():
        tables["clients"][row][column] = f"PLACEHOLDER{row}{column}"
    config = build_office(tmp_path, tables, **options)
    path = tmp_path / "workbooks" / "clients.xlsx"
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for (row, column), text in cells.items():
        parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
            f"<t>PLACEHOLDER{row}{column}".encode(),
            b'<t xml:space="preserve">' + text.encode())
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return validate_office(load_config(config))


def test_text_longer_than_an_excel_cell_is_an_error_with_a_hint(tmp_path):
    report = with_long_texts(tmp_path, {(1, 1): "A" * 32_768,
                                        (2, 1): "B" * 32_767})  # exactly the limit is fine
    assert flat(report) == [("clients", "B2", "text-too-long")]
    problem = report.problems.items[0]
    assert problem.message == "'Client' holds 32,768 characters; an Excel cell holds at most " \
                              "32,767."
    assert problem.fix.startswith("shorten the text")
    assert len(problem.value) < 1100  # the Issues sheet can show it


def test_text_too_long_in_russian(tmp_path):
    report = with_long_texts(tmp_path, {(1, 1): "Я" * 40_001}, locale="ru")
    found = {p.code: p for p in report.problems}
    assert found["text-too-long"].message == \
        "В «Client» 40 001 символов; в ячейке Excel помещается не больше 32 767."
    assert found["text-too-long"].fix.startswith("сократите текст")



def test_a_long_text_with_spaces_around_gets_no_fix_the_engine_cannot_write(tmp_path):
    report = with_long_texts(tmp_path, {(1, 1): " " + "x" * 40_000})
    found = {p.code: p for p in report.problems}
    assert set(found) == {"text-too-long", "text-untrimmed"}
    assert found["text-untrimmed"].replacement is None
    assert report.fixable == []


PHONES = [
    # (office country, style, written, expected replacement or None when fine)
    ("RU", "international", "+7 (912) 345-01-07", None),
    ("RU", "international", "+79123450107", None),
    ("RU", "international", "8 (912) 345-01-07", "+7 912 345-01-07"),
    ("GB", "international", "0117 496 0000", "+44 117 496 0000"),
    ("GB", "international", "00 44 117 496 0000", None),
    ("RU", "national", "8 (912) 345-01-07", None),
    ("RU", "national", "+7 (912) 345-01-07", "8 (912) 345-01-07"),
    ("RU", "national", "+44 117 496 0000", None),  # a foreign number needs its code
    ("GB", "national", "+44 117 496 0000", "0117 496 0000"),
]


@pytest.mark.parametrize(("country", "style", "written", "wanted"), PHONES)
def test_only_phones_written_unlike_the_office_style_are_reported(tmp_path, country, style,
                                                                  written, wanted):
    tables = base_tables()
    tables["clients"][1][4] = written
    tables["clients"][1][5] = tables["clients"][2][4] = None
    config = build_office(tmp_path, tables, country=country)
    config.write_text(config.read_text(encoding="utf-8").replace(
        f'country = "{country}"', f'country = "{country}"\nphone_style = "{style}"'),
        encoding="utf-8")
    report = validate_office(load_config(config))
    found = [(p.cell, p.code, p.replacement) for p in report.problems]
    assert found == ([] if wanted is None else [("E2", "phone-format", wanted)])


def test_the_phone_message_names_the_office_style(tmp_path):
    tables = base_tables()
    tables["clients"][1][4] = "+7 (912) 345-01-07"
    tables["clients"][1][5] = None
    config = build_office(tmp_path, tables, locale="ru", country="RU")
    config.write_text(config.read_text(encoding="utf-8").replace(
        'country = "RU"', 'country = "RU"\nphone_style = "national"'), encoding="utf-8")
    problem = validate_office(load_config(config)).problems.items[0]
    assert problem.message == "Телефон «+7 (912) 345-01-07» записан не в национальном формате."
    assert problem.fix == "запишите так: 8 (912) 345-01-07"


TAX_IDS = [
    # (office country, value, valid?) — real check digits, one digit off is caught
    ("GB", "GB123456782", True), ("GB", "GB123456789", False), ("GB", "123456782", True),
    ("GB", "GB 123 4567 82", True), ("GB", "DE136695976", True), ("GB", "DE136695977", False),
    ("DE", "136695976", True), ("GB", "FR40303265045", True), ("GB", "FR40303265046", False),
    ("GB", "NL004495445B01", True), ("GB", "EL094259216", True),
    ("RU", "7707083893", True), ("RU", "7707083894", False), ("RU", "500100732259", True),
    ("GB", "RU7707083893", True),
    ("UA", "32855961", True), ("UA", "32855962", False), ("GB", "UA32855961", True),
    ("KZ", "940140000385", True), ("KZ", "940140000386", False), ("GB", "KZ990740000683", True),
    ("BY", "100208144", True), ("BY", "100208145", False),
    ("US", "04-2103594", True), ("US", "00-2103594", False),
    ("XX", "AB1234567", True),  # a country nobody checks: a loose pattern
]


@pytest.mark.parametrize(("country", "value", "valid"), TAX_IDS)
def test_tax_ids_are_checked_with_their_check_digits(country, value, valid):
    assert is_tax_id(value, country) is valid


def test_ukrainian_codes_fail_unless_their_check_digit_is_right():
    import random

    rng = random.Random(7)
    codes = [f"{rng.randrange(10**7, 10**8)}" for _ in range(2000)]
    share = sum(is_tax_id(code, "UA") for code in codes) / len(codes)
    assert 0.05 < share < 0.15  # about 1 in 10 random 8-digit numbers is a valid ЄДРПОУ


def test_the_demo_offices_have_valid_tax_ids(tmp_path):
    for locale in ("en", "ru"):
        create_office(tmp_path / locale, locale)
        report = validate_office(load_config(tmp_path / locale / "config.toml"))
        assert [p.cell for p in report.problems if p.code == "tax-id-invalid"] == []
        office = load_config(tmp_path / locale / "config.toml").office
        assert is_tax_id(office.tax_id, office.country)


def test_a_well_written_phone_with_spaces_around_is_untrimmed_not_misformatted(tmp_path):
    tables = base_tables()
    tables["clients"][1][4] = " +44 117 496 0000 "
    report = validate(tmp_path, tables)
    assert [(p.cell, p.code, p.replacement) for p in report.problems] == [
        ("E2", "text-untrimmed", "+44 117 496 0000")]


def test_tax_ids_checked_in_a_worker_give_the_same_problems(tmp_path, monkeypatch):
    from crm_office.validate.rules import tax_id

    tables = base_tables()
    tables["clients"][2][5] = "GB123456789"
    expected = [("clients", "F3", "tax-id-invalid")]
    assert flat(validate(tmp_path, tables)) == expected
    monkeypatch.setattr(tax_id, "IN_WORKER_FROM", 1)
    assert flat(validate(tmp_path / "worker", tables)) == expected
