"""A write-back changes only what it must; everything people built survives.

Run on the staff workbook as xlsxwriter wrote it and as a real LibreOffice saved it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from fixtures_writeback import (
    PERSON_COMMENT_CELL,
    PERSON_FILL_CELL,
    TARGET,
    WRITERS,
    build_staff_workbook,
    libreoffice_csv,
    members,
    raw_members,
    sheet_features,
    soffice,
    staff_copy,
)

from crm_office.writeback import Mark, WorkbookPatch, write_back

SPARKLINES = b"sparklineGroups"
GROWN_RANGE = re.compile(rb'((?:\s(?:ref|sqref)="|<xm:sqref>)[^"<]*?:\$?[A-Z]+)21(?=["<\s])')
"""A range ending at the last data row (21): one appended row makes it end at 22."""


@pytest.fixture
def book(request: pytest.FixtureRequest, tmp_path: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staff_copy(request.param, tmp_path, tmp_path_factory.getbasetemp())


def target_part(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{TARGET}"[^>]*r:id="(\w+)"', workbook)
    assert rid is not None
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*'
                       rf'Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + (target.group(1) or target.group(2)).removeprefix("/xl/")


def patch_staff(path: Path) -> WorkbookPatch:
    patch = WorkbookPatch(path)
    sheet = patch.sheet(TARGET)
    sheet.set_cell(2, 8, "Called, sends offer")
    sheet.set_cell(3, 8, dt.date(2025, 6, 30))
    sheet.set_cell(4, 6, 999.5)
    sheet.append_row(["C-0099", "Newcomer Ltd", "lead", "new@example.com", "North", 10])
    sheet.mark(Mark(6, 4, "E-mail bounced"))
    sheet.mark(Mark(5, 3, "Status unknown"))
    return patch


@pytest.mark.parametrize("book", WRITERS, indirect=True)
def test_only_the_parts_that_change_are_rewritten(book: Path, tmp_path: Path) -> None:
    before, raw_before = members(book), raw_members(book)
    sheet = target_part(book)
    result = write_back(patch_staff(book), backups=tmp_path / "backups")
    after, raw_after = members(book), raw_members(book)
    allowed = {sheet, "xl/styles.xml", "[Content_Types].xml", "xl/workbook.xml",
               sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"}
    notes = {name for name in set(after) - set(before)} | {
        name for name in result.changed_parts if "comments" in name or name.endswith(".vml")}
    assert set(result.changed_parts) <= allowed | notes
    assert all(re.search(r"comments\d*\.xml$|\.vml$", name) for name in notes)
    assert list(before) == [name for name in after if name in before], "member order kept"
    for name, content in before.items():
        if name not in result.changed_parts:
            assert after[name] == content, f"{name} must be byte-identical"
            assert raw_after[name] == raw_before[name], f"{name} must be stored the same way"
    assert result.cells_written == 9
    assert result.marks_added == 2


@pytest.mark.parametrize("book", WRITERS, indirect=True)
def test_the_target_sheet_keeps_everything_people_built(book: Path, tmp_path: Path) -> None:
    sheet = target_part(book)
    features = sheet_features(book, TARGET)
    xml_before = members(book)[sheet]
    write_back(patch_staff(book), backups=tmp_path / "backups")
    grown = {key: _grown(value) for key, value in features.items()}
    assert sheet_features(book, TARGET) == grown, "ranges grow by the appended row"
    assert grown["auto_filter"] != features["auto_filter"]
    xml_after = members(book)[sheet]
    assert (SPARKLINES in xml_after) == (SPARKLINES in xml_before)
    assert _outside_rows(xml_after) == GROWN_RANGE.sub(rb"\g<1>22", _outside_rows(xml_before))


def _grown(feature: object) -> object:
    """What a feature becomes when ranges ending at row 21 grow to row 22."""
    if isinstance(feature, str):
        return re.sub(r"(:\$?[A-Z]+)21\b", r"\g<1>22", feature)
    if isinstance(feature, (list, tuple)):
        return type(feature)(_grown(item) for item in feature)
    return feature


def _outside_rows(xml: bytes) -> bytes:
    """The sheet XML without its rows, dimension and legacy drawing."""
    start, end = xml.index(b"<sheetData"), xml.rindex(b"</sheetData>")
    rest = xml[:start] + xml[end:]
    rest = re.sub(rb'<dimension ref="[^"]*"/>', b"", rest)
    return re.sub(rb'<legacyDrawing r:id="\w+"/>', b"", rest)


def test_the_xlsxwriter_book_has_every_feature(tmp_path: Path) -> None:
    path = build_staff_workbook(tmp_path / "staff.xlsx")
    features = sheet_features(path, TARGET)
    assert features["freeze_panes"] == "A2" and features["auto_filter"] == "A1:H21"
    assert features["merged"] == ["J1:K1"] and features["tables"] == [("Targets", "M1:O4")]
    assert len(features["data_validations"]) == 2  # type: ignore[arg-type]
    assert features["charts"] == 1
    parts = members(path)
    assert SPARKLINES in parts["xl/worksheets/sheet1.xml"]
    assert b"image1.png" in parts["xl/drawings/_rels/drawing1.xml.rels"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("book", WRITERS, indirect=True)
def test_libreoffice_opens_the_result(book: Path, tmp_path: Path) -> None:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    write_back(patch_staff(book), backups=tmp_path / "backups")
    sheets = libreoffice_csv(book, tmp_path / "csv", tmp_path / "lo")
    rows = sheets[TARGET]
    assert rows[1][7] == "Called, sends offer"
    assert rows[3][5] == "999.5"
    assert rows[21][:3] == ["C-0099", "Newcomer Ltd", "lead"]
    assert set(sheets) >= {TARGET, "Lists", "Deals"}


def test_a_macro_workbook_keeps_its_vba_project(tmp_path: Path) -> None:
    vba = bytes(range(256)) * 40
    path = build_staff_workbook(tmp_path / "staff.xlsm", vba=vba)
    before = members(path)
    result = write_back(patch_staff(path), backups=tmp_path / "backups")
    after = members(path)
    assert after["xl/vbaProject.bin"] == vba
    assert after["[Content_Types].xml"].count(b"macroEnabled") == before[
        "[Content_Types].xml"].count(b"macroEnabled") == 1
    assert result.backup is not None and result.backup.suffix == ".xlsm"


def test_a_patch_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    path = build_staff_workbook(tmp_path / "staff.xlsx")
    write_back(patch_staff(path), backups=tmp_path / "backups")
    before = path.read_bytes()
    again = WorkbookPatch(path)
    sheet = again.sheet(TARGET)
    sheet.set_cell(2, 8, "Called, sends offer")
    sheet.mark(Mark(6, 4, "E-mail bounced"))
    result = write_back(again, backups=tmp_path / "backups")
    assert not result.written and result.backup is None
    assert path.read_bytes() == before


def test_person_fill_and_comment_cells_are_kept(tmp_path: Path) -> None:
    path = build_staff_workbook(tmp_path / "staff.xlsx")
    patch = WorkbookPatch(path)
    patch.sheet(TARGET).mark(Mark(3, 2, "engine says hi"))  # B3 has a person's comment
    patch.sheet(TARGET).mark(Mark(5, 3, "engine says hi"))  # C5 has a person's fill
    write_back(patch, backups=tmp_path / "backups")
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = openpyxl.load_workbook(path)[TARGET]
    assert page[PERSON_FILL_CELL].fill.fgColor.rgb == "FFFFFF00"
    assert page[PERSON_COMMENT_CELL].comment.text == "Call before Friday - Anna"
