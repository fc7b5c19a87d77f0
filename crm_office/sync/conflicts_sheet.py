"""The engine-owned Conflicts sheet: open conflicts listed, decisions read back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from crm_office.catalogue import say
from crm_office.catalogue.sheets import CONFLICTS_COLUMNS
from crm_office.model import BUILTIN_TABLES, normalise_header
from crm_office.store import Conflict
from crm_office.sync.merge import option_letter

HEADER = tuple(say(key, "en") for key in CONFLICTS_COLUMNS)
HEADER_RU = tuple(say(key, "ru") for key in CONFLICTS_COLUMNS)
DECISION_HEADERS = {normalise_header(HEADER[-2]), normalise_header(HEADER_RU[-2])}
ID_HEADERS = {normalise_header(HEADER[0]), normalise_header(HEADER_RU[0])}


def conflict_rows(conflicts: Sequence[Conflict], locale: str,
                  unclear: Mapping[int, str] | None = None) -> list[list[Any]]:
    """One row per open conflict; the person types A, B, a value or 'keep' under Decision.

    A decision that settles nothing is kept in its cell, with a note saying why.
    """
    unclear = unclear or {}
    rows = []
    for conflict in conflicts:
        table = BUILTIN_TABLES[conflict.table]
        header = table.column(conflict.field).header(locale)
        options = [(option.value, f"{option.source} {option.cell}, "
                                  f"{option.seen_at:%d.%m.%Y %H:%M}")
                   for option in conflict.options]
        first = options[0] if options else (None, "")
        second = options[1] if len(options) > 1 else (None, "")
        more = "; ".join(f"{option_letter(index)}: {value} ({where})"
                         for index, (value, where) in enumerate(options) if index > 1)
        typed = unclear.get(conflict.id)
        note = say("conflicts.unclear", locale) if typed else None
        rows.append([conflict.id, table.title(locale), conflict.record_id, header,
                     conflict.base, first[0], first[1], second[0], second[1], more, typed, note])
    return rows


def read_decisions(path: Path, sheet: str) -> dict[int, str]:
    """Conflict number -> what the person typed under Decision (non-empty only)."""
    from crm_office.workbook.files import SheetRows, open_workbook, read_rows

    book = open_workbook(path, path.name)
    found = read_rows(book, sheet) if sheet in book.sheet_names else None
    if not isinstance(found, SheetRows) or not found.rows:
        return {}  # an unreadable workbook is reported where its tables are read
    rows = found.rows
    header = [normalise_header(cell) for cell in rows[0]]
    try:
        id_at = next(i for i, text in enumerate(header) if text in ID_HEADERS)
        decision_at = next(i for i, text in enumerate(header) if text in DECISION_HEADERS)
    except StopIteration:
        return {}
    decisions: dict[int, str] = {}
    for row in rows[1:]:
        number, typed = row[id_at], row[decision_at]
        if isinstance(number, (int, float)) and str(typed).strip():
            decisions[int(number)] = str(typed).strip()
    return decisions
