"""Cell addresses: ``C17`` <-> (row 17, column 3), ranges, Excel's limits."""

from __future__ import annotations

import re

from crm_office.problems import column_letter
from crm_office.writeback.shape import PackageShapeError

MAX_ROW = 1_048_576
MAX_COLUMN = 16_384

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def cell_ref(row: int, column: int) -> str:
    """``(17, 3)`` -> ``C17``."""
    return f"{column_letter(column)}{row}"


def column_number(letters: str) -> int:
    """``AB`` -> 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def parse_ref(ref: str) -> tuple[int, int]:
    """``C17`` (or ``$C$17``) -> ``(17, 3)``; ValueError when it is not a cell."""
    found = _REF.fullmatch(ref.strip())
    if found is None:
        raise PackageShapeError(f"not a cell address: {ref!r}")
    return int(found.group(2)), column_number(found.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """``A1:T100`` -> ``(1, 1, 100, 20)`` (top, left, bottom, right); one cell works too."""
    first, _, last = ref.partition(":")
    top, left = parse_ref(first)
    bottom, right = parse_ref(last) if last else (top, left)
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


def range_ref(top: int, left: int, bottom: int, right: int) -> str:
    """The inverse of :func:`parse_range`; a single cell is written as one address."""
    if (top, left) == (bottom, right):
        return cell_ref(top, left)
    return f"{cell_ref(top, left)}:{cell_ref(bottom, right)}"


def check_position(row: int, column: int) -> None:
    """ValueError unless ``row``/``column`` are 1-based and inside Excel's grid."""
    if not (1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN):
        raise ValueError(f"row {row}, column {column} is outside Excel's grid "
                         f"(rows 1-{MAX_ROW}, columns 1-{MAX_COLUMN})")


def quote_sheet(name: str) -> str:
    """A sheet name as it appears in a reference: ``'Client list'``."""
    return "'" + name.replace("'", "''") + "'"
