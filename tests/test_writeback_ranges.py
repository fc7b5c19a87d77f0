"""Appended rows and engine columns grow the ranges people set up over their data.

An autofilter (and its ``_xlnm._FilterDatabase`` name), an Excel table (``ref``,
its autofilter and a ``tableColumn`` per new column), dropdowns and conditional
formats (x14 ones too) that ended at the last data row end at the last appended
row; a new header cell looks like the header beside it. Run on workbooks written
by xlsxwriter, shaped as Excel 365 saves them, and saved by LibreOffice.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
import xlsxwriter
from excel_shaped import ExcelSheet, excel_workbook
from fixtures_writeback import (
    TARGET,
    WRITERS,
    data_width,
    libreoffice_resave,
    members,
    soffice,
    staff_copy,
)

from crm_office.problems import column_letter
from crm_office.writeback import WorkbookPatch, write_back
from crm_office.writeback.ranges import Growth, grow_tail, plan_growth

DEALS = [["Deal", "Client", "Amount"], ["D-1", "C-0001", 1200], ["D-2", "C-0002", 900]]


def load(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def filter_name(path: Path) -> str:
    found = re.search(rb'name="_xlnm._FilterDatabase"[^>]*>([^<]*)<',
                      members(path)["xl/workbook.xml"])
    assert found is not None
    return found.group(1).decode()


@pytest.fixture
def staff(request: pytest.FixtureRequest, tmp_path: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staff_copy(request.param, tmp_path, tmp_path_factory.getbasetemp())


@pytest.mark.parametrize("staff", WRITERS, indirect=True)
def test_appended_rows_grow_the_filter_dropdowns_and_formats(staff: Path) -> None:
    width = column_letter(data_width(staff))
    before = load(staff)[TARGET]
    assert before.auto_filter.ref == f"A1:{width}21"
    patch = WorkbookPatch(staff)
    sheet = patch.sheet(TARGET)
    assert sheet.append_row(["C-0100", "Late Ltd", "lead"]) == 22
    assert sheet.append_row(["C-0101", "Later Ltd", "active"]) == 23
    write_back(patch, backups=staff.parent / "backups")
    page = load(staff)[TARGET]
    assert page.auto_filter.ref == f"A1:{width}23"
    assert filter_name(staff).endswith(f"!$A$1:${width}$23")
    validations = {str(rule.sqref) for rule in page.data_validations.dataValidation}
    assert "C2:C23" in validations
    assert {str(rule.sqref) for rule in page.conditional_formatting} == {"F2:F23"}
    assert sorted(page.tables.items()) == [("Targets", "M1:O4")] or "Targets" not in str(
        page.tables.items()), "a table above the last row is not touched"
    xml = members(staff)[_sheet_part(staff)]
    assert b'sqref="Q2"' in xml or b"<xm:sqref>Q2</xm:sqref>" in xml, "sparkline stays"
    assert b"E2:E23" in xml, "the dropdown fed from another sheet grows too (x14 or not)"
    assert calamine_rows(staff, TARGET)[22][:3] == ["C-0101", "Later Ltd", "active"]


@pytest.mark.parametrize("staff", WRITERS, indirect=True)
def test_an_engine_column_grows_the_filter_and_looks_like_the_header(staff: Path) -> None:
    width = data_width(staff)
    new = width + 1
    patch = WorkbookPatch(staff)
    sheet = patch.sheet(TARGET)
    sheet.set_cell(1, new, "Debt")
    sheet.set_cell(2, new, 120.5)
    write_back(patch, backups=staff.parent / "backups")
    page = load(staff)[TARGET]
    letter = column_letter(new)
    assert page.auto_filter.ref == f"A1:{letter}21"
    assert filter_name(staff).endswith(f"!$A$1:${letter}$21")
    header, neighbour = page.cell(1, new), page.cell(1, width)
    assert header.value == "Debt"
    assert (header.font.b, header.fill.fgColor.rgb, header.border.bottom.style) == (
        neighbour.font.b, neighbour.fill.fgColor.rgb, neighbour.border.bottom.style)
    assert header.font.b, "the staff book's header is bold"
    assert page.cell(2, new).value == 120.5 and not page.cell(2, new).font.b


_TABLE_BOOKS: dict[str, Path] = {}


def table_book(writer: str, base: Path) -> Path:
    """A sheet 'Deals' whose data is an Excel table, with a dropdown over a column."""
    if not _TABLE_BOOKS:
        _TABLE_BOOKS["excel"] = excel_workbook(base / "excel" / "deals.xlsx", [ExcelSheet(
            "Deals", DEALS, table="Deals", lists={2: ["C-0001", "C-0002"]})])
        path = base / "xlsxwriter" / "deals.xlsx"
        path.parent.mkdir(parents=True)
        book = xlsxwriter.Workbook(str(path))
        page = book.add_worksheet("Deals")
        page.add_table("A1:C3", {"name": "Deals", "data": DEALS[1:], "columns": [
            {"header": name} for name in DEALS[0]]})
        page.data_validation("B2:B3", {"validate": "list", "source": ["C-0001", "C-0002"]})
        book.close()
        _TABLE_BOOKS["xlsxwriter"] = path
        if soffice():
            _TABLE_BOOKS["libreoffice"] = libreoffice_resave(path, base / "libreoffice",
                                                             base / "lo-profile")
    if writer not in _TABLE_BOOKS:
        pytest.skip("LibreOffice (soffice) is not installed")
    return _TABLE_BOOKS[writer]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_table_grows_by_appended_rows_and_engine_columns(
        writer: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path / "deals.xlsx"
    path.write_bytes(table_book(writer, tmp_path_factory.getbasetemp() / "tables").read_bytes())
    patch = WorkbookPatch(path)
    sheet = patch.sheet("Deals")
    sheet.set_cell(1, 4, "Paid")
    sheet.set_cell(2, 4, True)
    assert sheet.append_row(["D-3", "C-0001", 50, False]) == 4
    write_back(patch, backups=tmp_path / "backups")
    page = load(path)["Deals"]
    table = page.tables["Deals"]
    assert table.ref == "A1:D4"
    assert table.autoFilter is None or table.autoFilter.ref == "A1:D4"
    assert [column.name for column in table.tableColumns] == [*DEALS[0], "Paid"]
    assert [column.id for column in table.tableColumns] == [1, 2, 3, 4]
    assert {str(rule.sqref) for rule in page.data_validations.dataValidation} == {"B2:B4"}
    assert page["D1"].style_id == page["C1"].style_id or page["D1"].font.b == page["C1"].font.b
    assert calamine_rows(path, "Deals")[3] == ["D-3", "C-0001", 50, False]


def test_ranges_that_did_not_end_at_the_data_keep_their_bytes() -> None:
    growth = Growth(last_row=21, new_last_row=23)
    tail = (b'</sheetData><autoFilter ref="A1:H30"/><dataValidations count="4">'
            b'<dataValidation sqref="C2:C10"/><dataValidation sqref="D21"/>'
            b'<dataValidation sqref="E2:E21 G5:G21 H40:H50"/></dataValidations>'
            b'<conditionalFormatting sqref="F2:F21"><cfRule type="top10"/>'
            b'</conditionalFormatting><extLst><ext><x14:sparklineGroups><x14:sparklines>'
            b"<x14:sparkline><xm:f>S!F2:F21</xm:f><xm:sqref>Q21</xm:sqref></x14:sparkline>"
            b"</x14:sparklines></x14:sparklineGroups></ext><ext><x14:dataValidations>"
            b"<x14:dataValidation><xm:sqref>J2:J21</xm:sqref></x14:dataValidation>"
            b"</x14:dataValidations></ext></extLst></worksheet>")
    grown = grow_tail(tail, b"", growth)
    assert grown == (tail.replace(b"E2:E21 G5:G21", b"E2:E23 G5:G23")
                     .replace(b'"F2:F21"', b'"F2:F23"').replace(b"J2:J21", b"J2:J23"))
    assert grow_tail(tail, b"", Growth()) is tail


@pytest.mark.parametrize(("values", "ranges", "headers"), [
    ({(1, 9): "Debt", (2, 9): 5}, [(1, 1, 21, 8)], {1: {9}}),
    ({(1, 9): "Debt", (1, 10): "Paid"}, [(1, 1, 21, 8)], {1: {9, 10}}),
    ({(1, 10): "Debt"}, [(1, 1, 21, 8)], {1: {10}}),  # no range next to it: by the data's end
    ({(3, 9): "Debt", (4, 9): "x"}, [], {3: {9}}),  # no range: the topmost new cell
    ({(3, 9): "Debt", (2, 10): "Paid"}, [], {}),  # new columns start in different rows
    ({(1, 9): 5}, [(1, 1, 21, 8)], {}),  # a number is no header
    ({(1, 4): "Status"}, [(1, 1, 21, 8)], {}),  # inside the data: nothing new
])
def test_which_new_cells_are_headers(values: dict[tuple[int, int], Any],
                                     ranges: list[tuple[int, int, int, int]],
                                     headers: dict[int, set[int]]) -> None:
    assert plan_growth(values, 8, ranges, (0, 0)).headers == headers


def _sheet_part(path: Path) -> str:
    workbook = members(path)["xl/workbook.xml"].decode()
    rels = members(path)["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(rf'<sheet [^>]*name="{TARGET}"[^>]*r:id="(\w+)"', workbook)
    assert rid is not None
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*>', rels)
    assert target is not None
    found = re.search(r'Target="/?(?:xl/)?([^"]+)"', target.group(0))
    assert found is not None
    return "xl/" + found.group(1)
