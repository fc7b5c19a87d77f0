"""Engine-owned sheets ("Issues", "Conflicts"): added, then regenerated whole."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import openpyxl
import pytest
from fixtures_writeback import (
    TARGET,
    WRITERS,
    libreoffice_csv,
    members,
    soffice,
    staff_copy,
)

from crm_office.errors import WorkbookError
from crm_office.writeback import LinkedCell, WorkbookPatch, write_back

HEADER = ["Sheet", "Cell", "Problem", "Found"]
ISSUES = [
    ["Clients", LinkedCell("D6", TARGET, "D6"), "E-mail bounced", dt.date(2025, 6, 30)],
    ["Clients", LinkedCell("B3", TARGET, "B3"), "=looks like a formula", dt.date(2025, 6, 30)],
]
WIRING = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
          "docProps/app.xml", "xl/styles.xml"}


def load(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def replace(path: Path, rows: list[list[object]]) -> list[str]:
    patch = WorkbookPatch(path)
    patch.replace_sheet("Issues", HEADER, rows)  # type: ignore[arg-type]
    return write_back(patch, backups=path.parent / "backups").changed_parts


@pytest.fixture(params=WRITERS)
def staff(request: pytest.FixtureRequest, tmp_path: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The staff workbook as xlsxwriter, Excel 365 and LibreOffice write it."""
    return staff_copy(request.param, tmp_path / "book", tmp_path_factory.getbasetemp())


def test_an_issues_sheet_is_added_with_links(staff: Path) -> None:
    sheets = load(staff).sheetnames
    before = members(staff)
    changed = replace(staff, ISSUES)
    after = members(staff)
    new_parts = set(after) - set(before)
    wiring = set(WIRING)
    if b"TitlesOfParts" not in before["docProps/app.xml"]:  # LibreOffice lists no titles
        wiring.discard("docProps/app.xml")
    assert len(new_parts) == 1 and set(changed) == wiring | new_parts
    for name, content in before.items():
        if name not in WIRING:
            assert after[name] == content, f"{name} must stay byte-identical"
    book = load(staff)
    assert book.sheetnames == [*sheets, "Issues"]
    issues = book["Issues"]
    assert [cell.value for cell in issues[1]] == HEADER
    assert all(cell.font.b for cell in issues[1])
    assert issues.freeze_panes == "A2" and issues.auto_filter.ref == "A1:D3"
    assert issues["B2"].value == "D6" and issues["B2"].hyperlink.location == "'Clients'!D6"
    assert issues["C3"].value == "=looks like a formula" and issues["C3"].data_type == "s"
    assert issues["D2"].value == dt.datetime(2025, 6, 30)
    assert issues.column_dimensions["C"].width >= len("=looks like a formula")
    if "docProps/app.xml" in wiring:
        assert b"<vt:lpstr>Issues</vt:lpstr>" in after["docProps/app.xml"]


def test_replacing_it_again_keeps_one_sheet(staff: Path) -> None:
    replace(staff, ISSUES)
    before = members(staff)
    changed = replace(staff, [["Clients", LinkedCell("A9", TARGET, "A9"), "Only this"]])
    after = members(staff)
    assert set(after) == set(before)
    sheet_parts = [name for name in changed if name.startswith("xl/worksheets/")]
    assert len(sheet_parts) == 1 and "xl/workbook.xml" not in changed
    for name, content in before.items():
        if name not in changed:
            assert after[name] == content
    book = load(staff)
    assert book.sheetnames.count("Issues") == 1
    assert book["Issues"].max_row == 2 and book["Issues"]["C2"].value == "Only this"


def test_an_empty_report_still_has_its_header(staff: Path) -> None:
    replace(staff, [])
    issues = load(staff)["Issues"]
    assert [cell.value for cell in issues[1]] == HEADER and issues.max_row == 1


@pytest.mark.parametrize("name", ["", "a" * 32, "Bad:name", "'quoted'"])
def test_a_bad_sheet_name_is_refused(staff: Path, name: str) -> None:
    with pytest.raises(WorkbookError, match="sheet name"):
        WorkbookPatch(staff).replace_sheet(name, HEADER, [])


def test_a_sheet_cannot_be_patched_and_replaced(staff: Path) -> None:
    patch = WorkbookPatch(staff)
    patch.sheet(TARGET).set_cell(2, 2, "x")
    with pytest.raises(WorkbookError, match="cannot also be replaced"):
        patch.replace_sheet(TARGET, HEADER, [])


def test_an_unknown_sheet_is_a_clear_error(staff: Path) -> None:
    with pytest.raises(WorkbookError, match="has no sheet 'Nope'"):
        WorkbookPatch(staff).sheet("Nope")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_issues_sheet(staff: Path, tmp_path: Path) -> None:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    replace(staff, ISSUES)
    sheets = libreoffice_csv(staff, tmp_path / "csv", tmp_path / "lo")
    assert sheets["Issues"][0] == HEADER
    assert sheets["Issues"][1][:3] == ["Clients", "D6", "E-mail bounced"]
