"""Reading tables: header rows below titles, EN/RU aliases, typed values with their cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crm_office.config import load_config
from crm_office.workbook import read_table
from tests.conftest import MINIMAL_CONFIG, write_workbook


def flat(problems):
    """Problems as (cell, code) pairs, the way a person would look them up."""
    return [(p.cell or (f"row {p.row}" if p.row else p.sheet), p.code) for p in problems]


def read_clients(config_path):
    config = load_config(config_path)
    return read_table(config.tables["clients"], config.locale)


def test_header_below_merged_title_rows(make_office, tmp_path):
    path = make_office()
    write_workbook(tmp_path / "workbooks" / "clients.xlsx", {"Clients": [
        ["Client base of Test Office"], [], [None, "exported 2025-03-12"],
        ["Client", "Status", "Phone"],
        ["Acme", "active", "+44 117 496 0000"],
        [], [],
        ["Beta", "lead", 79161234567],
    ]}, merge_title="Client base of Test Office")
    read = read_clients(path)
    part = read.parts[0]
    assert part.header_row == 4
    assert list(part.rows) == [5, 8]
    assert part.columns["name"] == ["Acme", "Beta"]
    assert part.columns["phone"] == ["+44 117 496 0000", "79161234567"]
    assert flat(read.problems) == []


def test_russian_headers_and_spelling_variants(make_office):
    path = make_office([
        ["КОД КЛИЕНТА", "Наименование", "статус", "Эл.почта", "Согласие на рассылку",
         "Дата создания", "Телефон"],
        ["C-000001", "ООО «Вектор»", "активный", "info@vector.example", "да", "12.03.2025",
         "+7 916 123-45-67"],
    ], locale="ru")
    part = read_clients(path).parts[0]
    assert {key: match.header for key, match in part.fields.items()} == {
        "id": "КОД КЛИЕНТА", "name": "Наименование", "status": "статус", "email": "Эл.почта",
        "consent": "Согласие на рассылку", "created": "Дата создания", "phone": "Телефон"}
    record = next(part.records())
    assert record["consent"] is True
    assert record["created"] == dt.date(2025, 3, 12)


def test_config_aliases_and_unknown_columns_kept_and_mentioned_once(make_office):
    config = MINIMAL_CONFIG.replace('sheet = "Clients"', 'sheet = "Clients"\n'
                                    '[tables.clients.aliases]\nname = ["Organisation"]')
    path = make_office([
        ["Organisation", "Status", "Favourite colour", "Revenue"],
        ["Acme", "active", "blue", "1 200,50"],
        ["Beta", "lead", "red", ""],
    ], config=config)
    read = read_clients(path)
    part = read.parts[0]
    assert part.columns["name"] == ["Acme", "Beta"]
    assert part.columns["revenue"] == [Decimal("1200.50"), None]
    assert part.unknown_headers == ["Favourite colour"]
    assert flat(read.problems) == [("C1", "column-unknown")]


def test_unreadable_values_name_the_cell(make_office):
    read = read_clients(make_office([
        ["Client", "Status", "Created", "Mailing consent", "Open deals"],
        ["Acme", "active", "31.02.2025", "yes", 2],
        ["Beta", "lead", dt.date(2025, 1, 5), "maybe", "two"],
    ]))
    assert flat(read.problems) == [("C2", "value-not-date"), ("D3", "value-not-bool"),
                                   ("E3", "value-not-integer")]
    problem = read.problems.items[0]
    assert problem.file == "clients.xlsx" and problem.sheet == "Clients"
    assert problem.header == "Created" and problem.value == "31.02.2025"
    assert "'31.02.2025' in 'Created' is not a date" in problem.message
    assert read.parts[0].columns["created"] == [None, dt.date(2025, 1, 5)]


def test_missing_required_column_and_duplicate_header(make_office):
    read = read_clients(make_office([
        ["Client", "E-mail", "Email"],
        ["Acme", "a@acme.example", "b@acme.example"],
    ]))
    assert flat(read.problems) == [("row 1", "column-missing"), ("C1", "column-duplicate")]
    assert "Required column 'Status' (field status) is missing" in read.problems.items[0].message
    assert read.parts[0].columns["email"] == ["a@acme.example"]


def test_russian_messages(make_office):
    read = read_clients(make_office([
        ["Клиент", "Статус", "Дата создания"], ["Вектор", "лид", "вчера"],
    ], locale="ru"))
    assert read.problems.items[0].message == (
        "«вчера» в столбце «Дата создания» — не дата (ожидается, например, 12.03.2025).")


def test_merged_cells_in_data_are_warned(make_office, tmp_path):
    path = make_office()
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "workbooks" / "clients.xlsx"))
    sheet = book.add_worksheet("Clients")
    sheet.write_row(0, 0, ["Client", "Status"])
    sheet.write_row(1, 0, ["Acme", "active"])
    sheet.merge_range("B3:B4", "lead")
    sheet.write(2, 0, "Beta")
    sheet.write(3, 0, "Gamma")
    book.close()
    read = read_clients(path)
    assert flat(read.problems) == [("B3", "cells-merged")]
    assert "B3:B4" in read.problems.items[0].message
    assert read.parts[0].columns["status"] == ["active", "lead", None]


def test_to_frame_keeps_excel_rows(make_office):
    frame = read_clients(make_office()).parts[0].to_frame()
    assert list(frame["_row"]) == [2, 3]
    assert list(frame["name"]) == ["Acme Ltd", "Vector LLC"]
