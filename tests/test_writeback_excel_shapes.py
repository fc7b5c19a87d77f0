"""Workbooks shaped as Excel 365 saves them, and the odd shapes of the public corpus.

Each is put through what the engine does to a workbook: a value set right of the
data, a mark, an appended row, an engine sheet. The result must read back with
python-calamine (and openpyxl when it could read the original) and keep what
Excel wrote: ``mc:Ignorable``, ``x14ac:dyDescent``, ``xr:uid``, ``extLst``, shared
formulas, cell metadata, the calculation chain.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from excel_shaped import excel_staff_workbook, excel_workbook
from fixtures_writeback import members

from crm_office.errors import WorkbookError
from crm_office.writeback import Mark, WorkbookPatch, write_back
from crm_office.writeback.readback import opens_with_openpyxl

SHAPES: dict[str, dict[str, Any]] = {
    "excel 365": {},
    "1904 date system": {"date1904": True},
    "no styles part": {"styles": False},
    "no shared strings": {"shared_strings": False},
    "shared strings declared, not there": {"shared_strings": False, "declared_strings": True},
    "backslash part names": {"backslashes": True},
}
NEW_ROW = ["C-0999", "Newcomer Ltd", "lead", "new@example.com", "North", 10.5,
           dt.date(2025, 6, 30)]
OPERATIONS: dict[str, Callable[[WorkbookPatch], dict[tuple[int, int], Any]]] = {
    "set right of the data": lambda patch: _set(patch, 2, 12, "called back"),
    "mark": lambda patch: _mark(patch),
    "append a row": lambda patch: _append(patch),
    "engine sheet": lambda patch: _engine(patch),
    "a date": lambda patch: _set(patch, 3, 8, dt.date(2025, 6, 30)),
}


def _set(patch: WorkbookPatch, row: int, column: int, value: Any) -> dict[tuple[int, int], Any]:
    patch.sheet("Clients").set_cell(row, column, value)
    return {(row, column): value}


def _mark(patch: WorkbookPatch) -> dict[tuple[int, int], Any]:
    patch.sheet("Clients").mark(Mark(4, 4, "E-mail bounced"))
    return {(4, 4): "client3@example.com"}


def _append(patch: WorkbookPatch) -> dict[tuple[int, int], Any]:
    row = patch.sheet("Clients").append_row(NEW_ROW)
    assert row == 22
    return {(22, column): value for column, value in enumerate(NEW_ROW, start=1)}


def _engine(patch: WorkbookPatch) -> dict[tuple[int, int], Any]:
    patch.replace_sheet("Issues", ["Cell", "Problem", "Found"],
                        [["D4", "E-mail bounced", dt.date(2025, 6, 30)]])
    return {}


def calamine(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return package.namelist()


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_operation_works_on_every_shape(shape: str, operation: str,
                                              tmp_path: Path) -> None:
    path = excel_staff_workbook(tmp_path / "staff.xlsx", **SHAPES[shape])
    openpyxl_reads_it = opens_with_openpyxl(path)
    assert openpyxl_reads_it == (shape not in ("shared strings declared, not there",
                                               "backslash part names"))
    patch = WorkbookPatch(path)
    wanted = OPERATIONS[operation](patch)
    result = write_back(patch, backups=tmp_path / "backups")
    assert result.written
    rows = calamine(path, "Clients")
    for (row, column), value in wanted.items():
        assert rows[row - 1][column - 1] == value, (row, column)
    if operation == "engine sheet":
        assert calamine(path, "Issues")[1] == ["D4", "E-mail bounced", dt.date(2025, 6, 30)]
    assert all("\\" not in name for name in part_names(path)), "standard part names"
    if openpyxl_reads_it or shape == "backslash part names":
        _check_openpyxl(path, wanted)


def _check_openpyxl(path: Path, wanted: dict[tuple[int, int], Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = openpyxl.load_workbook(path)["Clients"]
    for (row, column), value in wanted.items():
        got = page.cell(row, column).value
        if isinstance(value, dt.date):
            assert got == dt.datetime.combine(value, dt.time()), "a date reads back as a date"
        else:
            assert got == value


@pytest.mark.parametrize("shape", ["excel 365", "1904 date system"])
def test_excels_extras_survive_every_operation(shape: str, tmp_path: Path) -> None:
    path = excel_staff_workbook(tmp_path / "staff.xlsx", **SHAPES[shape])
    before = members(path)
    patch = WorkbookPatch(path)
    for operation in OPERATIONS.values():
        operation(patch)
    write_back(patch, backups=tmp_path / "backups")
    after = members(path)
    sheet = after["xl/worksheets/sheet1.xml"]
    assert sheet.count(b"x14ac:dyDescent") >= before["xl/worksheets/sheet1.xml"].count(
        b"x14ac:dyDescent") - 1, "rows keep their dyDescent"
    for marker in (b'mc:Ignorable="x14ac xr xr2 xr3"', b'xmlns:x14ac="', b"xr:uid=",
                   b"<extLst>", b"x14:dataValidation", b"x14:sparklineGroup",
                   b"x14:conditionalFormatting", b'<f t="shared" ref="I2:I21" si="0">',
                   b'spans="1:9"'):
        assert marker in sheet, marker
    for name in ("xl/metadata.xml", "xl/calcChain.xml", "xl/tables/table1.xml",
                 "xl/theme/theme1.xml", "docProps/core.xml"):
        assert after[name] == before[name], f"{name} must stay byte-identical"
    for name in ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                 "xl/worksheets/sheet4.xml", "xl/sharedStrings.xml"):
        assert after[name] == before[name]
    assert b'cm="1"' in after["xl/worksheets/sheet4.xml"]
    assert after["xl/workbook.xml"].count(b"xr:revisionPtr") == 1
    assert (b'date1904="1"' in after["xl/workbook.xml"]) == (shape == "1904 date system")
    rows = calamine(path, "Clients")
    assert rows[2][7] == dt.date(2025, 6, 30), "dates are right in either date system"
    assert rows[1][8] == 301, "a shared formula's cached value is kept"


def test_the_excel_book_carries_what_excel_writes(tmp_path: Path) -> None:
    parts = members(excel_staff_workbook(tmp_path / "staff.xlsx", date1904=True))
    clients = parts["xl/worksheets/sheet1.xml"]
    rows = re.findall(rb"<row [^>]*>", clients)
    assert rows and all(b"x14ac:dyDescent=" in row and b"spans=" in row for row in rows)
    assert b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"' in clients
    assert clients.count(b"xr:uid=") >= 4, "sheet, autofilter, validations"
    assert b'<f t="shared" si="0"/>' in clients
    extras = parts["xl/worksheets/sheet4.xml"]
    for marker in (b't="inlineStr"', b't="e"><v>#N/A</v>', b't="str"><f>', b'cm="1"',
                   b't="e"><f>1/0</f><v>#DIV/0!</v>'):
        assert marker in extras, marker
    assert b"xr:uid=" in parts["xl/tables/table1.xml"]
    assert b'date1904="1"' in parts["xl/workbook.xml"]
    assert b"<r><rPr><b/>" in parts["xl/sharedStrings.xml"], "a rich text"
    assert b"<calcChain" in parts["xl/calcChain.xml"]
    assert b"XLDAPR" in parts["xl/metadata.xml"]


def test_overwriting_a_formula_drops_only_the_calculation_chain(tmp_path: Path) -> None:
    path = excel_staff_workbook(tmp_path / "staff.xlsx")
    before = members(path)
    patch = WorkbookPatch(path)
    patch.sheet("Extras").set_cell(2, 3, "typed over")
    result = write_back(patch, backups=tmp_path / "backups")
    after = members(path)
    assert "xl/calcChain.xml" not in after and b"calcChain" not in after[
        "[Content_Types].xml"] and b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert after["xl/metadata.xml"] == before["xl/metadata.xml"]
    assert result.removed_parts == ["xl/calcChain.xml"]
    assert calamine(path, "Extras")[1][2] == "typed over"


def test_a_date_into_a_package_without_styles_reads_back_as_a_date(tmp_path: Path) -> None:
    path = excel_workbook(tmp_path / "plain.xlsx", {"Data": [["Name", "Since"], ["Acme", 5]]},
                          styles=False)
    assert "xl/styles.xml" not in part_names(path)
    patch = WorkbookPatch(path)
    patch.sheet("Data").set_cell(2, 2, dt.date(2025, 6, 30))
    patch.sheet("Data").append_row(["Vector", dt.datetime(2025, 7, 1, 9, 30)])
    write_back(patch, backups=tmp_path / "backups")
    assert calamine(path, "Data")[1:] == [["Acme", dt.date(2025, 6, 30)],
                                          ["Vector", dt.datetime(2025, 7, 1, 9, 30)]]
    parts = members(path)
    assert b"styles.xml" in parts["xl/_rels/workbook.xml.rels"]
    assert b'PartName="/xl/styles.xml"' in parts["[Content_Types].xml"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = openpyxl.load_workbook(path)["Data"]
    assert page["B2"].is_date and page["B3"].is_date


def test_text_alone_adds_no_styles_part(tmp_path: Path) -> None:
    path = excel_workbook(tmp_path / "plain.xlsx", {"Data": [["Name"], ["Acme"]]},
                          styles=False)
    patch = WorkbookPatch(path)
    patch.sheet("Data").set_cell(2, 2, "text")
    result = write_back(patch, backups=tmp_path / "backups")
    assert result.changed_parts == ["xl/worksheets/sheet1.xml"]


@pytest.mark.parametrize(("missing", "message"), [
    ("xl/workbook.xml", "has no part xl/workbook.xml"),
    ("[Content_Types].xml", "has no part [Content_Types].xml"),
    ("xl/worksheets/sheet1.xml", "sheet 'Clients': has no such worksheet"),
])
def test_a_package_missing_a_part_is_a_clear_error(missing: str, message: str,
                                                   tmp_path: Path) -> None:
    path = excel_staff_workbook(tmp_path / "staff.xlsx")
    parts = members(path)
    del parts[missing]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match=re.escape(message)) as caught:
        patch = WorkbookPatch(path)
        patch.sheet("Clients").set_cell(2, 12, "x")
        write_back(patch, backups=tmp_path / "backups")
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
