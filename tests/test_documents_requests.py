"""Staff ask for documents in the Deals sheet; `documents` makes them and says where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest

from crm_office.config import load_config
from crm_office.documents.make import make_documents
from crm_office.documents.request_column import parse_request
from tests.documents_office import build_documents_office

TODAY = dt.date(2026, 11, 22)


def deals_sheet(root: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(root / "workbooks" / "deals.xlsx")["Data"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def linked_file(root: Path, ref: str) -> Path:
    """The file the hyperlink of a Deals cell goes to (relative to the workbook's folder)."""
    book = root / "workbooks" / "deals.xlsx"
    target = openpyxl.load_workbook(book)["Data"][ref].hyperlink.target
    assert not Path(unquote(target)).is_absolute() and " " not in target
    return (book.parent / unquote(target)).resolve()


def dropdowns(root: Path) -> list[tuple[str, str]]:
    sheet = openpyxl.load_workbook(root / "workbooks" / "deals.xlsx")["Data"]
    return [(str(rule.sqref), rule.formula1) for rule in sheet.data_validations.dataValidation]


def type_into(root: Path, cells: dict[str, str]) -> None:
    path = root / "workbooks" / "deals.xlsx"
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["Data"][ref] = value
    book.save(path)


@pytest.mark.parametrize(("typed", "expected"), [
    ("invoice", ("invoice", False)), (" Счёт ", ("invoice", False)), ("КП", ("offer", False)),
    ("new invoice", ("invoice", True)), ("новый счёт", ("invoice", True)),
    ("Акт", ("act", False)), ("invoce", None), ("", None),
])
def test_request_words(typed: str, expected: tuple[str, bool] | None) -> None:
    assert parse_request(typed) == expected


def test_request_column_round_trip(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en",
                                                extra='request_column = "Make document"'))
    make_documents(config, today=TODAY)
    header = deals_sheet(tmp_path)[0]
    assert header[6:10] == ["Make document", "Document No.", "Document date", "Document file"]
    assert dropdowns(tmp_path) == [
        ("G2:G1048576", '"offer,invoice,act,new offer,new invoice,new act"')]
    type_into(tmp_path, {"G2": "Invoice", "G5": "act", "G3": "invoce"})
    report = make_documents(config, today=TODAY)
    made = {(item.kind, item.deal_id) for item in report.documents if item.status == "made"}
    assert made == {("invoice", "D-000001"), ("act", "D-000004")}
    assert any("'invoce' in the request column is not a document" in problem
               for problem in report.problems)
    rows = deals_sheet(tmp_path)
    assert rows[1][6:8] == ["Invoice", "INV-2026-00002"]  # INV-…-00001: D-000004's due invoice
    assert rows[1][8].date() == TODAY
    assert rows[1][9] == "INV-2026-00002 Smith & Sons _Best_ _Ltd_.docx"
    link = linked_file(tmp_path, "J2")
    assert link == tmp_path / "output/documents/2026/invoice" / rows[1][9]
    assert link.is_file()
    assert rows[4][6:8] == ["act", "ACT-2026-00001"]
    again = make_documents(config, today=TODAY)
    assert not [item for item in again.documents if item.status == "made"]
    type_into(tmp_path, {"G2": "new invoice", "G3": None})
    newer = make_documents(config, today=TODAY)
    assert [(item.kind, item.number) for item in newer.documents if item.status == "made"] == [
        ("invoice", "INV-2026-00003")]
    assert deals_sheet(tmp_path)[1][6:8] == ["invoice", "INV-2026-00003"]
    assert {item.deal_id for item in newer.documents if item.status == "failed"} == {
        "D-000002", "D-000003"}  # offers of deals without a client or a known product
    assert newer.problems == []


@pytest.mark.parametrize("excel", [False, True], ids=["xlsxwriter", "excel 365"])
def test_russian_request_column_dropdown_link_and_new_version(tmp_path: Path,
                                                              excel: bool) -> None:
    """The dropdown speaks the office's language; after «новый счёт» the cell reads «счёт»."""
    config = load_config(build_documents_office(tmp_path, "ru", excel=excel,
                                                extra='request_column = "Документ"'))
    make_documents(config, today=TODAY)
    assert dropdowns(tmp_path) == [
        ("G2:G1048576", '"КП,счёт,акт,новое КП,новый счёт,новый акт"')]
    type_into(tmp_path, {"G5": "счёт"})
    make_documents(config, today=TODAY)
    first = deals_sheet(tmp_path)[4]
    assert first[6] == "счёт" and first[9].endswith(".docx")
    assert linked_file(tmp_path, "J5").name == first[9]
    type_into(tmp_path, {"G5": "новый счёт"})
    report = make_documents(config, today=TODAY)
    [made] = [item for item in report.documents if item.status == "made"]
    row = deals_sheet(tmp_path)[4]
    assert (row[6], row[7]) == ("счёт", made.number)
    assert linked_file(tmp_path, "J5") == Path(made.file).resolve()
    assert len(dropdowns(tmp_path)) == 1


def test_the_dropdown_comes_to_a_column_people_added(tmp_path: Path) -> None:
    """A request header typed by a person and nothing to make: only the dropdown is
    written, once; the next run leaves the workbook as it is."""
    path = build_documents_office(tmp_path, "en", extra='request_column = "Make document"')
    path.write_text(path.read_text(encoding="utf-8").replace(
        'stage_requests = { offer = "offer", invoiced = "invoice" }', "stage_requests = {}"),
        encoding="utf-8")
    (tmp_path / "templates" / "reminder.docx").unlink()
    type_into(tmp_path, {"G1": "Make document", "H1": "Document No.", "I1": "Document date",
                         "J1": "Document file"})
    config = load_config(path)
    book = tmp_path / "workbooks" / "deals.xlsx"
    report = make_documents(config, today=TODAY)
    assert report.documents == []
    assert [(outcome.label, outcome.written) for outcome in report.files] == [
        ("deals.xlsx", True)]
    assert dropdowns(tmp_path) == [
        ("G2:G1048576", '"offer,invoice,act,new offer,new invoice,new act"')]
    assert "Documents" not in openpyxl.load_workbook(book).sheetnames
    data = book.read_bytes()
    again = make_documents(config, today=TODAY)
    assert book.read_bytes() == data
    assert again.files == [] and again.ok
