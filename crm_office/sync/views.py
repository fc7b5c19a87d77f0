"""Per-manager views: ``workbooks/managers/<name>.xlsx`` with the manager's own rows.

A view holds the manager's clients, open deals and open tasks (contacts whose next
step is today or later). Headers are the model's, so the views read back like any
other source. A view is rewritten only when its bytes change, never while someone
has it open, and views of managers no longer listed are left alone::

    results = write_manager_views(office / "workbooks" / "managers", ["Anna", "Boris"],
                                  {"clients": clients, "deals": deals, "contacts": contacts},
                                  locale="en", today=date.today(),
                                  open_stages=["lead", "offer", "negotiation"])
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from crm_office.errors import WorkbookWriteError, describe
from crm_office.sync.values import text_key
from crm_office.sync.view_layout import (
    VIEW_SHEETS,
    Row,
    ViewSheet,
    render_view,
    view_sheet_name,
    view_table,
)
from crm_office.writeback.locks import lock_files, lock_holder
from crm_office.writeback.service import OfficeWriter
from crm_office.writeback.stamp import FileStamp

__all__ = ["VIEW_SHEETS", "ViewResult", "select_view_rows", "view_path", "view_sheet_name",
           "write_manager_views"]

log = logging.getLogger(__name__)

MAX_NAME = 100
"""The longest file name (without ``.xlsx``) a view gets."""

_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                       *(f"LPT{n}" for n in range(1, 10))})
_Filter = Callable[[Row], bool]
_DIGITS = re.compile(r"(\d+)")
_MESSAGES = {
    "locked": ("{file} is open by {holder} (lock file {lock}); it was not updated: close "
               "it and run the sync again",
               "{file} открыт у пользователя {holder} (файл блокировки {lock}); он не "
               "обновлён: закройте его и запустите синхронизацию снова"),
    "taken": ("{file} is already the view of manager '{other}'; give one of them a "
              "different name",
              "{file} уже занят представлением менеджера «{other}»; переименуйте одного "
              "из них"),
    "nameless": ("the manager has no name; no view was written",
                 "у менеджера нет имени; представление не создано"),
}


@dataclass(frozen=True)
class ViewResult:
    """What happened to one manager's view.

    ``written`` is True when the file was (re)written; ``skipped`` says why it was
    not updated (empty when it was written or already up to date); ``rows`` counts
    the rows per table key ("clients", "deals", "contacts").
    """

    manager: str
    path: Path
    written: bool
    skipped: str = ""
    rows: dict[str, int] = field(default_factory=dict)


def view_path(folder: Path, manager: str) -> Path:
    """The view file of ``manager`` in ``folder``: a safe name that stays in the folder."""
    return folder / f"{view_file_stem(manager)}.xlsx"


def view_file_stem(manager: str) -> str:
    """Letters, digits, spaces, dots and dashes of the name; "_" for anything else."""
    text = unicodedata.normalize("NFC", manager)
    stem = "".join(char if char.isalnum() or char in " .-" else "_" for char in text)
    stem = stem.strip(". ")
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = f"_{stem}"
    return stem[:MAX_NAME].rstrip(". ") or "manager"


def write_manager_views(folder: Path, managers: Sequence[str],
                        tables: Mapping[str, Sequence[Mapping[str, object]]], *, locale: str,
                        today: date, open_stages: Collection[str], writer: OfficeWriter,
                        stamps: Mapping[Path, FileStamp]) -> list[ViewResult]:
    """Write (or leave as they are) the views of ``managers``; one result per distinct name.

    ``tables`` holds typed rows of "clients", "deals" and "contacts"; ``open_stages``
    the deal stages that count as open, as they appear in the stage column (compared
    ignoring case and spaces). A name without a file of its own (blank, or whose file
    name another manager already has) is skipped with a message. Files go through
    ``writer`` (backup, verify, atomic replace); ``stamps`` are the views as they were
    read, so a view saved since is never overwritten.
    """
    _make_folder(folder)
    unique = list(dict.fromkeys(managers))
    selected = select_view_rows(unique, tables, today=today, open_stages=open_stages)
    taken: dict[str, str] = {}
    results = []
    for manager in unique:
        path = view_path(folder, manager)
        rows = selected[manager]
        counts = {key: len(rows[key]) for key in VIEW_SHEETS}
        if not manager.strip():
            result = ViewResult(manager, path, False, _message("nameless", locale), counts)
        elif (other := taken.setdefault(path.name.casefold(), manager)) != manager:
            result = ViewResult(manager, path, False, _message(
                "taken", locale, file=path.name, other=other), counts)
        else:
            written, skipped = _write_view(path, manager, rows, locale, writer,
                                           stamps.get(path))
            result = ViewResult(manager, path, written, skipped, counts)
        _log(result)
        results.append(result)
    return results


def select_view_rows(managers: Sequence[str],
                     tables: Mapping[str, Sequence[Mapping[str, object]]], *, today: date,
                     open_stages: Collection[str]) -> dict[str, dict[str, list[Row]]]:
    """Per manager, per table key, the rows of their view in the order they are shown."""
    stages = {text_key(stage) for stage in open_stages}

    def open_deal(row: Row) -> bool:
        stage = row.get("stage")
        return isinstance(stage, str) and text_key(stage) in stages

    def open_task(row: Row) -> bool:
        return (_as_date(row.get("next_date")) or date.min) >= today

    keep: dict[str, _Filter] = {"clients": lambda row: True, "deals": open_deal,
                                "contacts": open_task}
    folded = {manager: text_key(manager) for manager in managers}
    grouped: dict[str, dict[str, list[Row]]] = {}
    for key, wanted in keep.items():
        by_manager = _group(tables.get(key, ()), wanted)
        for manager in managers:
            grouped.setdefault(manager, {})[key] = list(by_manager.get(folded[manager], []))
    for views in grouped.values():
        views["clients"].sort(key=_id_order)
        views["deals"].sort(key=_id_order)
        views["contacts"].sort(key=_task_order)
    return grouped


def _group(rows: Sequence[Row], wanted: _Filter) -> dict[str, list[Row]]:
    """Rows with a manager that pass ``wanted``, by the manager's folded name."""
    folded: dict[str, str] = {}
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        manager = row.get("manager")
        if not isinstance(manager, str) or not wanted(row):
            continue
        name = folded.get(manager)
        if name is None:
            name = folded[manager] = text_key(manager)
        grouped.setdefault(name, []).append(row)
    return grouped


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _id_order(row: Row) -> tuple[bool, tuple[str | int, ...]]:
    """IDs in number order (C-999999 before C-1000000); rows without one last."""
    value = row.get("id")
    if value is None or value == "":
        return True, ()
    parts = _DIGITS.split(str(value))
    return False, tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def _task_order(row: Row) -> tuple[date, tuple[bool, tuple[str | int, ...]]]:
    return _as_date(row.get("next_date")) or date.min, _id_order(row)


