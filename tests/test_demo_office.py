"""The demo office of `crm-office init`: complete, valid, consistent and reproducible."""

from __future__ import annotations

import filecmp
import os
import time
import zipfile
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import phonenumbers
import pytest
from docx import Document
from docxtpl import DocxTemplate

from crm_office import check_office
from crm_office.config import load_config
from crm_office.demo.config_text import STAGES, WORKBOOKS
from crm_office.demo.office import REFERENCE_DATE, OfficeSummary, create_office
from crm_office.demo.people import inn_is_valid
from crm_office.documents.fields import sample_context
from crm_office.errors import ConfigError, OfficeExistsError, WorkbookLockedError
from crm_office.model import BUILTIN_TABLES, FUNNEL, ColumnType, Owner, Table

LOCALES = ("en", "ru")
YES_NO = {"en": {"yes", "no"}, "ru": {"да", "нет"}}
CLOSED_LABELS = {"won", "lost", "выиграна", "проиграна"}
Rows = list[dict[str, Any]]


@pytest.fixture(scope="module", params=LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def office(locale: str, tmp_path_factory: pytest.TempPathFactory) -> OfficeSummary:
    return create_office(tmp_path_factory.mktemp(f"office-{locale}"), locale)


@pytest.fixture(scope="module")
def books(office: OfficeSummary) -> dict[str, openpyxl.Workbook]:
    folder = office.root / "workbooks"
    return {file: openpyxl.load_workbook(folder / file)
            for file in dict.fromkeys(file for _key, file, _en, _ru in WORKBOOKS)}


@pytest.fixture(scope="module")
def tables(locale: str, books: dict[str, openpyxl.Workbook]) -> dict[str, Rows]:
    """Every table read back with openpyxl, rows keyed by column key."""
    return {key: _rows(books[file][russian if locale == "ru" else english], BUILTIN_TABLES[key])
            for key, file, english, russian in WORKBOOKS}


def _rows(sheet: Any, table: Table) -> Rows:
    keys = [column.key for column in table.columns]
    return [dict(zip(keys, values, strict=False))
            for values in sheet.iter_rows(min_row=2, values_only=True)]


def _day(value: Any) -> date:
    assert isinstance(value, datetime), value
    return value.date()


def test_files_are_the_ones_the_config_names(office: OfficeSummary) -> None:
    expected = {"config.toml", "templates/offer.docx", "templates/invoice.docx",
                "templates/act.docx", "templates/reminder.docx", "templates/logo.png",
                *(f"workbooks/{file}" for _key, file, _en, _ru in WORKBOOKS)}
    assert {path.relative_to(office.root).as_posix() for path in office.files} == expected
    assert all(path.is_file() for path in office.files)


def test_sheets_headers_and_layout(locale: str, books: dict[str, openpyxl.Workbook]) -> None:
    for key, file, english, russian in WORKBOOKS:
        table, sheet_name = BUILTIN_TABLES[key], russian if locale == "ru" else english
        sheet = books[file][sheet_name]
        headers = [cell.value for cell in sheet[1]]
        assert headers == [column.header(locale) for column in table.columns], key
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(len(table.columns))
        assert sheet.auto_filter.ref == f"A1:{last}{max(sheet.max_row, 2)}"
        for index, column in enumerate(table.columns, start=1):
            header = sheet.cell(1, index)
            grey = header.fill.fgColor.rgb == "FFE7E6E6"
            assert header.font.bold and grey == (column.owner is Owner.ENGINE), column.key


def test_choice_columns_have_dropdowns_in_the_locale(locale: str,
                                                     books: dict[str, openpyxl.Workbook]) -> None:
    for key, file, english, russian in WORKBOOKS:
        table = BUILTIN_TABLES[key]
        sheet = books[file][russian if locale == "ru" else english]
        lists = {str(rule.sqref).split(":")[0]: rule.formula1.strip('"').split(",")
                 for rule in sheet.data_validations.dataValidation if rule.type == "list"}
        for index, column in enumerate(table.columns, start=1):
            if column.type is ColumnType.CHOICE:
                letter = openpyxl.utils.get_column_letter(index)
                assert lists[f"{letter}2"] == _allowed(column, locale), column.key


def _allowed(column: Any, locale: str) -> list[str]:
    if column.choices_from == FUNNEL:
        return [russian if locale == "ru" else name for name, russian, _ in STAGES]
    return [choice.label(locale) for choice in column.choices]


def test_row_counts(office: OfficeSummary, tables: dict[str, Rows]) -> None:
    counts = {key: len(rows) for key, rows in tables.items()}
    assert counts == office.rows
    assert 270 <= counts["clients"] <= 330
    assert counts["contacts"] >= 3000
    assert 360 <= counts["deals"] <= 440
    assert counts["deals"] <= counts["deal_items"] <= 4 * counts["deals"]
    assert (counts["products"], counts["managers"], counts["campaigns"]) == (40, 5, 3)
    assert 25 <= counts["complaints"] <= 35 and 130 <= counts["surveys"] <= 170
    assert counts["invoices"] >= 100 and counts["payments"] >= 100


def test_every_cell_fits_its_column(locale: str, tables: dict[str, Rows]) -> None:
    for key, rows in tables.items():
        for column in BUILTIN_TABLES[key].columns:
            values = [row[column.key] for row in rows if row[column.key] is not None]
            if column.owner is Owner.ENGINE and column.key != "id":
                assert values == [], f"{key}.{column.key} is the engine's"
            elif column.required:
                assert len(values) == len(rows), f"{key}.{column.key} is required"
            _check_type(column, values, locale)


def _check_type(column: Any, values: list[Any], locale: str) -> None:
    kind = column.type
    if kind is ColumnType.DATE:
        assert all(isinstance(value, datetime) for value in values)
    elif kind in (ColumnType.MONEY, ColumnType.NUMBER):
        assert all(isinstance(value, int | float) for value in values)
    elif kind is ColumnType.INTEGER:
        assert all(isinstance(value, int) for value in values)
    elif kind is ColumnType.BOOL:
        assert set(values) <= YES_NO[locale]
    elif kind is ColumnType.CHOICE:
        assert set(values) <= set(_allowed(column, locale)), column.key
    elif kind is ColumnType.EMAIL:
        assert all(value == value.lower() and value.endswith(".example") for value in values)
    elif kind is ColumnType.PHONE:
        prefix = "+44 " if locale == "en" else "+7 "
        assert all(value.startswith(prefix) and _valid_phone(value) for value in values)


def _valid_phone(text: str) -> bool:
    return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, None)))


