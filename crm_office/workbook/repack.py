"""Make zip packages (.xlsx, .docx) byte-for-byte the same on every run and machine.

Writers stamp zip entries with the current time and the file's permissions;
re-packing with a fixed time, fixed attributes and the same entry order removes both.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_UNIX = 3
_FILE_MODE = 0o644 << 16


def repack(data: bytes) -> bytes:
    """The same zip package with fixed timestamps and attributes, entries in order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = _UNIX
            fixed.external_attr = _FILE_MODE
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def repack_file(path: Path) -> None:
    """Re-pack a zip package in place."""
    path.write_bytes(repack(path.read_bytes()))
