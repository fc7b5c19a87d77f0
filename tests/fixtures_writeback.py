"""Workbooks for the write-back tests, made by xlsxwriter and by a real LibreOffice.

The staff workbook has everything people build: an image, a chart, sparklines,
a table, dropdown lists (one fed from a range on a hidden sheet), conditional
formatting, comments, merged cells, defined names, frozen panes, an autofilter
and cells a person filled by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from excel_shaped import excel_staff_workbook, excel_workbook

TARGET = "Clients"
PERSON_FILL_CELL = "C5"
PERSON_FILL_RGB = "FFFFFF00"
PERSON_COMMENT_CELL = "B3"
PERSON_COMMENT = "Call before Friday - Anna"
HOLDER = "Anna Petrova"
STATUSES = ["lead", "active", "inactive"]
REGIONS = ["North", "South", "East", "West"]
ROWS = 20
SOFFICE_TIMEOUT = 120


def tiny_png() -> bytes:
    """A 2x2 red PNG, built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels))
            + chunk(b"IEND", b""))


def build_staff_workbook(path: Path, vba: bytes | None = None) -> Path:
    """The workbook a small office would have; ``vba`` makes it an .xlsm with a project."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = path.parent / "logo.png"
    image.write_bytes(tiny_png())
    book = xlsxwriter.Workbook(str(path))
    if vba is not None:
        vba_file = path.parent / "vbaProject.bin"
        vba_file.write_bytes(vba)
        book.add_vba_project(str(vba_file))
    clients = book.add_worksheet(TARGET)
    _fill_clients(book, clients)
    _decorate_clients(book, clients, image)
    lists = book.add_worksheet("Lists")
    lists.write_column(0, 0, REGIONS)
    lists.hide()
    deals = book.add_worksheet("Deals")
    deals.write_row(0, 0, ["Deal", "Client", "Amount"])
    deals.write_row(1, 0, ["D-1", "C-0001", 1200])
    book.define_name("Regions", "=Lists!$A$1:$A$4")
    book.set_properties({"title": "Clients", "author": HOLDER})
    book.close()
    return path


def _fill_clients(book: xlsxwriter.Workbook, sheet: xlsxwriter.worksheet.Worksheet) -> None:
    date_format = book.add_format({"num_format": "dd.mm.yyyy"})
    bold = book.add_format({"bold": True})
    header = ["Client ID", "Client", "Status", "E-mail", "Region", "Amount", "Created", "Notes"]
    sheet.write_row(0, 0, header, bold)
    for row in range(1, ROWS + 1):
        sheet.write_string(row, 0, f"C-{row:04d}")
        sheet.write_string(row, 1, f"Client {row}")
        sheet.write_string(row, 2, STATUSES[row % 3])
        sheet.write_string(row, 3, f"client{row}@example.com")
        sheet.write_string(row, 4, REGIONS[row % 4])
        sheet.write_number(row, 5, row * 150.5)
        sheet.write_datetime(row, 6, dt.datetime(2025, 1, row), date_format)
    yellow = book.add_format({"bg_color": "#FFFF00"})
    sheet.write_string(PERSON_FILL_CELL, "inactive", yellow)
    sheet.write_comment(PERSON_COMMENT_CELL, PERSON_COMMENT, {"author": HOLDER})


def _decorate_clients(book: xlsxwriter.Workbook, sheet: xlsxwriter.worksheet.Worksheet,
                      image: Path) -> None:
    last = ROWS + 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(f"A1:H{last}")
    sheet.set_column("B:B", 24)
    sheet.set_column("D:D", 28)
    sheet.data_validation(f"C2:C{last}", {"validate": "list", "source": STATUSES})
    sheet.data_validation(f"E2:E{last}", {"validate": "list", "source": "=Lists!$A$1:$A$4"})
    red = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    sheet.conditional_format(f"F2:F{last}", {"type": "cell", "criteria": ">", "value": 2000,
                                             "format": red})
    sheet.merge_range("J1:K1", "Merged title", book.add_format({"align": "center"}))
    sheet.add_table("M1:O4", {"name": "Targets", "columns": [
        {"header": "Region"}, {"header": "Target"}, {"header": "Done"}],
        "data": [["North", 10, 4], ["South", 12, 7], ["East", 8, 8]]})
    sheet.add_sparkline("Q2", {"range": f"F2:F{last}"})
    sheet.insert_image("S2", str(image))
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": f"={TARGET}!$F$2:$F${last}", "name": "Amount"})
    sheet.insert_chart("S8", chart)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_soffice(args: list[str], profile: Path) -> None:
    """Run LibreOffice headless with its own profile, killed after a timeout."""
    program = soffice()
    assert program is not None
    command = [program, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
               *args]
    subprocess.run(command, check=True, timeout=SOFFICE_TIMEOUT, capture_output=True)


def libreoffice_resave(source: Path, out_dir: Path, profile: Path) -> Path:
    """``source`` opened and saved again as .xlsx by LibreOffice."""
    out_dir.mkdir(parents=True, exist_ok=True)
    run_soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir),
                 str(source)], profile)
    result = out_dir / (source.stem + ".xlsx")
    assert zipfile.is_zipfile(result), f"LibreOffice did not write {result}"
    return result


def libreoffice_csv(source: Path, out_dir: Path, profile: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``source`` as CSV rows, exported by LibreOffice."""
    out_dir.mkdir(parents=True, exist_ok=True)
    run_soffice(["--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,'
                 'false,false,false,-1', "--outdir", str(out_dir), str(source)], profile)
    sheets = {}
    for file in out_dir.glob(f"{source.stem}-*.csv"):
        with file.open(encoding="utf-8", newline="") as stream:
            sheets[file.stem[len(source.stem) + 1:]] = list(csv.reader(stream))
    return sheets


