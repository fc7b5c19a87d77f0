"""Check the written package before it replaces the original.

1. Every member is where it was; each untouched one has the very same stored
   bytes, method and CRC as before.
2. Every rewritten or added XML part is well-formed (expat, streamed) and its
   CRC is right (zipfile checks it on reading).
3. Every written cell reads back as what was written: from the sheet XML for
   any size, and with python-calamine and openpyxl for sheets up to
   :data:`~crm_office.writeback.readback.FULL_CHECK_BYTES` (openpyxl only when
   the shared strings are that small too); both open the file in any case
   (workbook, relationships, content types, styles).
"""

from __future__ import annotations

import hashlib
import logging
import xml.parsers.expat
import zipfile
from pathlib import Path

from crm_office.writeback.changes import Changes
from crm_office.writeback.edits import Position
from crm_office.writeback.package import SourcePackage
from crm_office.writeback.readback import (
    FULL_CHECK_BYTES,
    ReadBackError,
    check_row_xml,
    check_with_calamine,
    check_with_openpyxl,
    opens_with_openpyxl,
)
from crm_office.writeback.splice import CHUNK, SHEET_DATA
from crm_office.writeback.stamp import FileStamp
from crm_office.writeback.values import CellValue
from crm_office.writeback.xmlbytes import attributes, namespaces, open_tag, root_tag

_XML_SUFFIXES = (".xml", ".rels")
log = logging.getLogger(__name__)


def verify(temp: Path, source: SourcePackage, changes: Changes, date1904: bool) -> FileStamp:
    """Raise :class:`ReadBackError` unless the package at ``temp`` is right; return its stamp."""
    with SourcePackage(temp) as result:
        _check_members(result, source, changes)
        small: dict[str, dict[Position, CellValue]] = {}
        for part in changes.part_names:
            sheet = next((name for name, sheet_part in changes.sheet_parts.items()
                          if sheet_part == part), None)
            wanted = changes.expected.get(sheet, {}) if sheet else {}
            _check_part(result, part, wanted, date1904)
            if sheet is not None and wanted and result.info(part).file_size <= FULL_CHECK_BYTES:
                small[sheet] = wanted
        strings = sum(info.file_size for info in result.infos
                      if "sharedstrings" in info.filename.lower())
        stamp = result.stamp
    names = list(changes.sheet_parts)
    try:
        check_with_calamine(temp, small)
    except ReadBackError:
        raise
    except Exception as exc:  # any failure of a reader means: people cannot open it
        raise ReadBackError(f"python-calamine cannot read it: {exc!r}") from exc
    try:
        check_with_openpyxl(temp, names, small if strings <= FULL_CHECK_BYTES else {})
    except ReadBackError:
        raise
    except Exception as exc:
        if opens_with_openpyxl(source.path):
            raise ReadBackError(f"openpyxl cannot read it: {exc!r}") from exc
        log.info("%s: openpyxl cannot read it, nor the original (%r); checked with "
                 "python-calamine and the XML", source.path, exc)
    return stamp


def _check_members(result: SourcePackage, source: SourcePackage, changes: Changes) -> None:
    expected = [info.filename for info in source.infos if info.filename not in changes.removed]
    expected += list(changes.added)
    got = [info.filename for info in result.infos]
    if got != expected:
        raise ReadBackError(f"the package members differ: {got} != {expected}")
    for info in source.infos:
        name = info.filename
        if name in changes.removed or name in changes.replaced:
            continue
        new = result.info(name)
        same = (new.CRC, new.compress_type, new.file_size, new.compress_size) == (
            info.CRC, info.compress_type, info.file_size, info.compress_size)
        if not same or _digest(result, new) != _digest(source, info):
            raise ReadBackError(f"{name} changed although it was not to be touched")


def _digest(package: SourcePackage, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    for chunk in package.raw_chunks(info):
        digest.update(chunk)
    return digest.hexdigest()


def _check_part(result: SourcePackage, part: str, wanted: dict[Position, CellValue],
                date1904: bool) -> None:
    """Stream the part: CRC, well-formedness and (for sheets) the written cells."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    is_xml = part.lower().endswith(_XML_SUFFIXES)
    picker = _RowPicker(wanted, date1904) if wanted else None
    with result.open(part) as stream:
        while chunk := stream.read(CHUNK):
            if is_xml:
                _feed(parser, part, chunk, final=False)
            if picker is not None:
                picker.feed(chunk)
    if is_xml:
        _feed(parser, part, b"", final=True)
    if picker is not None:
        picker.close()


def _feed(parser: xml.parsers.expat.XMLParserType, part: str, chunk: bytes,
          final: bool) -> None:
    try:
        parser.Parse(chunk, final)
    except xml.parsers.expat.ExpatError as exc:
        raise ReadBackError(f"{part} is not well-formed XML: {exc}") from exc


class _RowPicker:
    """Finds the written rows in a streamed sheet and checks their cells."""

    def __init__(self, wanted: dict[Position, CellValue], date1904: bool) -> None:
        self.rows: dict[int, dict[int, CellValue]] = {}
        for (row, column), value in wanted.items():
            self.rows.setdefault(row, {})[column] = value
        self.date1904 = date1904
        self.buffer = b""
        self.prefix: bytes | None = None
        self.declared: dict[bytes, bytes] = {}
        self.last = 0

    def feed(self, chunk: bytes) -> None:
        self.buffer += chunk
        if self.prefix is None:
            found = SHEET_DATA.search(self.buffer)
            if found is None:
                return
            self.prefix = found.group(1)
            self.declared = {**namespaces(root_tag(self.buffer[:found.start()]).group(0)),
                             **namespaces(found.group(2))}
            self.buffer = self.buffer[found.end():]
        cut = self.buffer.rfind(b"<" + self.prefix + b"row")
        if cut > 0:
            self._rows(self.buffer[:cut])
            self.buffer = self.buffer[cut:]

    def close(self) -> None:
        if self.prefix is not None:
            self._rows(self.buffer)
        missing = {row for row, cells in self.rows.items()
                   if any(value is not None for value in cells.values())}
        if missing:
            raise ReadBackError(f"rows {sorted(missing)[:5]} are missing from the sheet")

    def _rows(self, data: bytes) -> None:
        assert self.prefix is not None
        close = b"</" + self.prefix + b"row>"
        for found in open_tag(self.prefix, b"row").finditer(data):
            ref = attributes(found.group(1)).get(b"r")
            self.last = int(ref) if ref else self.last + 1
            if self.last not in self.rows:
                continue
            end = found.end() if found.group(1).rstrip().endswith(b"/") else \
                data.find(close, found.end()) + len(close)
            check_row_xml(data[found.start():end], self.declared, self.rows.pop(self.last),
                          self.last, self.date1904)
