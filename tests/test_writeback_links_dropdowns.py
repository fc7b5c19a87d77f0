"""Dropdowns (list data validations) and hyperlinks the write-back adds to a person's sheet.

On workbooks written by xlsxwriter, shaped as Excel 365 saves them and re-saved by
LibreOffice: the new element sits where the schema wants it (Excel refuses a sheet
whose elements are out of order), people's validations (the x14 ones in ``extLst``
too) and hyperlinks stay, nothing is added twice, and openpyxl and calamine read
the result.
"""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from fixtures_writeback import TARGET, WRITERS, libreoffice_resave, soffice, staff_copy
from lxml import etree

from crm_office.errors import CellValueError
from crm_office.writeback import WorkbookPatch, write_back
from crm_office.writeback.hyperlinks import file_link
from crm_office.writeback.tailorder import WORKSHEET_ORDER

CHOICES = ["offer", "invoice", "act", "new offer", "new invoice", "new act"]
FORMULA = '"offer,invoice,act,new offer,new invoice,new act"'
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(params=WRITERS)
def staff(request: pytest.FixtureRequest, tmp_path: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staff_copy(request.param, tmp_path / "book", tmp_path_factory.getbasetemp())


def load(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def validations(path: Path, sheet: str) -> list[tuple[str, str | None]]:
    return sorted((str(rule.sqref), rule.formula1)
                  for rule in load(path)[sheet].data_validations.dataValidation)


def sheet_xml(path: Path, sheet: str) -> bytes:
    """The worksheet part of ``sheet`` (found through the workbook's relationships)."""
    with zipfile.ZipFile(path) as package:
        names = {name.replace("\\", "/").lower(): name for name in package.namelist()}
        book = etree.fromstring(package.read(names["xl/workbook.xml"]))
        rels = etree.fromstring(package.read(names["xl/_rels/workbook.xml.rels"]))
        rid = next(node.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                            "relationships}id") for node in book.iter(f"{MAIN}sheet")
                   if node.get("name") == sheet)
        target = next(node.get("Target") for node in rels if node.get("Id") == rid)
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return package.read(names[part.replace("\\", "/").lower()])


def assert_schema_order(data: bytes) -> None:
    ranks = {name.decode(): rank for rank, name in enumerate(WORKSHEET_ORDER)}
    found = [etree.QName(child).localname for child in etree.fromstring(data)
             if isinstance(child.tag, str)]
    known = [ranks[name] for name in found if name in ranks]
    assert known == sorted(known), found


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def add_dropdown(path: Path, sheet: str, column: int) -> Any:
    patch = WorkbookPatch(path)
    patch.sheet(sheet).add_dropdown(column, CHOICES, first_row=2)
    return write_back(patch, backups=path.parent / "backups")


def test_a_dropdown_joins_the_sheets_validations(staff: Path) -> None:
    before = validations(staff, TARGET)
    result = add_dropdown(staff, TARGET, 10)
    assert result.written
    assert validations(staff, TARGET) == sorted([*before, ("J2:J1048576", FORMULA)])
    data = sheet_xml(staff, TARGET)
    assert_schema_order(data)
    block = etree.fromstring(data).find(f"{MAIN}dataValidations")
    assert block is not None and int(block.get("count")) == len(block)
    assert calamine_rows(staff, TARGET)[0][0] == "Client ID"


def test_a_dropdown_is_never_added_twice(staff: Path) -> None:
    add_dropdown(staff, TARGET, 10)
    data = staff.read_bytes()
    assert not add_dropdown(staff, TARGET, 10).written
    assert staff.read_bytes() == data


@pytest.mark.parametrize("column", [3, 5], ids=["own list", "list from another sheet"])
def test_a_column_with_a_persons_dropdown_keeps_it(staff: Path, column: int) -> None:
    """Column C has a typed list; column E a list from the Lists sheet (an x14 one in
    ``extLst`` when Excel saved the file): neither is replaced nor doubled."""
    data = sheet_xml(staff, TARGET)
    assert not add_dropdown(staff, TARGET, column).written
    assert sheet_xml(staff, TARGET) == data


def test_a_sheet_without_validations_gets_the_element_in_schema_order(staff: Path) -> None:
    add_dropdown(staff, "Deals", 4)
    assert validations(staff, "Deals") == [("D2:D1048576", FORMULA)]
    assert_schema_order(sheet_xml(staff, "Deals"))
    assert calamine_rows(staff, "Deals")[1][:2] == ["D-1", "C-0001"]


def test_the_x14_validations_in_extlst_are_untouched(tmp_path: Path,
                                                     tmp_path_factory: pytest.TempPathFactory
                                                     ) -> None:
    staff = staff_copy("excel", tmp_path / "book", tmp_path_factory.getbasetemp())
    before = sheet_xml(staff, TARGET)
    ext = before[before.rindex(b"<extLst"):]
    add_dropdown(staff, TARGET, 10)
    after = sheet_xml(staff, TARGET)
    assert after.endswith(ext) and b"x14:dataValidations" in ext


@pytest.mark.parametrize("choices", [[], ["offer", ""], ["a,b"], ['say "yes"'], ["x" * 256]])
def test_a_bad_dropdown_is_refused_with_its_cell(staff: Path, choices: list[str]) -> None:
    patch = WorkbookPatch(staff)
    with pytest.raises(CellValueError) as caught:
        patch.sheet(TARGET).add_dropdown(10, choices, first_row=2)
    assert "J2" in str(caught.value)


def link(path: Path, sheet: str, cell: tuple[int, int], text: str, target: str) -> Any:
    patch = WorkbookPatch(path)
    patch.sheet(sheet).set_link(*cell, text, target)
    return write_back(patch, backups=path.parent / "backups")


@pytest.mark.parametrize("sheet", [TARGET, "Deals"])
def test_a_hyperlink_to_a_file_reads_back(staff: Path, sheet: str) -> None:
    """Clients has relationships already (drawing, notes, table); Deals may have none."""
    document = staff.parent / "output" / "documents" / "2026" / "invoice" / "INV-1 Acme #1.docx"
    target = file_link(staff, document)
    assert target == "output/documents/2026/invoice/INV-1%20Acme%20%231.docx"
    link(staff, sheet, (3, 10), "INV-1 Acme #1.docx", target)
    cell = load(staff)[sheet]["J3"]
    assert (cell.value, cell.hyperlink.target) == ("INV-1 Acme #1.docx", target)
    assert_schema_order(sheet_xml(staff, sheet))
    assert calamine_rows(staff, sheet)[2][9] == "INV-1 Acme #1.docx"


def test_a_new_link_replaces_the_cells_old_one(staff: Path) -> None:
    link(staff, TARGET, (3, 10), "old.docx", "old.docx")
    link(staff, TARGET, (4, 10), "other.docx", "other.docx")
    link(staff, TARGET, (3, 10), "new.docx", "new.docx")
    page = load(staff)[TARGET]
    assert [(ref, page[ref].hyperlink.target) for ref in ("J3", "J4")] == [
        ("J3", "new.docx"), ("J4", "other.docx")]
    assert [str(item.ref) for item in page._hyperlinks].count("J3") <= 1
    with zipfile.ZipFile(staff) as package:
        rels = b"".join(package.read(name) for name in package.namelist()
                        if name.endswith(".rels"))
    assert b"old.docx" not in rels and rels.count(b"new.docx") == 1
    data = staff.read_bytes()
    assert not link(staff, TARGET, (3, 10), "new.docx", "new.docx").written
    assert staff.read_bytes() == data


def test_file_links_are_relative_and_keep_letters(tmp_path: Path) -> None:
    book = tmp_path / "office" / "workbooks" / "deals.xlsx"
    document = tmp_path / "office" / "output" / "documents" / "2026" / "КП-2026%1 ООО Ромашка.docx"
    assert file_link(book, document) == (
        "../output/documents/2026/КП-2026%251%20ООО%20Ромашка.docx")


def test_dropdown_and_link_survive_libreoffice(tmp_path: Path,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    """LibreOffice opens the result (of the Excel-shaped book, whose sheet tail is the
    busiest) and keeps both when it saves the file again."""
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    staff = staff_copy("excel", tmp_path / "book", tmp_path_factory.getbasetemp())
    patch = WorkbookPatch(staff)
    sheet = patch.sheet("Deals")
    sheet.add_dropdown(4, CHOICES, first_row=2)
    sheet.set_link(2, 5, "INV-1.docx", "output/INV-1.docx")
    write_back(patch, backups=tmp_path / "backups")
    resaved = libreoffice_resave(staff, tmp_path / "resaved", tmp_path / "lo")
    book = Path(shutil.copy(resaved, tmp_path / "after-lo.xlsx"))
    rules = validations(book, "Deals")
    assert [formula for _, formula in rules] == [FORMULA]
    assert rules[0][0].startswith("D2:D")
    assert load(book)["Deals"]["E2"].hyperlink.target.endswith("output/INV-1.docx")


def test_a_persons_hyperlinks_stay_and_one_on_the_cell_is_replaced(tmp_path: Path) -> None:
    """xlsxwriter writes a person's links (external, with relationships, and one to a cell
    of the workbook): the one on the engine's cell is replaced, the others stay."""
    import xlsxwriter

    path = tmp_path / "links.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Deals")
    sheet.write_row(0, 0, ["Deal", "File", "Site"])
    sheet.write_url("B2", "external:old/offer.docx", string="offer.docx")
    sheet.write_url("C2", "https://example.com/deal", string="site")
    sheet.write_url("C3", "internal:Deals!A1", string="top")
    book.close()
    link(path, "Deals", (2, 2), "INV-1.docx", "output/INV-1.docx")
    page = load(path)["Deals"]
    assert [(ref, page[ref].value, page[ref].hyperlink.target, page[ref].hyperlink.location)
            for ref in ("B2", "C2", "C3")] == [
        ("B2", "INV-1.docx", "output/INV-1.docx", None),
        ("C2", "site", "https://example.com/deal", None),
        ("C3", "top", None, "Deals!A1")]
    with zipfile.ZipFile(path) as package:
        rels = package.read("xl/worksheets/_rels/sheet1.xml.rels")
    assert b"old/offer.docx" not in rels and b"https://example.com/deal" in rels


@pytest.mark.parametrize(("sqref", "bounds"), [
    ("J2:J1048576", (2, 10, 1048576, 10)), ("J:J", (1, 10, 1048576, 10)),
    ("$C$4", (4, 3, 4, 3)), ("3:3", (3, 1, 3, 16384)), ("B5:A1", (1, 1, 5, 2)),
    ("nonsense!", None)])
def test_validation_ranges_are_read_in_every_form(sqref: str,
                                                  bounds: tuple[int, ...] | None) -> None:
    from crm_office.writeback.validations import sqref_bounds

    assert sqref_bounds(sqref) == bounds


def test_a_whole_column_dropdown_of_a_person_is_kept(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "whole.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Deals")
    sheet.write_row(0, 0, ["Deal", "Make document"])
    sheet.data_validation("B1:B1048576", {"validate": "list", "source": ["yes", "no"]})
    book.close()
    before = validations(path, "Deals")
    assert not add_dropdown(path, "Deals", 2).written
    assert validations(path, "Deals") == before
    add_dropdown(path, "Deals", 3)
    assert len(validations(path, "Deals")) == 2