def plain_workbook(path: Path, rows: list[list[object]] | None = None,
                   sheet: str = "Sheet1") -> Path:
    """A small workbook with one sheet of plain values, written by xlsxwriter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(sheet)
    for r, row in enumerate(rows if rows is not None else [["Name", "Amount"], ["Acme", 10]]):
        for c, value in enumerate(row):
            if value is not None:
                page.write(r, c, value)
    book.close()
    return path


PLAIN_WRITERS = ["xlsxwriter", "excel"]


def plain_book(writer: str, path: Path, rows: list[list[object]] | None = None,
               sheet: str = "Sheet1") -> Path:
    """:func:`plain_workbook` as xlsxwriter writes it or as Excel 365 saves it."""
    if writer == "excel":
        return excel_workbook(path, {sheet: [["Name", "Amount"], ["Acme", 10]]
                                     if rows is None else rows})
    return plain_workbook(path, rows, sheet)


def members(path: Path) -> dict[str, bytes]:
    """Every zip member's decompressed bytes."""
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def raw_members(path: Path) -> dict[str, tuple[int, int, int, int]]:
    """Every member's stored form: (method, CRC, compressed size, size)."""
    with zipfile.ZipFile(path) as package:
        return {info.filename: (info.compress_type, info.CRC, info.compress_size,
                                info.file_size) for info in package.infolist()}


_BUILT: dict[str, Path] = {}


WRITERS = ["xlsxwriter", "excel", pytest.param("libreoffice", marks=pytest.mark.libreoffice)]
"""Who wrote the staff workbook: every write-back test runs on each (see :func:`staff_copy`)."""


def staff_books(base: Path) -> dict[str, Path]:
    """The staff workbook as xlsxwriter wrote it, as Excel 365 saves it (tests/excel_shaped.py)
    and, when soffice exists, as LibreOffice saved the xlsxwriter one again; built once per
    test session under ``base``."""
    if not _BUILT:
        original = build_staff_workbook(base / "xlsxwriter" / "staff.xlsx")
        _BUILT["xlsxwriter"] = original
        _BUILT["excel"] = excel_staff_workbook(base / "excel" / "staff.xlsx")
        if soffice():
            _BUILT["libreoffice"] = libreoffice_resave(original, base / "libreoffice",
                                                       base / "lo-profile")
    return dict(_BUILT)


def staff_copy(writer: str, folder: Path, base: Path) -> Path:
    """A fresh copy of the staff workbook by ``writer`` in ``folder`` (skips without soffice)."""
    books = staff_books(base / "staff-books")
    if writer not in books:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(books[writer], folder / "staff.xlsx"))


def data_width(path: Path, sheet: str = TARGET) -> int:
    """Columns of the header row up to its first empty cell (the person's data)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        header = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)[0]
    finally:
        book.close()
    return next((index for index, value in enumerate(header) if value == ""), len(header))


def sheet_features(path: Path, sheet: str) -> dict[str, object]:
    """What a person built on ``sheet``, as openpyxl reads it."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = openpyxl.load_workbook(path)[sheet]
    return {
        "conditional_formatting": sorted(str(rule.sqref) for rule in page.conditional_formatting),
        "data_validations": sorted((str(rule.sqref), rule.formula1)
                                   for rule in page.data_validations.dataValidation),
        "freeze_panes": page.freeze_panes,
        "auto_filter": page.auto_filter.ref,
        "merged": sorted(str(cells) for cells in page.merged_cells.ranges),
        "tables": sorted(page.tables.items()),
        "charts": len(page._charts),
        "column_widths": {key: dim.width for key, dim in page.column_dimensions.items()},
    }
