"""Find a table's header row (even below title rows) and map headers to fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crm_office.model import Table, normalise_header

SCAN_ROWS = 30
"""How many rows from the top are searched for the header row."""


@dataclass(frozen=True)
class HeaderMatch:
    """A model field found in the sheet: its 0-based offset and the header as typed."""

    key: str
    offset: int
    header: str


@dataclass
class HeaderMap:
    """What the header row says: matched fields, unknown and duplicate headers."""

    row_index: int
    fields: dict[str, HeaderMatch] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)


def header_lookup(table: Table, extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised header -> field key, from the model and the config's aliases."""
    lookup: dict[str, str] = {}
    for column in table.columns:
        for header in (*column.headers, *extra.get(column.key, ())):
            lookup.setdefault(normalise_header(header), column.key)
    return lookup


def find_header_row(rows: Sequence[Sequence[Any]], lookup: dict[str, str]) -> int | None:
    """Index of the row with most known headers (at least two), searched from the top."""
    best_index, best_score = None, 1
    for index, row in enumerate(rows[:SCAN_ROWS]):
        keys = {lookup.get(normalise_header(cell)) for cell in row if type(cell) is str and cell}
        score = len(keys - {None})
        if score > best_score:
            best_index, best_score = index, score
    return best_index


def map_headers(row: Sequence[Any], row_index: int, lookup: dict[str, str]) -> HeaderMap:
    """Match each header cell to a field; the first of two equal headers wins."""
    result = HeaderMap(row_index)
    for offset, cell in enumerate(row):
        text = cell.strip() if isinstance(cell, str) else str(cell) if cell != "" else ""
        if not text:
            continue
        key = lookup.get(normalise_header(text))
        if key is None:
            result.unknown.append((offset, text))
        elif key in result.fields:
            result.duplicates.append((offset, text))
        else:
            result.fields[key] = HeaderMatch(key, offset, text)
    return result
