"""Write a .docx package fast: every template part copied as stored, a few parts new.

The copied parts (already compressed) are laid out once, in :class:`PackageBase`;
each document then only deflates its own ``word/document.xml`` (and, for an
invoice, stores the QR image) and appends the central directory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8 = 0x800
_DATE, _TIME = (0 << 9) | (1 << 5) | 1, 0  # 1980-01-01 00:00: the same bytes every run


@dataclass(frozen=True)
class _Member:
    name: bytes
    method: int
    time: int
    date: int
    crc: int
    data: bytes
    size: int


def _member(name: str, method: int, time: int, date: int, crc: int, data: bytes,
            size: int) -> _Member:
    return _Member(name.encode("utf-8"), method, time, date, crc, data, size)


def new_member(name: str, content: bytes, *, deflate: bool = True) -> _Member:
    """A new part, deflated (or stored, for images that are compressed already)."""
    crc = zlib.crc32(content)
    if not deflate:
        return _member(name, zipfile.ZIP_STORED, _TIME, _DATE, crc, content, len(content))
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    return _member(name, zipfile.ZIP_DEFLATED, _TIME, _DATE, crc, data, len(content))


def _local(member: _Member) -> bytes:
    return _LOCAL.pack(b"PK\x03\x04", 20, _UTF8, member.method, member.time, member.date,
                       member.crc, len(member.data), member.size, len(member.name), 0
                       ) + member.name + member.data


def _central(member: _Member, offset: int) -> bytes:
    return _CENTRAL.pack(b"PK\x01\x02", 20, 20, _UTF8, member.method, member.time, member.date,
                         member.crc, len(member.data), member.size, len(member.name), 0, 0, 0,
                         0, 0, offset) + member.name


def read_members(path: Path, skip: set[str]) -> list[_Member]:
    """The parts of a package as stored (compressed bytes untouched), except ``skip``."""
    members = []
    with path.open("rb") as stream, zipfile.ZipFile(stream) as package:
        for info in package.infolist():
            if info.filename in skip:
                continue
            stream.seek(info.header_offset)
            header = _LOCAL.unpack(stream.read(_LOCAL.size))
            stream.seek(info.header_offset + _LOCAL.size + header[9] + header[10])
            data = stream.read(info.compress_size)
            year, month, day, hour, minute, second = info.date_time
            members.append(_member(info.filename, info.compress_type,
                                   (hour << 11) | (minute << 5) | (second // 2),
                                   ((year - 1980) << 9) | (month << 5) | day,
                                   info.CRC, data, info.file_size))
    return members


class PackageBase:
    """The copied parts of a template, laid out once; :meth:`build` adds the new ones."""

    def __init__(self, members: Sequence[_Member]) -> None:
        self._locals = b"".join(_local(member) for member in members)
        offsets, offset = [], 0
        for member in members:
            offsets.append(offset)
            offset += _LOCAL.size + len(member.name) + len(member.data)
        self._centrals = b"".join(_central(member, start)
                                  for member, start in zip(members, offsets, strict=True))
        self._count = len(members)

    def build(self, new: Sequence[_Member]) -> bytes:
        """The whole package: the copied parts, then ``new``, then the directory."""
        chunks, centrals = [self._locals], [self._centrals]
        offset = len(self._locals)
        for member in new:
            local = _local(member)
            chunks.append(local)
            centrals.append(_central(member, offset))
            offset += len(local)
        directory = b"".join(centrals)
        end = _END.pack(b"PK\x05\x06", 0, 0, self._count + len(new), self._count + len(new),
                        len(directory), offset, 0)
        return b"".join(chunks) + directory + end
