"""Staff ask for documents in the Deals sheet; `documents` makes them and says where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
    type_into(tmp_path, {"G2": "Invoice", "G5": "act", "G3": "invoce"})
    report = make_documents(config, today=TODAY)
    made = {(item.kind, item.deal_id) for item in report.documents if item.status == "made"}
    assert made == {("invoice", "D-000001"), ("act", "D-000004")}
    assert any("'invoce' in the request column is not a document" in problem
               for problem in report.problems)
    rows = deals_sheet(tmp_path)
    assert rows[1][6:8] == ["Invoice", "INV-2026-00002"]  # INV-…-00001: D-000004's due invoice
    assert rows[1][8].date() == TODAY
    assert rows[1][9] == "documents/2026/invoice/INV-2026-00002 Smith & Sons _Best_ _Ltd_.docx"
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