def test_ids_are_numbered_and_unique(tables: dict[str, Rows]) -> None:
    for key, rows in tables.items():
        table = BUILTIN_TABLES[key]
        ids = [row[table.id_column] for row in rows]
        assert len(set(ids)) == len(ids), key
        if table.id_prefix:
            assert ids == [f"{table.id_prefix}-{n:06d}" for n in range(1, len(ids) + 1)]


def test_every_reference_points_to_a_row(tables: dict[str, Rows]) -> None:
    for key, rows in tables.items():
        for column in BUILTIN_TABLES[key].columns:
            if column.references:
                target = BUILTIN_TABLES[column.references]
                known = {row[target.id_column] for row in tables[column.references]}
                used = {row[column.key] for row in rows} - {None}
                assert used <= known, f"{key}.{column.key}: {sorted(used - known)[:3]}"


def test_tax_ids_are_valid(locale: str, tables: dict[str, Rows]) -> None:
    tax_ids = [row["tax_id"] for row in tables["clients"]]
    assert len(set(tax_ids)) == len(tax_ids)
    if locale == "ru":
        assert all(inn_is_valid(value) for value in tax_ids)
    else:
        assert all(_gb_vat_is_valid(value) for value in tax_ids)


def _gb_vat_is_valid(value: str) -> bool:
    digits = value[2:]
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    return value.startswith("GB") and len(digits) == 9 and (total + int(digits[7:])) % 97 == 0


def test_managers_are_not_over_their_limit(tables: dict[str, Rows]) -> None:
    load = Counter(client["manager"] for client in tables["clients"])
    for manager in tables["managers"]:
        assert 0 < load[manager["name"]] <= manager["max_clients"], manager["name"]
    unassigned = [client for client in tables["clients"] if client["manager"] is None]
    assert unassigned and all(client["status"] in ("lead", "лид") for client in unassigned)


def test_dates_follow_each_other(tables: dict[str, Rows]) -> None:
    for row in tables["contacts"]:
        assert _day(row["date"]) < REFERENCE_DATE
        assert row["next_date"] is None or _day(row["next_date"]) > _day(row["date"])
    for deal in tables["deals"]:
        closed = deal["closed"]
        assert (closed is not None) == (deal["stage"] in CLOSED_LABELS)
        assert closed is None or _day(deal["created"]) <= _day(closed) < REFERENCE_DATE


def test_lost_deals_say_why_and_where(tables: dict[str, Rows]) -> None:
    for deal in tables["deals"]:
        lost = deal["stage"] in ("lost", "проиграна")
        assert (deal["refusal_reason"] is not None) == lost
        assert (deal["lost_at_stage"] is not None) == lost
    reasons = [deal["refusal_reason"] for deal in tables["deals"] if deal["refusal_reason"]]
    most_common = max(set(reasons), key=reasons.count)
    assert most_common in ("did not see the benefit", "не увидел выгоды")


