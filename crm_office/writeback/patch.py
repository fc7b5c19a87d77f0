"""What the engine wants changed in a workbook, gathered before anything is written.

A :class:`WorkbookPatch` collects cell values, marks and engine-owned sheets;
:func:`crm_office.writeback.write_back` applies them all in one write. Values are
checked when they are given, so a bad one is reported with its cell before any
file is touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crm_office.errors import CellValueError, WorkbookError
from crm_office.writeback.boundary import backend_errors
from crm_office.writeback.edits import CellEdit, LinkedCell, Mark, Position
from crm_office.writeback.enginesheet import EngineSheet, EngineValue
from crm_office.writeback.lastrow import last_value_row
from crm_office.writeback.package import SourcePackage
from crm_office.writeback.refs import MAX_ROW, cell_ref, check_position
from crm_office.writeback.stamp import FileStamp
from crm_office.writeback.validations import ListValidation, list_problem
from crm_office.writeback.values import CellValue, value_problem
from crm_office.writeback.workbookxml import read_workbook, sheet_name_problem

VALUE_HINT = ("fix the value where it comes from (shorten a text to what a cell holds, e.g. "
              "keep long notes in a document and put its name in the cell), then run again")

MAX_LINK = 2_079
"""The longest hyperlink address Excel keeps."""


@dataclass(frozen=True)
class _BookFacts:
    sheets: dict[str, str]
    date1904: bool


class SheetPatch:
    """Changes to one existing sheet: values, marks, appended rows."""

    def __init__(self, name: str, book: WorkbookPatch) -> None:
        self.name = name
        self.edits: dict[int, dict[int, CellEdit]] = {}
        self.marks: dict[Position, Mark] = {}
        self.clear = False
        self._book = book
        self._last_row: int | None = None
        self._value_rows = 0
        self._appended = 0
        self.validations: list[ListValidation] = []
        self.links: dict[Position, str] = {}

    def set_cell(self, row: int, column: int, value: CellValue) -> None:
        """Write ``value`` into the cell (text stays text, never a formula)."""
        self._check(row, column, value)
        edit = self._edit(row, column)
        edit.value, edit.has_value = value, True
        self._value_rows = max(self._value_rows, row)

    def set_link(self, row: int, column: int, text: str, target: str) -> None:
        """Write ``text`` into the cell and make it a hyperlink to ``target`` (a URI, e.g.
        :func:`crm_office.writeback.hyperlinks.file_link`); replaces the cell's old link."""
        self.set_cell(row, column, text)
        if not target or len(target) > MAX_LINK:
            raise CellValueError(f"a hyperlink must have a target of 1-{MAX_LINK} characters",
                                 path=self._book.path, sheet=self.name, cell=cell_ref(row, column))
        self.links[(row, column)] = target

    def add_dropdown(self, column: int, choices: Sequence[str], *, first_row: int,
                     last_row: int = MAX_ROW) -> None:
        """A dropdown (list validation) of ``choices`` on rows ``first_row``-``last_row`` of
        ``column``; left out when a validation already covers any cell of that range."""
        self._check(first_row, column, None)
        self._check(last_row, column, None)
        problem = list_problem(choices)
        if problem:
            raise CellValueError(problem, path=self._book.path, sheet=self.name,
                                 cell=cell_ref(first_row, column))
        self.validations.append(ListValidation(first_row, column, max(first_row, last_row),
                                               tuple(choices)))

    def mark(self, mark: Mark) -> None:
        """Show a problem in a cell: the engine's fill and a note (people's kept)."""
        self._check(mark.row, mark.column, mark.note)
        self._edit(mark.row, mark.column).marked = True
        self.marks[(mark.row, mark.column)] = mark

    def clear_marks(self) -> None:
        """Remove every engine mark on this sheet that is not marked again in this patch."""
        self.clear = True

    def append_row(self, values: Sequence[CellValue]) -> int:
        """Write ``values`` into the row after the last one with data; returns its number."""
        if self._last_row is None:
            self._last_row = self._book.last_value_row(self.name)
        number = max(self._last_row, self._value_rows) + 1
        for column, value in enumerate(values, start=1):
            self.set_cell(number, column, value)
        self._value_rows = max(self._value_rows, number)
        self._appended = number
        return number

    @property
    def appended(self) -> tuple[int, int]:
        """(last row with data before any append, last appended row); (0, 0) without appends."""
        return (self._last_row or 0, self._appended) if self._appended else (0, 0)

    @property
    def bounds(self) -> tuple[int, int, int, int] | None:
        """The smallest range holding every edited cell (None when nothing is edited)."""
        cells = [(row, column) for row, columns in self.edits.items() for column in columns]
        if not cells:
            return None
        rows, columns = [row for row, _ in cells], [column for _, column in cells]
        return min(rows), min(columns), max(rows), max(columns)

    def values(self) -> dict[Position, CellValue]:
        """The cells given a value, and the value each must read back as."""
        return {(row, column): edit.value for row, columns in self.edits.items()
                for column, edit in columns.items() if edit.has_value}

    def _edit(self, row: int, column: int) -> CellEdit:
        return self.edits.setdefault(row, {}).setdefault(column, CellEdit())

    def _check(self, row: int, column: int, value: CellValue) -> None:
        where = f"R{row}C{column}"
        try:
            check_position(row, column)
            where = cell_ref(row, column)
        except ValueError as exc:
            raise CellValueError(str(exc), path=self._book.path, sheet=self.name,
                                 cell=where) from exc
        problem = value_problem(value, self._book.date1904)
        if problem:
            raise CellValueError(problem, path=self._book.path, sheet=self.name, cell=where,
                                 hint=VALUE_HINT)


