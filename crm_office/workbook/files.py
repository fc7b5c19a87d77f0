"""Open a workbook with python-calamine, telling apart every way a file can be bad.

Failures come back as problems (file-level), never as exceptions: the rest of
the office is still read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.catalogue import Text
from crm_office.problems import Problem, make_problem

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass
class OpenedWorkbook:
    """A workbook opened for reading, or the problem that stopped it."""

    path: Path
    label: str
    book: Any = None
    problem: Problem | None = None
    parsed: dict[str, Any] = field(default_factory=dict)
    """Sheets parsed ahead in a thread (see :func:`parse_ahead`): calamine's sheet, or the
    error that parsing it raised, raised again by :func:`read_rows`."""

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheet_names) if self.book is not None else []


def open_workbook(path: Path, label: str, locale: str = "en") -> OpenedWorkbook:
    """Open ``path``; on failure the result carries a file-level problem instead."""
    problem = _check_file(path, label, locale)
    if problem is not None:
        return OpenedWorkbook(path, label, problem=problem)
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        return OpenedWorkbook(path, label, problem=make_problem(
            "file-encrypted", locale=locale, file=label,
            fix="remove-password-or-move"))
    except (python_calamine.CalamineError, OSError) as exc:  # not ValueError: that is ours
        return OpenedWorkbook(path, label, problem=make_problem(
            "file-corrupt", locale=locale, file=label, detail=_short(exc),
            fix="resave-or-restore"))
    return OpenedWorkbook(path, label, book=book)


@dataclass(frozen=True)
class SheetRows:
    """The cells of one sheet as calamine read them."""

    rows: list[list[Any]]
    start: tuple[int, int]
    """0-based (row, column) of the first cell in ``rows``."""
    merged: list[Any]
    """Merged ranges as ((top, left), (bottom, right)), 0-based."""


def read_rows(book: OpenedWorkbook, sheet: str, locale: str = "en") -> SheetRows | Problem:
    """Read a sheet whole; a sheet whose XML is damaged becomes a file-corrupt problem.

    The sheet's XML is parsed only here, so this is the reader's boundary with calamine.
    """
    import python_calamine

    try:
        found = book.parsed.pop(sheet, None)
        if isinstance(found, Exception):
            raise found
        if found is None:
            found = book.book.get_sheet_by_name(sheet)
        return SheetRows(found.to_python(), tuple(found.start or (0, 0)),
                         list(found.merged_cell_ranges or ()))
    except (python_calamine.CalamineError, OSError) as exc:  # not ValueError: that is ours
        return make_problem("file-corrupt", locale=locale, file=book.label, sheet=sheet,
                            detail=Text("detail.in-sheet", sheet=sheet, reason=_short(exc)),
                            fix="resave-or-restore")


def parse_ahead(book: OpenedWorkbook, sheet: str) -> None:
    """Parse a sheet now (in a thread: calamine releases the GIL meanwhile) for
    :func:`read_rows` to take later; an error is kept for it to report."""
    import python_calamine

    if book.book is None or sheet not in book.sheet_names:
        return
    try:
        book.parsed[sheet] = book.book.get_sheet_by_name(sheet)
    except (python_calamine.CalamineError, OSError) as exc:
        book.parsed[sheet] = exc


def _check_file(path: Path, label: str, locale: str) -> Problem | None:
    """Look at the first bytes: missing, empty, old .xls, encrypted or not a zip."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        return make_problem("file-missing", locale=locale, file=label,
                            fix="check-file-name")
    except OSError as exc:
        return make_problem("file-corrupt", locale=locale, file=label, detail=_short(exc))
    if not head:
        return make_problem("file-empty", locale=locale, file=label,
                            fix="restore-workbook")
    if head == OLE_SIGNATURE:
        return _ole_problem(path, label, locale)
    if not head.startswith(ZIP_SIGNATURE) or not zipfile.is_zipfile(path):
        return make_problem("file-not-xlsx", locale=locale, file=label,
                            detail=Text("detail.not-zip"),
                            fix="save-as-xlsx")
    return None


def _ole_problem(path: Path, label: str, locale: str) -> Problem:
    """An OLE file is either an encrypted .xlsx or an old .xls."""
    content = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in content:
        return make_problem("file-encrypted", locale=locale, file=label,
                            fix="remove-password")
    return make_problem("file-old-xls", locale=locale, file=label,
                        fix="save-old-as-xlsx")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def sheet_names(path: Path) -> list[str]:
    """Names of a workbook's sheets from its workbook.xml (no full read); [] if unreadable."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(path) as book:
            # some Windows tools store part names with backslashes (xl\workbook.xml)
            name = next((info for info in book.infolist()
                         if info.filename.replace("\\", "/") == "xl/workbook.xml"), None)
            if name is None:
                return []
            root = ElementTree.fromstring(book.read(name))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    return [node.get("name", "") for node in root.iter(f"{main}sheet")]
