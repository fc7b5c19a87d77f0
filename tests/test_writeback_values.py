"""Values written by the write-back read back exactly, and text never becomes a formula."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from fixtures_writeback import PLAIN_WRITERS, members, plain_book, plain_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_office.errors import CellValueError
from crm_office.writeback import (
    LinkedCell,
    Mark,
    WorkbookPatch,
    escape_text,
    unescape_text,
    write_back,
)
from crm_office.writeback.text import needs_escape


def write(path: Path, cells: dict[tuple[int, int], Any], sheet: str = "Sheet1") -> None:
    patch = WorkbookPatch(path)
    target = patch.sheet(sheet)
    for (row, column), value in cells.items():
        target.set_cell(row, column, value)
    write_back(patch, backups=path.parent / "backups", keep_backups=1)


def calamine_rows(path: Path, sheet: str = "Sheet1") -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def openpyxl_sheet(path: Path, sheet: str = "Sheet1") -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)[sheet]


@pytest.mark.parametrize(("text", "stored"), [
    ("plain", "plain"),
    ("a\x01b", "a_x0001_b"),
    ("_x0041_", "_x005F_x0041_"),
    ("_x005F_", "_x005F_x005F_"),
    ("\x00\x1f\ufffe", "_x0000__x001F__xFFFE_"),
    ("tab\tand\nline", "tab\tand\nline"),
    ("_x00e9_ lower", "_x005F_x00e9_ lower"),
])
def test_escape_is_excels_and_reversible(text: str, stored: str) -> None:
    assert escape_text(text) == stored
    assert unescape_text(stored) == text


FORMULA_LIKE = st.sampled_from(["=", "+", "-", "@", "=SUM(A1:A2)", "=HYPERLINK(\"x\")", ""])
ESCAPE_LIKE = st.from_regex(r"_x[0-9A-Fa-f]{4}_", fullmatch=True)
CHARACTERS = st.characters(exclude_categories=("Cs",))  # a lone surrogate is refused (below)
ANY_TEXT = st.text(alphabet=CHARACTERS, max_size=40)
TEXTS = st.one_of(
    st.tuples(FORMULA_LIKE, ANY_TEXT).map("".join),
    st.lists(st.one_of(ANY_TEXT, ESCAPE_LIKE, st.sampled_from(["\r", "\r\n", " ", "x005F_"])),
             max_size=6).map("".join),
    st.builds(lambda char, count: char * count, CHARACTERS, st.integers(1, 16_383)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@pytest.mark.parametrize("writer", PLAIN_WRITERS)
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_any_text_reads_back_exactly(writer: str, tmp_path_factory: pytest.TempPathFactory,
                                     texts: list[str]) -> None:
    path = plain_book(writer, tmp_path_factory.mktemp("prop") / "book.xlsx")
    write(path, {(row, 3): text for row, text in enumerate(texts, start=2)})
    rows = calamine_rows(path)
    sheet = openpyxl_sheet(path)
    xml = members(path)["xl/worksheets/sheet1.xml"]
    assert b"<f>" not in xml and b"<f " not in xml
    for row, text in enumerate(texts, start=2):
        assert rows[row - 1][2] == text, "python-calamine must read the text exactly"
        cell = sheet.cell(row, 3)
        assert cell.data_type == "s", "a text must never become a formula"
        # openpyxl 3.1 does not decode Excel's _xHHHH_ escapes (Excel, LibreOffice and
        # calamine do): it shows the stored form, which unescape_text turns back.
        assert unescape_text(cell.value) == text
        if not needs_escape(text):
            assert cell.value == text


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
@pytest.mark.parametrize("text", ["x" * 32_767, "😀" * 16_383 + "x", "=" + "A" * 32_766])
def test_longest_texts_fit(writer: str, tmp_path: Path, text: str) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    write(path, {(2, 2): text})
    assert calamine_rows(path)[1][1] == text
    assert openpyxl_sheet(path).cell(2, 2).value == text


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_too_long_text_is_refused_before_writing(writer: str, tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    before = path.read_bytes()
    patch = WorkbookPatch(path)
    with pytest.raises(CellValueError, match=r"B2: the text is 32,768 characters long; an "
                                             r"Excel cell holds at most 32,767"):
        patch.sheet("Sheet1").set_cell(2, 2, "😀" * 16_384)
    assert path.read_bytes() == before


TOO_LONG = "x" * 32_768
WAYS_TO_WRITE: dict[str, tuple[Any, str]] = {
    "set_cell": (lambda patch: patch.sheet("Sheet1").set_cell(2, 3, TOO_LONG), "C2"),
    "append_row": (lambda patch: patch.sheet("Sheet1").append_row(["ok", TOO_LONG]), "B3"),
    "mark": (lambda patch: patch.sheet("Sheet1").mark(Mark(2, 1, TOO_LONG)), "A2"),
    "engine row": (lambda patch: patch.replace_sheet("Issues", ["Problem"], [[TOO_LONG]]), "A2"),
    "engine header": (lambda patch: patch.replace_sheet("Issues", [TOO_LONG], []), "A1"),
    "link text": (lambda patch: patch.replace_sheet("Issues", ["Cell"], [
        [LinkedCell(TOO_LONG, "Sheet1", "A1")]]), "A2"),
}


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
@pytest.mark.parametrize("way", WAYS_TO_WRITE)
def test_no_text_over_excels_limit_is_ever_written(writer: str, way: str,
                                                   tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    before = path.read_bytes()
    write, cell = WAYS_TO_WRITE[way]
    patch = WorkbookPatch(path)
    with pytest.raises(CellValueError) as caught:
        write(patch)
    assert caught.value.cell == cell
    message = str(caught.value)
    assert f"{cell}: the text is 32,768 characters long; an Excel cell holds at most 32,767" \
        in message and str(path) in message and "hint: fix the value" in message
    assert path.read_bytes() == before


def test_a_broken_character_is_refused_not_crashed_on(tmp_path: Path) -> None:
    patch = WorkbookPatch(plain_workbook(tmp_path / "book.xlsx"))
    with pytest.raises(CellValueError, match="A2: the text holds a broken character"):
        patch.sheet("Sheet1").set_cell(2, 1, "=\ud800")


@pytest.mark.parametrize(("value", "problem"), [
    (float("nan"), "not a number Excel can hold"),
    (Decimal("Infinity"), "not a number Excel can hold"),
    (dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "Excel has no time zones"),
    (dt.date(1899, 12, 31), "Excel cannot hold dates before 1900-01-01"),
    (object(), "a cell cannot hold a object"),
])
@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_values_excel_cannot_hold_are_refused(writer: str, tmp_path: Path, value: Any,
                                             problem: str) -> None:
    patch = WorkbookPatch(plain_book(writer, tmp_path / "book.xlsx"))
    with pytest.raises(CellValueError, match=re.escape(problem)) as caught:
        patch.sheet("Sheet1").set_cell(3, 1, value)
    assert caught.value.cell == "A3"
    assert "Sheet1" in str(caught.value)


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_each_type_is_stored_as_its_kind(writer: str, tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    values: dict[tuple[int, int], Any] = {
        (3, 1): 42, (3, 2): 2.5, (3, 3): Decimal("1234.57"), (3, 4): True,
        (3, 5): dt.date(2025, 3, 12), (3, 6): dt.datetime(2025, 3, 12, 14, 30, 15),
        (3, 7): "text", (2, 2): None,
    }
    write(path, values)
    rows = calamine_rows(path)
    assert rows[2][:7] == [42, 2.5, 1234.57, True, dt.date(2025, 3, 12),
                           dt.datetime(2025, 3, 12, 14, 30, 15), "text"]
    assert rows[1][1] == ""
    sheet = openpyxl_sheet(path)
    assert sheet["A3"].value == 42 and sheet["D3"].value is True
    assert sheet["E3"].is_date and sheet["E3"].value == dt.datetime(2025, 3, 12)
    assert sheet["F3"].value == dt.datetime(2025, 3, 12, 14, 30, 15)
    assert sheet["B2"].value is None


def test_dates_reuse_the_workbooks_date_format_and_keep_styles(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet("Sheet1")
    german = book.add_format({"num_format": "dd.mm.yyyy"})
    money = book.add_format({"num_format": "#,##0.00 [$€-407]", "bold": True})
    page.write_datetime(1, 0, dt.datetime(2024, 1, 2), german)
    page.write_number(1, 1, 5, money)
    book.close()
    write(path, {(3, 1): dt.date(2025, 5, 6), (2, 2): 7.25})
    sheet = openpyxl_sheet(path)
    assert sheet["A3"].number_format == "dd.mm.yyyy"
    assert sheet["B2"].value == 7.25
    assert sheet["B2"].number_format == "#,##0.00 [$€-407]" and sheet["B2"].font.b


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_formula_like_text_gets_a_quote_prefix(writer: str, tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    write(path, {(2, 1): "=HYPERLINK(\"http://evil\",\"x\")", (2, 2): "@SUM(1)"})
    sheet = openpyxl_sheet(path)
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["B2"].value == "@SUM(1)" and sheet["B2"].quotePrefix


def test_overwriting_a_formula_drops_the_calculation_chain(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    openpyxl_book = openpyxl.Workbook()
    openpyxl_book.active.title = "Sheet1"
    openpyxl_book.active["A1"] = 1
    openpyxl_book.active["A2"] = "=A1*2"
    openpyxl_book.save(path)
    write(path, {(2, 1): "typed over"})
    assert openpyxl_sheet(path)["A2"].value == "typed over"
    assert not any("calcChain" in name for name in members(path))


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_a_shared_formula_master_is_not_overwritten(writer: str, tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    data = members(path)
    sheet = data["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="0">B5</f>'
        b'<v>0</v></c></row><row r="6"><c r="A6"><f t="shared" si="0"/><v>0</v></c></row>'
        b"</sheetData>")
    _rewrite(path, {"xl/worksheets/sheet1.xml": sheet})
    before = path.read_bytes()
    patch = WorkbookPatch(path)
    patch.sheet("Sheet1").set_cell(5, 1, "x")
    with pytest.raises(CellValueError, match="A5: holds a formula shared with A5:A6"):
        write_back(patch, backups=tmp_path / "backups")
    assert path.read_bytes() == before


def _rewrite(path: Path, replace: dict[str, bytes]) -> None:
    import zipfile

    data = members(path)
    data.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in data.items():
            package.writestr(name, content)


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_append_row_goes_after_the_last_row_with_data(writer: str, tmp_path: Path) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx", [["Name"], ["A"], ["B"], [None]])
    patch = WorkbookPatch(path)
    sheet = patch.sheet("Sheet1")
    assert sheet.append_row(["C", 3]) == 4
    assert sheet.append_row(["D"]) == 5
    write_back(patch, backups=tmp_path / "backups")
    assert [row[0] for row in calamine_rows(path)] == ["Name", "A", "B", "C", "D"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read_only = openpyxl.load_workbook(path, read_only=True)["Sheet1"]
        assert read_only.max_row == 5, "the dimension must grow with the appended rows"