def _write_view(path: Path, manager: str, rows: Mapping[str, Sequence[Row]], locale: str,
                writer: OfficeWriter, stamp: FileStamp | None) -> tuple[bool, str]:
    """Render the view; replace the file only when its bytes differ and nobody has it open."""
    locked = _locked(path, locale)
    if locked:
        return False, locked
    sheets = [ViewSheet(view_table(key), view_sheet_name(key, locale), rows[key])
              for key in VIEW_SHEETS]
    printable = "".join(char for char in manager if char.isprintable())
    title = f"{printable}: " + ", ".join(sheet.name for sheet in sheets)
    data = render_view(sheets, locale, title)
    outcome = writer.replace(path.name, path, data, stamp)
    return outcome.written, describe(outcome.error, locale) if outcome.error else ""


def _locked(path: Path, locale: str) -> str:
    """The message saying who has ``path`` open, or "" when nobody has."""
    holder = lock_holder(path)
    if holder is None:
        return ""
    lock = next((item for item in lock_files(path) if item.exists()), lock_files(path)[0])
    someone = "кто-то" if locale == "ru" else "someone"
    return _message("locked", locale, file=path.name, holder=holder or someone, lock=lock.name)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookWriteError("the folder for the managers' views cannot be created",
                                 path=folder, reason=exc.strerror or str(exc),
                                 hint="check the path and the permissions of its parent "
                                      "folder") from exc


def _message(code: str, locale: str, **details: str) -> str:
    english, russian = _MESSAGES[code]
    return (russian if locale == "ru" else english).format(**details)


def _log(result: ViewResult) -> None:
    counts = ", ".join(f"{count} {key}" for key, count in result.rows.items())
    if result.skipped:
        log.warning("view of %s skipped: %s", result.manager, result.skipped)
    elif result.written:
        log.info("view of %s written to %s (%s)", result.manager, result.path, counts)
    else:
        log.debug("view of %s unchanged (%s)", result.manager, counts)
