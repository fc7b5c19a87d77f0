"""The data of a patch: marks, links, cell edits, and the tally of what changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_office.writeback.values import CellValue

Position = tuple[int, int]
"""(row, column), both 1-based."""


@dataclass(frozen=True)
class Mark:
    """A problem shown in a cell: the engine's fill and a note saying what is wrong."""

    row: int
    column: int
    note: str


@dataclass(frozen=True)
class LinkedCell:
    """A cell of an engine-owned sheet that shows ``text`` and links to ``sheet!cell``."""

    text: str
    sheet: str
    cell: str


@dataclass
class CellEdit:
    """A new value (when ``has_value``) and/or an engine mark for one cell."""

    value: CellValue = None
    has_value: bool = False
    marked: bool = False


@dataclass
class Tally:
    """What the row editor actually changed in one sheet."""

    written: set[Position] = field(default_factory=set)
    fill_added: set[Position] = field(default_factory=set)
    fill_removed: set[Position] = field(default_factory=set)
    formula_removed: bool = False
    rows_changed: int = 0


class CellRefusedError(ValueError):
    """A cell the engine must not overwrite (it would break a person's formulas)."""

    def __init__(self, cell: str, reason: str) -> None:
        super().__init__(f"{cell}: {reason}")
        self.cell = cell
        self.reason = reason
