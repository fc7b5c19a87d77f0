"""Python values -> the XML of one cell.

Text is always an inline string (``t="inlineStr"``), never a formula, whatever it
starts with. Numbers go in as numbers, ``bool`` as ``t="b"``, dates as serial
numbers (the caller gives the cell a date style), ``None`` empties the cell.
"""

from __future__ import annotations

import enum
import math
from datetime import date, datetime, timedelta
from decimal import Decimal

from crm_office.writeback.text import EXCEL_MAX_TEXT, cell_text, excel_length, needs_preserve

CellValue = str | int | float | Decimal | date | datetime | bool | None
"""What :meth:`SheetPatch.set_cell` accepts."""

FORMULA_STARTS = ("=", "+", "-", "@")
"""Text starting with one of these would turn into a formula if retyped in Excel."""

_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
_FIRST_REAL_1900 = datetime(1900, 3, 1)  # Excel counts a 29 Feb 1900 that never was


class Kind(enum.Enum):
    """What a value becomes in the cell; decides the style it needs."""

    EMPTY = "empty"
    TEXT = "text"
    NUMBER = "number"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"


def kind_of(value: CellValue) -> Kind:
    """The kind of ``value``; TypeError for anything a cell cannot hold."""
    if value is None:
        return Kind.EMPTY
    if isinstance(value, bool):
        return Kind.BOOL
    if isinstance(value, str):
        return Kind.TEXT
    if isinstance(value, datetime):
        return Kind.DATETIME
    if isinstance(value, date):
        return Kind.DATE
    if isinstance(value, (int, float, Decimal)):
        return Kind.NUMBER
    raise TypeError(f"a cell cannot hold a {type(value).__name__}")


def value_problem(value: CellValue, date1904: bool = False) -> str:
    """Why ``value`` cannot be written ("" when it can)."""
    try:
        kind = kind_of(value)
    except TypeError as exc:
        return str(exc)
    if kind is Kind.TEXT:
        return _text_problem(str(value))
    if kind is Kind.NUMBER and not math.isfinite(float(value)):  # type: ignore[arg-type]
        return f"{value} is not a number Excel can hold"
    if kind in (Kind.DATE, Kind.DATETIME):
        return _date_problem(value, date1904)  # type: ignore[arg-type]
    return ""


def _text_problem(text: str) -> str:
    try:
        length = excel_length(text)
    except UnicodeEncodeError:
        return ("the text holds a broken character (a lone UTF-16 surrogate) that no "
                "file can store")
    if length > EXCEL_MAX_TEXT:
        return (f"the text is {length:,} characters long; an Excel cell holds at most "
                f"{EXCEL_MAX_TEXT:,}")
    return ""


def _date_problem(value: date, date1904: bool) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return "Excel has no time zones: give a naive local date-time"
    first = date(1904, 1, 1) if date1904 else date(1900, 1, 1)
    day = value.date() if isinstance(value, datetime) else value
    if day < first:
        return f"Excel cannot hold dates before {first.isoformat()}"
    return ""


def date_serial(value: date, date1904: bool = False) -> float:
    """Excel's serial number of a date or date-time (days since the epoch)."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    if date1904:
        delta = moment - _EPOCH_1904
    else:
        delta = moment - _EPOCH_1900
        if moment < _FIRST_REAL_1900:
            delta -= timedelta(days=1)
    return delta.days + (delta.seconds + delta.microseconds / 1_000_000) / 86_400


def number_text(value: float | int | Decimal) -> str:
    """The text of a ``<v>`` for a number, exactly what readers parse back."""
    if isinstance(value, int):
        return str(value)
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)


def cell_xml(prefix: str, ref: str, style: int, value: CellValue, date1904: bool = False) -> str:
    """One ``<c>`` element (or "" for an empty cell with no style)."""
    kind = kind_of(value)
    style_attr = f' s="{style}"' if style else ""
    head = f'<{prefix}c r="{ref}"{style_attr}'
    if kind is Kind.EMPTY:
        return f"{head}/>" if style else ""
    if kind is Kind.TEXT:
        text = str(value)
        space = ' xml:space="preserve"' if needs_preserve(text) else ""
        return (f'{head} t="inlineStr"><{prefix}is><{prefix}t{space}>{cell_text(text)}'
                f"</{prefix}t></{prefix}is></{prefix}c>")
    if kind is Kind.BOOL:
        return f'{head} t="b"><{prefix}v>{int(bool(value))}</{prefix}v></{prefix}c>'
    if kind in (Kind.DATE, Kind.DATETIME):
        serial = date_serial(value, date1904)  # type: ignore[arg-type]
        return f"{head}><{prefix}v>{number_text(serial)}</{prefix}v></{prefix}c>"
    return f"{head}><{prefix}v>{number_text(value)}</{prefix}v></{prefix}c>"  # type: ignore[arg-type]
