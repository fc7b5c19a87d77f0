"""Reshape a workbook the way Microsoft Excel 365 saves it, for benchmarks on Excel-saved files.

Excel writes namespace declarations and ``mc:Ignorable="x14ac xr xr2 xr3"`` on every
worksheet and on the workbook, ``xr:uid`` on sheets, ``spans`` and
``x14ac:dyDescent`` on every ``<row>``, and an ``extLst`` block at the end of the
sheet. xlsxwriter writes none of these; this turns its output into that shape, part by
part, keeping every value as it was::

    .venv/bin/python bench/excel_shape.py bench/data/clients.xlsx   # in place
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

NAMESPACES = (
    b' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    b' mc:Ignorable="x14ac xr xr2 xr3"'
    b' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
    b' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
    b' xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"'
    b' xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"')
EXT_LIST = (
    b'<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"'
    b' xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>'
    b'</ext></extLst>')
_ROOT = re.compile(rb"<(worksheet|workbook)( xmlns=\"[^\"]+\")")
_ROW = re.compile(rb"<row r=\"(\d+)\"( spans=\"[^\"]*\")?")
_CELL_COLUMNS = re.compile(rb"<c r=\"([A-Z]+)\d+\"")


def reshape_sheet(xml: bytes) -> bytes:
    """One worksheet as Excel 365 writes it."""
    uid = f' xr:uid="{{{uuid.uuid5(uuid.NAMESPACE_URL, str(len(xml))).hex.upper()}}}"'
    xml = _ROOT.sub(lambda m: b"<" + m[1] + m[2] + NAMESPACES + uid.encode(), xml, count=1)
    width = max((_column_number(m[1]) for m in _CELL_COLUMNS.finditer(xml, 0, 200_000)),
                default=1)
    spans = b' spans="1:' + str(width).encode() + b'"'
    xml = _ROW.sub(lambda m: b'<row r="' + m[1] + b'"' + (m[2] or spans)
                   + b' x14ac:dyDescent="0.25"', xml)
    return xml.replace(b"</worksheet>", EXT_LIST + b"</worksheet>")


def reshape_workbook(xml: bytes) -> bytes:
    """workbook.xml with Excel's namespaces and ``mc:Ignorable``."""
    return _ROOT.sub(lambda m: b"<" + m[1] + m[2] + NAMESPACES, xml, count=1)


def reshape(path: Path) -> None:
    """Rewrite ``path`` in place in Excel 365's shape."""
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".xlsx", delete=False) as handle:
        temp = Path(handle.name)
    with zipfile.ZipFile(path) as source, \
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/sheet"):
                data = reshape_sheet(data)
            elif entry.filename == "xl/workbook.xml":
                data = reshape_workbook(data)
            target.writestr(entry.filename, data)
    shutil.move(temp, path)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


if __name__ == "__main__":
    for name in sys.argv[1:]:
        reshape(Path(name))
        print(f"{name}: reshaped as Excel 365 saves it", file=sys.stderr)
