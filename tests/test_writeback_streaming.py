"""The sheet is streamed: any chunk size gives the same result; odd but valid XML works."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from excel_shaped import excel_staff_workbook
from fixtures_writeback import (
    PLAIN_WRITERS,
    build_staff_workbook,
    members,
    plain_book,
)

from crm_office.errors import WorkbookError, WorkbookVerifyError
from crm_office.writeback import Mark, WorkbookPatch, rowedit, splice, verify, write_back


def patched_bytes(source: Path, folder: Path) -> bytes:
    folder.mkdir()
    path = folder / source.name
    path.write_bytes(source.read_bytes())
    patch = WorkbookPatch(path)
    sheet = patch.sheet("Clients")
    for row in (2, 9, 21, 40):
        sheet.set_cell(row, 8, f"note {row}")
    sheet.mark(Mark(15, 2, "check"))
    sheet.clear_marks()
    write_back(patch, backups=folder / "backups")
    return path.read_bytes()


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_any_chunk_size_gives_the_same_file(tmp_path: Path, chunk: int, writer: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = (excel_staff_workbook if writer == "excel" else build_staff_workbook)(
        tmp_path / "staff.xlsx")
    expected = patched_bytes(source, tmp_path / "default")
    monkeypatch.setattr(splice, "CHUNK", chunk)
    assert patched_bytes(source, tmp_path / "small") == expected


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_large_sheets_are_still_checked_cell_by_cell(tmp_path: Path, writer: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx")
    before = path.read_bytes()
    monkeypatch.setattr(verify, "FULL_CHECK_BYTES", 0)  # every sheet counts as large
    real = rowedit.cell_xml

    def off_by_one(prefix: str, ref: str, style: int, value: Any, date1904: bool = False) -> str:
        return real(prefix, ref, style, value + 1 if isinstance(value, int) else value, date1904)

    monkeypatch.setattr(rowedit, "cell_xml", off_by_one)
    patch = WorkbookPatch(path)
    patch.sheet("Sheet1").set_cell(2, 2, 41)
    with pytest.raises(WorkbookVerifyError, match=r"B2 reads back as 42\.0, not 41"):
        write_back(patch, backups=tmp_path / "backups")
    assert path.read_bytes() == before


def rewrite_sheet(path: Path, change: Any) -> None:
    parts = members(path)
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)


def prefixed(xml: bytes) -> bytes:
    """The same sheet with every element in an ``x:`` prefix (as .NET writers do)."""
    xml = xml.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    return re.sub(rb"<(/?)(?!\?)([A-Za-z]+[\s/>])", rb"<\1x:\2", xml)


def without_refs(xml: bytes) -> bytes:
    return re.sub(rb' r="[A-Z]*\d+"', b"", xml)


def read(path: Path) -> tuple[list[list[Any]], Any]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Sheet1").to_python(skip_empty_area=False)
    book.close()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sheet = openpyxl.load_workbook(path)["Sheet1"]
    return rows, sheet


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
@pytest.mark.parametrize("shape", [prefixed, without_refs])
def test_prefixed_and_reference_free_sheets(tmp_path: Path, shape: Any, writer: str) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx", [["Name", "Amount"], ["Acme", 10],
                                                  ["Vector", 20], ["Delta", 30]])
    rewrite_sheet(path, shape)
    patch = WorkbookPatch(path)
    sheet = patch.sheet("Sheet1")
    sheet.set_cell(3, 3, "third column")
    sheet.set_cell(2, 1, "Acme Ltd")
    sheet.mark(Mark(4, 2, "too big"))
    assert sheet.append_row(["Omega", 40]) == 5
    write_back(patch, backups=tmp_path / "backups")
    rows, page = read(path)
    assert rows[1][:2] == ["Acme Ltd", 10] and rows[2] == ["Vector", 20, "third column"]
    assert rows[3][:2] == ["Delta", 30] and rows[4][:2] == ["Omega", 40]
    assert page["B4"].comment.text.startswith("too big")


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_an_empty_sheet_gets_rows(tmp_path: Path, writer: str) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx", [])
    assert b"<sheetData/>" in members(path)["xl/worksheets/sheet1.xml"]
    patch = WorkbookPatch(path)
    assert patch.sheet("Sheet1").append_row(["first"]) == 1
    patch.sheet("Sheet1").mark(Mark(3, 3, "empty cell with a problem"))
    write_back(patch, backups=tmp_path / "backups")
    rows, page = read(path)
    assert rows[0][0] == "first"
    assert page["C3"].comment is not None and page["C3"].fill.patternType == "solid"


@pytest.mark.parametrize("writer", PLAIN_WRITERS)
def test_rows_out_of_order_are_refused(tmp_path: Path, writer: str) -> None:
    path = plain_book(writer, tmp_path / "book.xlsx", [["a"], ["b"], ["c"]])
    rewrite_sheet(path, lambda xml: xml.replace(b'<row r="3"', b'<row r="1"', 1))
    patch = WorkbookPatch(path)
    patch.sheet("Sheet1").set_cell(5, 1, "x")
    with pytest.raises(WorkbookError, match="out of order") as caught:
        write_back(patch, backups=tmp_path / "backups")
    assert "save it again" in str(caught.value)
