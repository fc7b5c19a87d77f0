"""Which number formats show dates (and times)."""

from __future__ import annotations

import re

DATE_FORMAT_ID = 14
"""Built-in short date (shown in the reader's own locale)."""
DATETIME_FORMAT_ID = 22
"""Built-in short date and time."""

_BUILTIN_DATES = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_BUILTIN_TIMES = set(range(18, 23)) | set(range(45, 48))
_NOT_CODE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _first_section(code: str) -> str:
    return _NOT_CODE.sub("", code).split(";")[0]


def is_date_code(code: str) -> bool:
    """A custom format code that shows a date or a time (``dd.mm.yyyy``, ``h:mm``)."""
    section = _first_section(code)
    return section.lower() != "general" and bool(re.search(r"[dmyhs]", section, re.IGNORECASE))


def has_time_code(code: str) -> bool:
    """A format code that shows hours or seconds."""
    section = _first_section(code)
    return bool(re.search(r"[hs]|AM/PM|A/P", section, re.IGNORECASE))


def is_date_format(format_id: int, custom: dict[int, str]) -> bool:
    """Does number format ``format_id`` (built-in or from ``custom``) show a date?"""
    if format_id in custom:
        return is_date_code(custom[format_id])
    return format_id in _BUILTIN_DATES


def has_time(format_id: int, custom: dict[int, str]) -> bool:
    if format_id in custom:
        return has_time_code(custom[format_id])
    return format_id in _BUILTIN_TIMES
