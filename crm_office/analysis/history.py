"""The History sheet: one row per ISO week, kept in the store so trends build up.

A re-run of a week replaces only that week's row. When the store has lost weeks (a new
store), the History sheet of the newest earlier report file fills them in, so the
history is never thrown away with a store.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.analysis.period import Week

if TYPE_CHECKING:
    from crm_office.store.store import Store

log = logging.getLogger(__name__)


def record_week(store: Store, week: Week, figures: dict[str, Any],
                scope: str = "office") -> list[dict[str, Any]]:
    """Keep ``week``'s figures and return the whole history, oldest first."""
    store.put_weekly_figures(week.label, {key: _plain(value) for key, value in figures.items()},
                             scope)
    return store.weekly_figures(scope)


def merge_history(stored: list[dict[str, Any]],
                  from_file: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored weeks win; weeks only the old report file has are kept too."""
    weeks = {row["week"]: row for row in from_file}
    weeks.update({row["week"]: row for row in stored})
    return [weeks[key] for key in sorted(weeks, key=Week.parse)]


def read_history_sheet(path: Path, sheet_names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The History rows of an earlier report file (empty when there is none)."""
    from python_calamine import CalamineWorkbook

    from crm_office.analysis.summary_sheet import HISTORY_COLUMNS

    if not path.is_file():
        return []
    try:
        book = CalamineWorkbook.from_path(str(path))
        name = next((sheet for sheet in sheet_names if sheet in book.sheet_names), None)
        rows = book.get_sheet_by_name(name).to_python() if name else []
    except Exception as exc:  # an unreadable old report: just not used
        log.warning("%s: its History sheet cannot be read (%s)", path, exc)
        return []
    result = []
    for row in rows[1:]:
        if row and isinstance(row[0], str) and row[0]:
            values = dict(zip(HISTORY_COLUMNS, row[1:], strict=False))
            result.append({"week": row[0], **{key: value for key, value in values.items()
                                               if value != ""}})
    return result


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)
