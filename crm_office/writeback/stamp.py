"""What a workbook file looked like when it was read: size, mtime and content hash."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crm_office.errors import WorkbookError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileStamp:
    """Size, modification time (ns) and SHA-256 of a file at one moment."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        """Stamp the file at ``path`` now."""
        try:
            with Path(path).open("rb") as stream:
                return cls.of_stream(stream)
        except OSError as exc:
            raise WorkbookError(f"cannot be read: {exc.strerror or exc}", path=Path(path),
                                hint="check that the file exists and can be read") from exc

    @classmethod
    def of_stream(cls, stream: BinaryIO) -> FileStamp:
        """Stamp an open file (read with ``pread``, its position is left alone)."""
        info = os.fstat(stream.fileno())
        digest = hashlib.sha256()
        offset = 0
        while chunk := os.pread(stream.fileno(), _CHUNK, offset):
            digest.update(chunk)
            offset += len(chunk)
        return cls(size=offset, mtime_ns=info.st_mtime_ns, sha256=digest.hexdigest())

    def same_content(self, other: FileStamp) -> bool:
        """Same bytes (size and SHA-256); a touched but unchanged file counts as the same."""
        return self.size == other.size and self.sha256 == other.sha256
