"""Is the workbook open in Excel or LibreOffice? Read their lock files.

Excel keeps ``~$name.xlsx`` beside the workbook (165 bytes): a length byte, the
user's name in the Windows 8-bit code page padded with spaces, then at offset 54
(Word) or 55 (Excel) a 2-byte length and the name again in UTF-16-LE.
LibreOffice keeps ``.~lock.name.xlsx#``: one CSV line
``Formatted name,system user,host,date,profile URL;`` with ``\\`` escaping.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from crm_office.catalogue import Text
from crm_office.errors import WorkbookLockedError

_UTF16_OFFSETS = (55, 54)
_MAX_NAME = 52


def lock_files(path: Path) -> list[Path]:
    """The lock files that would say ``path`` is open, whether they exist or not."""
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def lock_holder(path: Path) -> str | None:
    """Who holds ``path`` open ("" when a lock exists but names nobody), or None."""
    for lock in lock_files(path):
        try:
            data = lock.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            return ""
        return excel_holder(data) if lock.name.startswith("~$") else libreoffice_holder(data)
    return None


def ensure_unlocked(path: Path) -> None:
    """Raise :class:`WorkbookLockedError` when someone has ``path`` open."""
    holder = lock_holder(path)
    if holder is not None:
        lock = next(candidate for candidate in lock_files(path) if candidate.exists())
        raise WorkbookLockedError(
            path=path, holder=holder,
            hint=Text("hint.close-or-delete-lock", holder=holder, lock=lock.name) if holder
            else Text("hint.close-or-delete-lock-someone", lock=lock.name))


def excel_holder(data: bytes) -> str:
    """The user name in an Excel/Word owner file; "" when none can be read."""
    for offset in _UTF16_OFFSETS:
        name = _utf16_name(data, offset)
        if name:
            return name
    bare = _bare_utf16(data[54:])
    if bare:
        return bare
    if data and 0 < data[0] <= _MAX_NAME and len(data) > data[0]:
        return _printable(data[1:1 + data[0]].decode("cp1252", errors="replace"))
    return ""


def _utf16_name(data: bytes, offset: int) -> str:
    if len(data) < offset + 2:
        return ""
    length = int.from_bytes(data[offset:offset + 2], "little")
    end = offset + 2 + 2 * length
    if not 0 < length <= _MAX_NAME or end > len(data):
        return ""
    name = data[offset + 2:end].decode("utf-16-le", errors="replace")
    return name if name == _printable(name) and "\ufffd" not in name else ""


def _bare_utf16(data: bytes) -> str:
    """A UTF-16-LE name written without its length, padded with spaces or NULs."""
    text = data[:len(data) // 2 * 2].decode("utf-16-le", errors="replace").split("\x00")[0]
    text = text.strip()
    if not text or "\ufffd" in text or text != _printable(text):
        return ""
    return text if sum(char.isalpha() for char in text) * 2 >= len(text) else ""


def libreoffice_holder(data: bytes) -> str:
    """The formatted (else system) user name in a LibreOffice lock file."""
    fields = _csv_fields(data.decode("utf-8", errors="replace"))
    for field in fields[:2]:
        if field.strip():
            return _printable(field.strip())
    return ""


def _csv_fields(text: str) -> list[str]:
    fields, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in ",;":
            fields.append("".join(current))
            current = []
            if char == ";":
                break
        else:
            current.append(char)
    return fields + (["".join(current)] if current else [])


def _printable(text: str) -> str:
    kept = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    return kept.strip()
