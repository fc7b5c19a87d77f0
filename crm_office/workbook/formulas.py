"""Which cells of a sheet hold formulas, found by scanning the sheet's XML as a stream."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f[\s>/]')
CHUNK = 8 * 1024 * 1024
OVERLAP = 512


def sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding a sheet, looked up through workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for node in workbook.iter(f"{_MAIN_NS}sheet"):
        if node.get("name") == sheet:
            target = targets.get(node.get(f"{_REL_NS}id"), "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def formula_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row, column) of every cell with a formula; empty when none or unreadable."""
    try:
        with zipfile.ZipFile(path) as book:
            member = sheet_part(book, sheet)
            if member is None:
                return set()
            with book.open(member) as stream:
                return _scan(stream)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()


def _scan(stream: object) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    tail = b""
    while True:
        chunk = stream.read(CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            break
        data = tail + chunk
        if b"<f" in data:
            for match in _FORMULA_CELL.finditer(data):
                found.add((int(match.group(2)), _column_number(match.group(1))))
        tail = data[-OVERLAP:]
    return found


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
