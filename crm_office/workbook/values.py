"""Turn cell values into typed values: dates, numbers, money, yes/no, text.

Each converter takes what python-calamine gives (str, float, int, bool, date,
datetime, '' for empty) and returns the typed value or ``None`` for an empty
cell; it raises ``ValueError`` for a value it cannot read. Fast paths first:
most cells already have the right type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from crm_office.model import ColumnType

EXCEL_EPOCH = date(1899, 12, 30)
MAX_SERIAL = 2958465  # 9999-12-31
CENT = Decimal("0.01")

_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y", "%Y.%m.%d",
                 "%d/%m/%y", "%Y/%m/%d")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
_CURRENCY = re.compile(r"(?i)(eur|rub|uah|usd|gbp|руб\.?|р\.|грн\.?|[€$£₽₴%])")
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2},\d{3}$")  # 1,200 is twelve hundred; 0,125 is not
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

_TRUE = frozenset({"yes", "y", "true", "1", "да", "д", "+", "x", "✓", "✔", "истина", "on"})
_FALSE = frozenset({"no", "n", "false", "0", "нет", "н", "-", "ложь", "off"})


def to_text(value: Any) -> str | None:
    """Text as typed; numbers typed into text columns lose Excel's '.0'."""
    kind = type(value)
    if kind is str:
        return value if value.strip() else None
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if kind is bool:
        return "yes" if value else "no"
    if kind is datetime:
        stamp: str = value.date().isoformat() if value.time() == time() else value.isoformat(" ")
        return stamp
    return None if value is None else str(value)


def to_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial number or text like 12.03.2025."""
    kind = type(value)
    if kind is date:
        return value  # type: ignore[no-any-return]
    if kind is datetime:
        return value.date()  # type: ignore[no-any-return]
    if kind is str:
        return _date_from_text(value)
    if kind is float or kind is int:
        if 0 < value <= MAX_SERIAL:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(value)
    if value is None:
        return None
    raise ValueError(value)


def _date_from_text(text: str) -> date | None:
    text = _TIME_SUFFIX.sub("", text.strip())
    if not text:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def to_number(value: Any) -> Decimal | None:
    """A number from a number cell or text such as '1 234,5', '1,234.50 €' or '15 %'."""
    kind = type(value)
    if kind is float:
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    if kind is int:
        return Decimal(value)
    if kind is str:
        return _number_from_text(value)
    if value is None:
        return None
    raise ValueError(value)


def _number_from_text(text: str) -> Decimal | None:
    cleaned = _CURRENCY.sub("", _SPACES.sub("", text)).replace("\u2212", "-")
    if not cleaned:
        if text.strip():
            raise ValueError(text)
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = "-" + cleaned[1:-1]
    cleaned = _decimal_point(cleaned)
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


def _decimal_point(text: str) -> str:
    """Decide which of ',' and '.' is the decimal separator; drop the other."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    if text.count(",") > 1:
        return text.replace(",", "")
    if text.count(".") > 1:
        return text.replace(".", "")
    if _THOUSANDS.match(text):
        return text.replace(",", "")
    return text.replace(",", ".")


def to_integer(value: Any) -> int | None:
    """A whole number; 3.0 is accepted, 3.5 is not."""
    kind = type(value)
    if kind is float:
        if value.is_integer():
            return int(value)
        raise ValueError(value)
    if kind is int:
        return value  # type: ignore[no-any-return]
    number = to_number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(value)
    return int(number)


def to_money(value: Any) -> Decimal | None:
    """An amount of money as Decimal, rounded to cents."""
    kind = type(value)
    if kind is float:
        if value.is_integer():
            return Decimal(int(value))
        return Decimal(repr(value)).quantize(CENT)
    number = to_number(value)
    if number is None or number.as_tuple().exponent >= -2:  # type: ignore[operator]
        return number
    return number.quantize(CENT)


def to_bool(value: Any) -> bool | None:
    """Yes/no in English or Russian, 1/0, TRUE/FALSE cells."""
    kind = type(value)
    if kind is bool:
        return value  # type: ignore[no-any-return]
    if kind is float or kind is int:
        if value in (0, 1):
            return bool(value)
        raise ValueError(value)
    if kind is str:
        word = value.strip().casefold().rstrip(".")
        if not word:
            return None
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueError(value)
    if value is None:
        return None
    raise ValueError(value)


CONVERTERS: dict[ColumnType, Callable[[Any], Any]] = {
    ColumnType.TEXT: to_text, ColumnType.CHOICE: to_text, ColumnType.EMAIL: to_text,
    ColumnType.PHONE: to_text, ColumnType.TAX_ID: to_text, ColumnType.DATE: to_date,
    ColumnType.NUMBER: to_number, ColumnType.INTEGER: to_integer, ColumnType.MONEY: to_money,
    ColumnType.BOOL: to_bool,
}

PROBLEM_CODES: dict[ColumnType, str] = {
    ColumnType.DATE: "value-not-date", ColumnType.NUMBER: "value-not-number",
    ColumnType.INTEGER: "value-not-integer", ColumnType.MONEY: "value-not-money",
    ColumnType.BOOL: "value-not-bool",
}