class WorkbookPatch:
    """Everything to change in one workbook, and what the file looked like when read."""

    def __init__(self, path: Path, stamp: FileStamp | None = None) -> None:
        self.path = Path(path)
        self.stamp = stamp if stamp is not None else FileStamp.of(self.path)
        self._sheets: dict[str, SheetPatch] = {}
        self._engine: dict[str, EngineSheet] = {}
        self._facts: _BookFacts | None = None

    def sheet(self, name: str) -> SheetPatch:
        """The patch of an existing worksheet (WorkbookError when there is none)."""
        real = self._facts_now().sheets.get(name.casefold())
        if real is None:
            raise WorkbookError(f"has no sheet '{name}'", path=self.path, sheet=name,
                                hint="check the sheet name in config.toml")
        if real.casefold() in self._engine:
            raise WorkbookError("is replaced whole by the engine in this patch", path=self.path,
                                sheet=real)
        return self._sheets.setdefault(real.casefold(), SheetPatch(real, self))

    def replace_sheet(self, name: str, header: Sequence[str],
                      rows: Sequence[Sequence[EngineValue]]) -> None:
        """Add or regenerate an engine-owned sheet (never use it for people's sheets)."""
        problem = sheet_name_problem(name)
        if problem:
            raise WorkbookError(problem, path=self.path, sheet=name)
        if name.casefold() in self._sheets:
            raise WorkbookError("has cell changes in this patch; it cannot also be replaced",
                                path=self.path, sheet=name)
        for number, row in enumerate([list(header), *rows], start=1):
            for column, value in enumerate(row, start=1):
                text = value.text if isinstance(value, LinkedCell) else value
                problem = value_problem(text, self.date1904)
                if problem:
                    raise CellValueError(problem, path=self.path, sheet=name,
                                         cell=cell_ref(number, column), hint=VALUE_HINT)
        self._engine[name.casefold()] = EngineSheet.of(name, header, rows)

    @property
    def sheet_patches(self) -> list[SheetPatch]:
        return list(self._sheets.values())

    @property
    def engine_sheets(self) -> list[EngineSheet]:
        return list(self._engine.values())

    @property
    def date1904(self) -> bool:
        return self._facts_now().date1904

    def last_value_row(self, name: str) -> int:
        """The last row of sheet ``name`` that holds data (0 when it is empty)."""
        with self._open() as source, backend_errors(self.path, name):
            entry = read_workbook(source).find(name)
            if entry is None or not source.has(entry.part):
                return 0
            with source.open(entry.part) as stream:
                return last_value_row(stream)

    def _facts_now(self) -> _BookFacts:
        if self._facts is None:
            with self._open() as source, backend_errors(self.path):
                info = read_workbook(source)
            self._facts = _BookFacts({sheet.name.casefold(): sheet.name
                                      for sheet in info.sheets if sheet.kind == "worksheet"},
                                     info.date1904)
        return self._facts

    def _open(self) -> SourcePackage:
        with backend_errors(self.path):
            return SourcePackage(self.path)
