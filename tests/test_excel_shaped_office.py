"""`validate` and `sync` on an office whose workbooks were saved by Microsoft Excel 365.

Before, the write-back refused every such sheet ("Namespace prefix x14ac for
dyDescent on row is not defined"), so neither command could write at all. Now
marks, the Issues sheet, IDs, engine columns and appended rows are written, the
results read back with openpyxl and python-calamine, and what Excel wrote
(mc:Ignorable, x14ac, xr:uid, extLst) is still there.
"""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from click.testing import CliRunner
from excel_shaped import HEADER_FILL_RGB, ExcelSheet, excel_workbook, write_workbook

from crm_office.cli.main import cli
from crm_office.problems import column_letter
from crm_office.workbook.files import sheet_names
from tests import sync_office
from tests.office_builder import CONFIG, base_tables

EXCEL_MARKERS = (b'mc:Ignorable="x14ac xr xr2 xr3"', b"x14ac:dyDescent=", b"xr:uid=",
                 b"<extLst>")


def run(config: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def sheet_xml(path: Path, number: int = 1) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(f"xl/worksheets/sheet{number}.xml")


def calamine(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def load(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def excel_office(root: Path, tables: dict[str, list[list[Any]]]) -> Path:
    """The validation office of tests/office_builder.py, every workbook saved by Excel."""
    (root / "templates").mkdir(parents=True, exist_ok=True)
    sections = []
    for key, rows in tables.items():
        sheet = ExcelSheet("Data", rows, lists={3: ["active", "lead", "inactive"]}
                           if key == "clients" else {}, table="Deals" if key == "deals" else "",
                           data_bar=2)
        excel_workbook(root / "workbooks" / f"{key}.xlsx", [sheet], date1904=key == "contacts")
        sections.append(f'[tables.{key}]\nfile = "{key}.xlsx"\nsheet = "Data"\n')
    config = root / "config.toml"
    config.write_text(CONFIG.format(locale="en", country="GB", tables="\n".join(sections),
                                    extra=""), encoding="utf-8")
    return config


def test_validate_marks_and_lists_problems_in_excel_workbooks(tmp_path: Path) -> None:
    tables = base_tables()
    tables["clients"][1][2] = "actve"
    config = excel_office(tmp_path, tables)
    path = tmp_path / "workbooks" / "clients.xlsx"
    result = run(config, "validate")
    assert result.exit_code == 1, result.output
    assert "clients.xlsx: 1 cell marked, 0 fixed, 1 listed on the Issues sheet" in result.output
    book = load(path)
    cell = book["Data"]["C2"]
    assert cell.fill.fill_type == "solid" and "'actve' is not an allowed value" in \
        cell.comment.text
    assert book.sheetnames == ["Data", "Issues"]
    assert [c.value for c in book["Issues"][2]][:5] == ["error", "Data", "C2", "Status", "actve"]
    assert calamine(path, "Data")[1][2] == "actve"
    assert calamine(path, "Issues")[1][2] == "C2"
    xml = sheet_xml(path)
    for marker in EXCEL_MARKERS:
        assert marker in xml, marker


def test_validate_fix_writes_fixes_into_excel_workbooks(tmp_path: Path) -> None:
    tables = base_tables()
    tables["clients"][1][3] = " Info@Acme.example"
    tables["contacts"][1][1] = "12.03.2025"  # contacts.xlsx uses the 1904 date system
    config = excel_office(tmp_path, tables)
    result = run(config, "validate", "--fix")
    assert "Safe fixes" in result.output, result.output
    clients, contacts = tmp_path / "workbooks" / "clients.xlsx", \
        tmp_path / "workbooks" / "contacts.xlsx"
    assert load(clients)["Data"]["D2"].value == "info@acme.example"
    assert calamine(clients, "Data")[1][3] == "info@acme.example"
    assert load(contacts)["Data"]["B2"].value.date().isoformat() == "2025-03-12"
    assert calamine(contacts, "Data")[1][1].isoformat() == "2025-03-12"
    for path in (clients, contacts):
        for marker in EXCEL_MARKERS:
            assert marker in sheet_xml(path), (path.name, marker)


def sync_excel_office(root: Path) -> Path:
    """tests/sync_office.py's office saved by Excel, without the engine columns of Clients,
    one client without an ID, and manager views on."""
    config = sync_office.build_sync_office(root)
    config.write_text(config.read_text().replace("manager_views = false",
                                                 "manager_views = true"))
    clients = [row[:7] for row in sync_office.CLIENTS]
    clients.append([None, "Delta Cruises", "prospect", "+44 117 496 0004", "delta@delta.example",
                    "Scotland", "Bob Jones"])
    books = root / "workbooks"
    excel_workbook(books / "clients.xlsx", [ExcelSheet(
        "Clients", clients, lists={3: ["active", "prospect"]}, data_bar=6)])
    excel_workbook(books / "anna.xlsx", [ExcelSheet("My clients", [
        row[:7] for row in sync_office.ANNA], table="AnnasClients")])
    excel_workbook(books / "team.xlsx", {"Managers": sync_office.MANAGERS})
    excel_workbook(books / "contacts.xlsx", {"Log": sync_office.CONTACTS}, date1904=True)
    return config


def sync(config: Path) -> tuple[int, dict[str, Any]]:
    result = run(config, "sync", "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_sync_writes_ids_engine_columns_and_appended_rows_into_excel_workbooks(
        tmp_path: Path) -> None:
    config = sync_excel_office(tmp_path)
    books = tmp_path / "workbooks"
    code, report = sync(config)
    assert code == 0, report
    rows = calamine(books / "clients.xlsx", "Clients")
    header = rows[0]
    assert header[:7] == sync_office.CLIENTS[0][:7]
    assert {"Last contact", "Open deals", "Debt"} <= set(header[7:]), "engine columns added"
    last = column_letter(len(header))
    assert [row[0] for row in rows[1:]] == ["C-000001", "C-000002", "C-000003", "C-000004"]
    assert rows[1][header.index("Open deals")] == 0, "an engine column is filled"
    page = load(books / "clients.xlsx")["Clients"]
    assert page.auto_filter.ref == f"A1:{last}5", "the filter covers the engine columns"
    for cell in page[1][7:]:
        assert (cell.font.b, cell.fill.fgColor.rgb) == (True, HEADER_FILL_RGB), cell
    for marker in EXCEL_MARKERS:
        assert marker in sheet_xml(books / "clients.xlsx"), marker
    anna_table = load(books / "anna.xlsx")["My clients"].tables["AnnasClients"]
    assert anna_table.ref == f"A1:{last}3"
    assert [column.name for column in anna_table.tableColumns] == header

    view = books / "managers" / "Anna Smith.xlsx"
    book = load(view)
    header = [cell.value for cell in book["Clients"][1]]
    new = [None] * len(header)
    new[header.index("Client")], new[header.index("Status")] = "Zeta Holidays", "prospect"
    book["Clients"].append(new)
    book.save(view)
    code, report = sync(config)
    assert code == 0, report
    rows = calamine(books / "clients.xlsx", "Clients")
    assert rows[5][:3] == ["C-000005", "Zeta Holidays", "prospect"]
    page = load(books / "clients.xlsx")["Clients"]
    assert page.auto_filter.ref == f"A1:{last}6", "the filter grows with the appended row"
    assert {str(rule.sqref) for rule in page.data_validations.dataValidation} == {"C2:C6"}
    xml = sheet_xml(books / "clients.xlsx")
    assert re.search(rb'<row r="6"', xml) and b"x14ac:dyDescent=" in xml
    code, report = sync(config)
    assert (code, report["nothing_to_do"]) == (0, True)


ODD_SHAPES: dict[str, dict[str, Any]] = {
    "no styles part": {"styles": False},
    "no shared strings": {"shared_strings": False},
    "shared strings declared, not there": {"shared_strings": False, "declared_strings": True},
    "backslash part names": {"backslashes": True},
    "1904 date system": {"date1904": True},
}


@pytest.mark.parametrize("shape", ODD_SHAPES)
def test_validate_fix_on_the_odd_shapes_of_the_corpus(shape: str, tmp_path: Path) -> None:
    tables = base_tables()
    tables["clients"][1][2] = "actve"
    tables["clients"][1][3] = " Info@Acme.example"
    config = excel_office(tmp_path, tables)
    clients = tmp_path / "workbooks" / "clients.xlsx"
    excel_workbook(clients, [ExcelSheet("Data", tables["clients"])], **ODD_SHAPES[shape])
    assert sheet_names(clients) == ["Data"]
    result = run(config, "validate", "--fix")
    assert result.exit_code == 1, result.output
    assert "clients.xlsx: 1 cell marked, 1 fixed, 1 listed on the Issues sheet" in \
        result.output, result.output
    rows = calamine(clients, "Data")
    assert rows[1][2:4] == ["actve", "info@acme.example"]
    assert calamine(clients, "Issues")[1][2] == "C2"
    assert b"x14ac:dyDescent=" in sheet_xml(clients)
    if shape == "shared strings declared, not there":
        return  # openpyxl could not read it before the write either
    page = load(clients)["Data"]
    assert page["C2"].fill.fill_type == "solid" and page["C2"].comment is not None


def test_the_drop_in_writer_gives_the_reader_excels_shapes(tmp_path: Path) -> None:
    """tests/excel_shaped.write_workbook stands in for conftest's: a merged title above the
    header, a formula where a value belongs, a 1904-free sheet the reader reads as usual."""
    from crm_office.config import load_config
    from crm_office.validate import validate_office
    from crm_office.workbook import read_table

    tables = base_tables()
    config = excel_office(tmp_path, tables)
    write_workbook(tmp_path / "workbooks" / "clients.xlsx", {"Data": [
        ["Client base of Test Office"], [], [None, "exported 2025-03-12"], *tables["clients"]]},
        merge_title="Client base of Test Office",
        formulas={"B6": ('="Beta "&"Tours"', "Beta Tours")})
    loaded = load_config(config)
    part = read_table(loaded.tables["clients"], loaded.locale).parts[0]
    assert part.header_row == 4 and list(part.rows) == [5, 6]
    assert part.columns["name"] == ["Acme Ltd", "Beta Tours"]
    codes = {(p.cell, p.code) for p in validate_office(loaded).problems}
    assert ("B6", "formula-in-cell") in codes
    assert b'<mergeCell ref="A1:D1"/>' in sheet_xml(tmp_path / "workbooks" / "clients.xlsx")
