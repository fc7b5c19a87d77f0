"""Find the last row of a sheet that holds a value, in one streaming pass.

Used by :meth:`SheetPatch.append_row`: a row only formatted (or only marked) is
not "used", so appending goes right after the last row with data, as a person
would add it.
"""

from __future__ import annotations

from typing import IO

from crm_office.writeback.shape import file_int
from crm_office.writeback.splice import CHUNK, SHEET_DATA
from crm_office.writeback.xmlbytes import attributes, open_tag


def last_value_row(source: IO[bytes]) -> int:
    """The number of the last row with a value or formula; 0 for an empty sheet."""
    buffer = b""
    while (found := SHEET_DATA.search(buffer)) is None:
        chunk = source.read(CHUNK)
        if not chunk:
            return 0
        buffer += chunk
    if found.group(2).rstrip().endswith(b"/"):
        return 0
    scan = _Scan(found.group(1))
    buffer = buffer[found.end():]
    while True:
        end = buffer.find(scan.close)
        if end >= 0:
            scan.region(buffer[:end])
            return scan.value_row
        cut = buffer.rfind(scan.row_start)
        if cut > 0:
            scan.region(buffer[:cut])
            buffer = buffer[cut:]
        chunk = source.read(CHUNK)
        if not chunk:
            scan.region(buffer)
            return scan.value_row
        buffer += chunk


class _Scan:
    def __init__(self, prefix: bytes) -> None:
        self.row_start = b"<" + prefix + b"row"
        self.close = b"</" + prefix + b"sheetData>"
        self._row = open_tag(prefix, b"row")
        self._markers = [b"<" + prefix + name + end for name in (b"v", b"is", b"f")
                         for end in (b">", b" ", b"/")]
        self.last_row = 0
        self.value_row = 0

    def region(self, data: bytes) -> None:
        before = self.last_row
        marker = max(data.rfind(found) for found in self._markers)
        if marker >= 0:
            start = data.rfind(self.row_start, 0, marker)
            number = self._number_at(data, start)
            self.value_row = number or before + data.count(self.row_start, 0, start) + 1
        last = data.rfind(self.row_start)
        if last >= 0:
            self.last_row = self._number_at(data, last) or before + data.count(self.row_start)

    def _number_at(self, data: bytes, start: int) -> int:
        found = self._row.match(data, start) if start >= 0 else None
        ref = attributes(found.group(1)).get(b"r") if found else None
        return file_int(ref, "a row number")
