"""A minimal zip writer that copies members byte for byte.

``zipfile`` cannot copy a member without decompressing and recompressing it; this
writer can: :meth:`PackageWriter.copy_raw` writes the original compressed bytes,
method, CRC and timestamp, so untouched parts (images, VBA, charts...) stay
identical. New parts are deflated once, possibly into a spool first
(:class:`DeflateSpool`), so a large sheet is streamed and never held whole.
"""

from __future__ import annotations

import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

DEFLATE_LEVEL = 6
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp of new members (as Excel and xlsxwriter write), so output is repeatable."""

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_FLAG = 0x800
_LIMIT = 0xFFFFFFFF
_SPOOL_IN_MEMORY = 16 << 20


class PackageTooLargeError(ValueError):
    """The package needs zip64 (over 4 GB or 65,535 members), which this writer refuses."""


@dataclass
class _Entry:
    name: bytes
    flags: int
    method: int
    dos_time: int
    dos_date: int
    crc: int
    compressed: int
    size: int
    offset: int
    external: int
    internal: int
    made_by: int = 20


class DeflateSpool:
    """Deflate a stream of bytes into a spool, counting CRC and sizes."""

    def __init__(self, folder: Path | None = None, level: int = DEFLATE_LEVEL) -> None:
        self.file: Any = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by close()
            max_size=_SPOOL_IN_MEMORY, dir=None if folder is None else str(folder))
        self._deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0
        self.compressed = 0

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._store(self._deflate.compress(data))

    def finish(self) -> DeflateSpool:
        self._store(self._deflate.flush())
        self.file.seek(0)
        return self

    def chunks(self) -> Iterable[bytes]:
        self.file.seek(0)
        while chunk := self.file.read(1 << 20):
            yield chunk

    def close(self) -> None:
        self.file.close()

    def _store(self, data: bytes) -> None:
        if data:
            self.file.write(data)
            self.compressed += len(data)


def deflate_bytes(data: bytes, level: int = DEFLATE_LEVEL) -> DeflateSpool:
    """A finished spool holding ``data``."""
    spool = DeflateSpool(level=level)
    spool.write(data)
    return spool.finish()


class PackageWriter:
    """Write a zip file member by member, then its central directory."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._out = stream
        self._entries: list[_Entry] = []
        self._offset = 0

    def copy_raw(self, info: zipfile.ZipInfo, chunks: Iterable[bytes]) -> None:
        """Copy a member's stored bytes unchanged (same method, CRC, time, attributes)."""
        entry = self._entry(info.filename, info.compress_type, info.date_time, info.CRC,
                            info.compress_size, info.file_size)
        entry.external, entry.internal = info.external_attr, info.internal_attr
        entry.made_by = info.create_system << 8 | min(info.create_version, 63)
        self._write_member(entry, chunks)

    def add_spool(self, name: str, spool: DeflateSpool,
                  date_time: tuple[int, int, int, int, int, int] = FIXED_TIME,
                  external_attr: int = 0) -> None:
        """Add a member whose deflated bytes are in ``spool``."""
        entry = self._entry(name, zipfile.ZIP_DEFLATED, date_time, spool.crc,
                            spool.compressed, spool.size)
        entry.external = external_attr
        self._write_member(entry, spool.chunks())

    def close(self, comment: bytes = b"") -> None:
        """Write the central directory and the end record (the stream stays open)."""
        start = self._offset
        for entry in self._entries:
            self._write(_CENTRAL.pack(
                b"PK\x01\x02", entry.made_by, 20, entry.flags, entry.method, entry.dos_time,
                entry.dos_date, entry.crc, entry.compressed, entry.size, len(entry.name), 0,
                0, 0, entry.internal, entry.external, entry.offset) + entry.name)
        size = self._offset - start
        if len(self._entries) > 0xFFFF or self._offset > _LIMIT:
            raise PackageTooLargeError("the package would need zip64")
        self._write(_END.pack(b"PK\x05\x06", 0, 0, len(self._entries), len(self._entries),
                              size, start, len(comment)) + comment)

    def _entry(self, name: str, method: int, date_time: tuple[int, ...], crc: int,
               compressed: int, size: int) -> _Entry:
        if max(compressed, size, self._offset) > _LIMIT:
            raise PackageTooLargeError(f"{name} would need zip64")
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_FLAG
        year, month, day, hour, minute, second = date_time
        dos_time = hour << 11 | minute << 5 | second // 2
        dos_date = (year - 1980) << 9 | month << 5 | day
        return _Entry(encoded, flags, method, dos_time, dos_date, crc, compressed, size,
                      self._offset, 0, 0)

    def _write_member(self, entry: _Entry, chunks: Iterable[bytes]) -> None:
        self._write(_LOCAL.pack(b"PK\x03\x04", 20, entry.flags, entry.method, entry.dos_time,
                                entry.dos_date, entry.crc, entry.compressed, entry.size,
                                len(entry.name), 0) + entry.name)
        written = 0
        for chunk in chunks:
            self._write(chunk)
            written += len(chunk)
        if written != entry.compressed:
            raise ValueError(f"{entry.name!r}: wrote {written} bytes, expected "
                             f"{entry.compressed}")
        self._entries.append(entry)

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._offset += len(data)
