"""Stream a worksheet part through, rewriting only the rows that change.

The part is read in 1 MiB chunks; bytes between changed rows are passed on
untouched, so a 100,000-row sheet is patched in one pass with memory for a
couple of chunks and never becomes a tree. Rows must be in ascending order, as
the file format requires; a sheet that breaks that is refused, not guessed at.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import IO, Protocol

from crm_office.writeback.shape import PackageShapeError
from crm_office.writeback.xmlbytes import open_tag

CHUNK = 1 << 20
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
SHEET_DATA = re.compile(rb"""<((?:[\w.-]+:)?)sheetData(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")


class RowJob(Protocol):
    """What the splicer needs from whoever decides the changes."""

    rows: list[int]
    """Rows to edit or create, ascending."""
    clear: re.Pattern[bytes] | None
    """Rows where this matches are edited too (to clear stale marks)."""

    def start(self, head: bytes) -> bytes: ...
    def edit_row(self, row: bytes, number: int) -> bytes: ...
    def new_row(self, number: int) -> bytes: ...
    def finish(self, tail: bytes) -> bytes: ...


def splice_sheet(source: IO[bytes], write: Callable[[bytes], None], job: RowJob) -> None:
    """Copy the sheet XML from ``source`` to ``write`` with ``job``'s rows changed."""
    buffer = b""
    while (found := SHEET_DATA.search(buffer)) is None:
        chunk = source.read(CHUNK)
        if not chunk:
            raise PackageShapeError("the sheet has no <sheetData>")
        buffer += chunk
    prefix = found.group(1)
    write(job.start(buffer[:found.start()]))
    splicer = _Rows(prefix, job, write)
    if found.group(2).rstrip().endswith(b"/"):
        write(b"<" + prefix + b"sheetData>")
        splicer.flush_pending()
        write(b"</" + prefix + b"sheetData>")
        write(job.finish(buffer[found.end():] + source.read()))
        return
    write(found.group(0))
    splicer.run(buffer[found.end():], source)


def sheet_tail(source: IO[bytes]) -> tuple[bytes, bytes]:
    """The sheet's main prefix and its bytes after ``</sheetData>`` (one streaming pass)."""
    buffer = b""
    while (found := SHEET_DATA.search(buffer)) is None:
        chunk = source.read(CHUNK)
        if not chunk:
            return b"", b""
        buffer += chunk
    prefix = found.group(1)
    close = b"</" + prefix + b"sheetData>"
    buffer = buffer[found.end():]
    while (at := buffer.find(close)) < 0:
        chunk = source.read(CHUNK)
        if not chunk:
            return prefix, b""
        buffer = buffer[-len(close):] + chunk
    return prefix, buffer[at:] + source.read()


class _Rows:
    """The row-by-row part of the splice."""

    def __init__(self, prefix: bytes, job: RowJob, write: Callable[[bytes], None]) -> None:
        self.job = job
        self.write = write
        self.pending = deque(job.rows)
        self.last = 0
        self._row = open_tag(prefix, b"row")
        self._row_start = b"<" + prefix + b"row"
        self._row_close = b"</" + prefix + b"row>"
        self._close = b"</" + prefix + b"sheetData>"

    def run(self, buffer: bytes, source: IO[bytes]) -> None:
        while True:
            end = buffer.find(self._close)
            if end >= 0:
                self.region(buffer[:end])
                self.flush_pending()
                self.write(self.job.finish(buffer[end:] + source.read()))
                return
            cut = buffer.rfind(self._row_start)
            if cut > 0:
                self.region(buffer[:cut])
                buffer = buffer[cut:]
            chunk = source.read(CHUNK)
            if not chunk:
                raise PackageShapeError("the sheet ends inside <sheetData>")
            buffer += chunk

    def flush_pending(self) -> None:
        while self.pending:
            self.write(self.job.new_row(self.pending.popleft()))

    def region(self, data: bytes) -> None:
        """Pass on complete rows, editing the ones that change."""
        clear_at = self._rows_to_clear(data)
        if not self.pending and not clear_at and self._skip(data):
            self.write(data)
            return
        position = 0
        for found in self._row.finditer(data):
            number = self._number(found)
            while self.pending and self.pending[0] < number:
                self.write(data[position:found.start()])
                position = found.start()
                self.write(self.job.new_row(self.pending.popleft()))
            touched = bool(self.pending) and self.pending[0] == number
            if touched:
                self.pending.popleft()
            if touched or found.start() in clear_at:
                end = self._row_end(data, found)
                self.write(data[position:found.start()])
                self.write(self.job.edit_row(data[found.start():end], number))
                position = end
        self.write(data[position:])

    def _number(self, found: re.Match[bytes]) -> int:
        ref = _ROW_NUMBER.search(found.group(1))
        number = int(ref.group(1)) if ref else self.last + 1
        if number <= self.last:
            raise PackageShapeError(f"row {number} comes after row {self.last}: the rows are out "
                             "of order")
        self.last = number
        return number

    def _row_end(self, data: bytes, found: re.Match[bytes]) -> int:
        if found.group(1).rstrip().endswith(b"/"):
            return found.end()
        end = data.find(self._row_close, found.end())
        if end < 0:
            raise PackageShapeError("a row has no end")
        return end + len(self._row_close)

    def _rows_to_clear(self, data: bytes) -> set[int]:
        """Start offsets of rows holding a cell in an engine-marked style."""
        if self.job.clear is None:
            return set()
        starts = set()
        for hit in self.job.clear.finditer(data):
            start = data.rfind(self._row_start, 0, hit.start())
            if start >= 0:
                starts.add(start)
        return starts

    def _skip(self, data: bytes) -> bool:
        """Nothing to do here: note the last row number without walking every row."""
        start = data.rfind(self._row_start)
        if start < 0:
            return True
        found = self._row.match(data, start)
        if found is None or _ROW_NUMBER.search(found.group(1)) is None:
            return False
        self._number(found)
        return True
