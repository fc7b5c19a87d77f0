"""The workbook as it is on disk: one open file, its stamp, its zip members.

The file is opened once; its stamp (size, mtime, SHA-256) and every member read
later come from that same open file, so what is checked is what is copied.
Raw member bytes are read with ``pread`` so they can be copied without
decompressing them.
"""

from __future__ import annotations

import os
import posixpath
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from crm_office.errors import WorkbookError
from crm_office.writeback.stamp import FileStamp

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_CHUNK = 1 << 20


class SourcePackage:
    """A read-only view of the original .xlsx package."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = path.open("rb")
        try:
            self.stamp = FileStamp.of_stream(self._file)
            self.zip = zipfile.ZipFile(self._file)
        except zipfile.BadZipFile as exc:
            self._file.close()
            raise WorkbookError("is not a valid .xlsx package (a damaged zip)", path=path,
                                hint="open it in Excel and save it again") from exc
        except BaseException:
            self._file.close()
            raise
        self.infos = self.zip.infolist()
        for info in self.infos:
            info.filename = part_name(info.filename)
        self._by_name = {info.filename: info for info in self.infos}
        if len(self._by_name) != len(self.infos):
            self.close()
            raise WorkbookError("has two zip members with the same part name", path=path,
                                hint="open it in Excel and save it again")

    def __enter__(self) -> SourcePackage:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()
        self._file.close()

    @property
    def fileno(self) -> int:
        return self._file.fileno()

    def has(self, name: str) -> bool:
        return name in self._by_name

    def info(self, name: str) -> zipfile.ZipInfo:
        """The member holding part ``name`` (a clear error when the package lacks it)."""
        found = self._by_name.get(name)
        if found is None:
            raise WorkbookError(f"is not a complete .xlsx package: it has no part {name}",
                                path=self.path, hint="open it in Excel and save it again")
        return found

    def read(self, name: str) -> bytes:
        """The decompressed bytes of a (small) part."""
        return self.zip.read(self.info(name))

    def read_or_none(self, name: str) -> bytes | None:
        return self.read(name) if name in self._by_name else None

    def open(self, name: str) -> IO[bytes]:
        """A streaming reader of a part (checks the CRC at its end)."""
        return self.zip.open(self.info(name))

    def raw_chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's compressed bytes, exactly as stored."""
        start = info.header_offset
        header = os.pread(self.fileno, _LOCAL_HEADER.size, start)
        fields = _LOCAL_HEADER.unpack(header)
        if fields[0] != _LOCAL_SIGNATURE:
            raise WorkbookError(f"zip member {info.filename} is damaged", path=self.path,
                                hint="open it in Excel and save it again")
        offset = start + _LOCAL_HEADER.size + fields[9] + fields[10]
        remaining = info.compress_size
        while remaining > 0:
            chunk = os.pread(self.fileno, min(_CHUNK, remaining), offset)
            if not chunk:
                raise WorkbookError(f"zip member {info.filename} is cut short", path=self.path)
            yield chunk
            offset += len(chunk)
            remaining -= len(chunk)


def part_name(stored: str) -> str:
    """The part name of a zip member: some Windows tools store ``xl\\workbook.xml``.

    Excel and python-calamine read such packages; the write-back reads them as
    ``xl/workbook.xml`` and writes every member back under its standard name.
    """
    return stored.replace("\\", "/")


def part_dir(name: str) -> str:
    """``xl/worksheets/sheet1.xml`` -> ``xl/worksheets``."""
    return posixpath.dirname(name)


def rels_name(name: str) -> str:
    """The relationships part of a part: ``xl/_rels/workbook.xml.rels``."""
    return posixpath.join(part_dir(name), "_rels", posixpath.basename(name) + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target made into a part name (no leading slash)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(part_dir(source_part), target))


def relative_target(source_part: str, part: str) -> str:
    """The target to write in ``source_part``'s relationships for ``part``."""
    return posixpath.relpath(part, part_dir(source_part) or ".")


def unused_name(package_names: set[str], pattern: str) -> str:
    """The first ``pattern.format(n)`` (n = 1, 2, ...) not in the package."""
    number = 1
    lowered = {name.lower() for name in package_names}
    while pattern.format(number).lower() in lowered:
        number += 1
    return pattern.format(number)
