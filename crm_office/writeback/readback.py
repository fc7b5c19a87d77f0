"""Read written cells back the way people's programs will, and compare.

Three readers: the cell XML itself (decoded here with lxml, for sheets of any
size), python-calamine and openpyxl (read-only). The last two load a whole
sheet, so they check sheets up to :data:`FULL_CHECK_BYTES` of XML; larger sheets
are checked through the XML and opened (not read cell by cell) by both.
"""

from __future__ import annotations

import math
import warnings
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from crm_office.writeback.edits import Position
from crm_office.writeback.opc import parse_xml
from crm_office.writeback.refs import cell_ref, parse_ref
from crm_office.writeback.text import escape_text, unescape_text
from crm_office.writeback.values import CellValue, Kind, date_serial, kind_of

FULL_CHECK_BYTES = 16 << 20
"""Sheets with at most this much XML are also read cell by cell by calamine and openpyxl."""
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class ReadBackError(ValueError):
    """A written cell does not read back as what was written."""


def check_row_xml(row: bytes, declared: dict[bytes, bytes], wanted: dict[int, CellValue],
                  number: int, date1904: bool) -> None:
    """Decode the cells of one written ``<row>`` and compare them with ``wanted``.

    ``declared`` holds the namespaces the sheet declares around its rows (prefix ->
    URI): Excel's rows carry ``x14ac:dyDescent``, so a row alone is not a document.
    """
    root = parse_xml(b"<w" + declarations(declared) + b">" + row + b"</w>")
    found: dict[int, Any] = {}
    column = 0
    for cell in root.iter(f"{{{MAIN_NS}}}c"):
        ref = cell.get("r")
        column = parse_ref(ref)[1] if ref else column + 1
        found[column] = cell
    for column, value in wanted.items():
        _compare_xml(found.get(column), value, cell_ref(number, column), date1904)


def declarations(declared: dict[bytes, bytes]) -> bytes:
    """``xmlns`` attributes for ``declared`` (prefix -> URI; b"" is the default namespace)."""
    return b"".join(b" xmlns" + (b":" + prefix if prefix else b"") + b'="' + uri + b'"'
                    for prefix, uri in declared.items())


def _compare_xml(cell: Any, value: CellValue, ref: str, date1904: bool) -> None:
    kind = kind_of(value)
    if cell is None:
        if kind is Kind.EMPTY:
            return
        raise ReadBackError(f"{ref} is missing")
    if cell.find(f"{{{MAIN_NS}}}f") is not None:
        raise ReadBackError(f"{ref} holds a formula")
    got = _decode(cell)
    if kind is Kind.EMPTY:
        ok = got is None
    elif kind is Kind.TEXT:
        ok = got == value
    elif kind is Kind.BOOL:
        ok = got is value
    elif kind in (Kind.DATE, Kind.DATETIME):
        ok = isinstance(got, float) and math.isclose(got, date_serial(value, date1904),  # type: ignore[arg-type]
                                                     abs_tol=1e-9)
    else:
        ok = isinstance(got, float) and got == float(value)  # type: ignore[arg-type]
    if not ok:
        raise ReadBackError(f"{ref} reads back as {got!r}, not {value!r}")


def _decode(cell: Any) -> str | float | bool | None:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        parts = [node.text or "" for node in cell.iter(f"{{{MAIN_NS}}}t")
                 if etree.QName(node.getparent()).localname != "rPh"]
        return unescape_text("".join(parts))
    text: str | None = cell.findtext(f"{{{MAIN_NS}}}v")
    if text is None:
        return None
    if kind == "b":
        return str(text).strip() == "1"
    if kind in ("str", "s", "e"):
        return str(text)
    return float(text)


def check_with_calamine(path: Path, sheets: dict[str, dict[Position, CellValue]]) -> None:
    """Open with python-calamine; read ``sheets`` whole and compare their cells."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        names = set(book.sheet_names)
        for sheet, wanted in sheets.items():
            if sheet not in names:
                raise ReadBackError(f"calamine does not see sheet '{sheet}'")
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            for (row, column), value in wanted.items():
                got = rows[row - 1][column - 1] if row <= len(rows) and column <= len(
                    rows[row - 1]) else ""
                if not _same(got, value, empty=""):
                    raise ReadBackError(f"calamine reads {sheet}!{cell_ref(row, column)} as "
                                        f"{got!r}, not {value!r}")
    finally:
        book.close()


def check_with_openpyxl(path: Path, names: list[str],
                        sheets: dict[str, dict[Position, CellValue]]) -> None:
    """Open with openpyxl (read-only); read the cells of ``sheets`` and compare.

    With no sheet to read cell by cell the shared strings are not loaded: the
    write-back never changes them (they are checked byte for byte), and for a
    large workbook loading them would cost more than the whole write.
    """
    from openpyxl.reader.excel import ExcelReader

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_strings(self) -> None:
            if sheets:
                super().read_strings()
            else:
                self.shared_strings: list[str] = []

    with warnings.catch_warnings(), path.open("rb") as stream:
        warnings.simplefilter("ignore")
        reader = Reader(stream, read_only=True, keep_links=False)
        reader.read()
        book = reader.wb
        try:
            missing = set(names) - set(book.sheetnames)
            if missing:
                raise ReadBackError(f"openpyxl does not see sheets {sorted(missing)}")
            for sheet, wanted in sheets.items():
                _openpyxl_sheet(book[sheet], sheet, wanted)
        finally:
            book.close()


def opens_with_openpyxl(path: Path) -> bool:
    """Does openpyxl open ``path`` at all (shared strings included)?

    Some packages it cannot read even as people saved them (e.g. one that declares
    a shared strings part it lacks); for those its verdict on the result says
    nothing about the write.
    """
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(path, read_only=True).close()
    except Exception:  # any failure: openpyxl cannot be the judge of this file
        return False
    return True


def _openpyxl_sheet(sheet: Any, name: str, wanted: dict[Position, CellValue]) -> None:
    last = max(row for row, _ in wanted)
    rows: dict[int, dict[int, Any]] = {}
    for row in sheet.iter_rows(max_row=last):
        for cell in row:
            if getattr(cell, "row", None) is not None:
                rows.setdefault(cell.row, {})[cell.column] = cell
    for (row, column), value in wanted.items():
        cell = rows.get(row, {}).get(column)
        got = None if cell is None else cell.value
        if cell is not None and cell.data_type == "f":
            raise ReadBackError(f"openpyxl reads {name}!{cell_ref(row, column)} as a formula")
        expected = escape_text(value) if isinstance(value, str) else value
        if not _same(got, expected, empty=None):
            raise ReadBackError(f"openpyxl reads {name}!{cell_ref(row, column)} as {got!r}, "
                                f"not {expected!r}")


def _same(got: Any, value: CellValue, empty: Any) -> bool:
    """Compare what a reader returned with what was written."""
    kind = kind_of(value)
    if kind is Kind.EMPTY:
        return got == empty or got is None
    if kind is Kind.TEXT or kind is Kind.BOOL:
        return type(got) is type(value) and got == value
    if kind in (Kind.DATE, Kind.DATETIME):
        return _same_moment(got, value)  # type: ignore[arg-type]
    number = float(value) if isinstance(value, (int, float, Decimal)) else math.nan
    return isinstance(got, (int, float)) and not isinstance(got, bool) and float(got) == number


def _same_moment(got: Any, value: date) -> bool:
    if not isinstance(got, date):
        return False
    wanted = value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    read = got if isinstance(got, datetime) else datetime.combine(got, datetime.min.time())
    return abs((read - wanted).total_seconds()) < 0.001