def test_deal_amounts_are_the_sum_of_their_items(tables: dict[str, Rows]) -> None:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for item in tables["deal_items"]:
        gross = Decimal(str(item["quantity"])) * Decimal(str(item["price"]))
        discount = Decimal(str(item["discount"] or 0))
        totals[item["deal_id"]] += (gross * (100 - discount) / 100).quantize(Decimal("0.01"))
    for deal in tables["deals"]:
        assert Decimal(str(deal["amount"])) == totals[deal["id"]], deal["id"]


def test_payments_never_exceed_invoices(tables: dict[str, Rows]) -> None:
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for payment in tables["payments"]:
        paid[payment["invoice"]] += Decimal(str(payment["amount"]))
    states = set()
    for invoice in tables["invoices"]:
        amount, got = Decimal(str(invoice["amount"])), paid[invoice["number"]]
        assert got <= amount, invoice["number"]
        overdue = _day(invoice["due_date"]) < REFERENCE_DATE
        states.add("paid" if got == amount else "partly" if got else
                   "overdue" if overdue else "unpaid")
    assert {"paid", "partly", "overdue"} <= states


def test_invoice_numbers_have_no_gaps(tables: dict[str, Rows]) -> None:
    by_year: dict[str, list[int]] = defaultdict(list)
    for invoice in tables["invoices"]:
        _prefix, year, number = invoice["number"].split("-")
        by_year[year].append(int(number))
    for numbers in by_year.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_the_project_reader_reads_every_value(office: OfficeSummary) -> None:
    report = check_office(load_config(office.root / "config.toml"))
    codes = [problem.code for problem in report.problems]
    assert not report.problems.has_errors, codes
    assert not [code for code in codes if code.startswith("value-")]
    assert "column-unknown" not in codes and "column-missing" not in codes
    assert {table.key: table.rows for table in report.tables} == office.rows


@pytest.mark.parametrize("name", ["offer.docx", "invoice.docx", "act.docx", "reminder.docx"])
def test_templates_render_with_plain_docxtpl(office: OfficeSummary, tmp_path: Path,
                                             name: str) -> None:
    config = load_config(office.root / "config.toml")
    context = sample_context(config, name.removesuffix(".docx"))
    template = DocxTemplate(office.root / "templates" / name)
    template.render({**context, "qr": ""}, autoescape=True)
    template.save(tmp_path / name)
    document = Document(str(tmp_path / name))
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] +
                     [cell.text for table in document.tables for row in table.rows
                      for cell in row.cells])
    for expected in ("INV-2026-00001", 'Smith & Sons "Best" <Ltd>', "Gala dinner",
                     "Printed guide", context["total"], context["total_in_words"]):
        assert expected in text
    assert "{{" not in text and "{%" not in text
    assert bool(context["due_date"] and context["due_date"] in text) == (name == "invoice.docx")


def test_a_second_office_is_byte_identical(locale: str, office: OfficeSummary, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    old_mask = os.umask(0o077)
    try:
        again = create_office(tmp_path / "again", locale)
    finally:
        os.umask(old_mask)
        monkeypatch.undo()
        time.tzset()
    for first, second in zip(office.files, again.files, strict=True):
        assert filecmp.cmp(first, second, shallow=False), first.name


def test_zip_entries_carry_a_fixed_time(office: OfficeSummary) -> None:
    for path in office.files:
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as package:
                assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_existing_office_is_not_overwritten(locale: str, office: OfficeSummary) -> None:
    before = (office.root / "config.toml").read_bytes()
    with pytest.raises(OfficeExistsError) as caught:
        create_office(office.root, locale)
    assert "--force" in caught.value.hint
    assert (office.root / "config.toml").read_bytes() == before


def test_force_overwrites_and_a_missing_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "office"
    first = create_office(target, "en")
    (target / "workbooks" / "clients.xlsx").write_bytes(b"broken")
    second = create_office(target, "en", force=True)
    assert second.rows == first.rows
    assert zipfile.is_zipfile(target / "workbooks" / "clients.xlsx")


@pytest.mark.parametrize("lock", ["~$deals.xlsx", ".~lock.deals.xlsx#"])
def test_force_never_overwrites_an_open_workbook(tmp_path: Path, lock: str) -> None:
    (tmp_path / "workbooks").mkdir()
    (tmp_path / "workbooks" / lock).write_bytes(b"someone")
    (tmp_path / "config.toml").write_text("# old office\n", encoding="utf-8")
    with pytest.raises(WorkbookLockedError):
        create_office(tmp_path, "en", force=True)
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "# old office\n"
    assert not (tmp_path / "workbooks" / "clients.xlsx").exists()


def test_an_unknown_locale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown locale 'de'"):
        create_office(tmp_path, "de")
    assert not (tmp_path / "config.toml").exists()
