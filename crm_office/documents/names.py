"""File names that are safe on Windows and Linux, whatever the client is called."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
             *(f"LPT{n}" for n in range(1, 10))}
MAX_STEM = 120
"""Characters of a name before the extension (Windows paths stay well under 260)."""


def safe_name(text: str, fallback: str = "document") -> str:
    """``text`` as one path component: no separators, no reserved names, no dots at the ends."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:MAX_STEM].rstrip(" .")
    if not text or set(text) <= {"_", "."}:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


def document_path(folder: Path, year: int, kind: str, number: str, client: str,
                  suffix: str = ".docx") -> Path:
    """``folder/<year>/<kind>/<number> <client>.docx``, never outside ``folder``."""
    stem = safe_name(f"{safe_name(number, 'no-number')} {safe_name(client, 'client')}")
    path = folder / str(year) / safe_name(kind) / f"{stem}{suffix}"
    resolved, root = path.resolve(), folder.resolve()
    if root not in resolved.parents:
        raise ValueError(f"{path} would leave {folder}")
    return path
