"""One sheet's rewrite: the :class:`RowJob` the splicer runs for a :class:`SheetPatch`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from crm_office.writeback.edits import Tally
from crm_office.writeback.patch import SheetPatch
from crm_office.writeback.ranges import Bounds, Growth, autofilter_bounds, grow_tail, plan_growth
from crm_office.writeback.rowedit import RowEditor
from crm_office.writeback.sheetparts import SheetHead
from crm_office.writeback.styles import StyleBook

TailHook = Callable[[bytes, SheetHead], bytes]


@dataclass(frozen=True)
class RangeSource:
    """The ranges a sheet's growth is measured against: its tables' (known before the
    sheet is read) and its autofilter's (in the sheet's tail, read only when needed)."""

    tables: tuple[Bounds, ...]
    autofilter: Callable[[bool], Bounds | None]
    """The autofilter's range; the argument allows reading the sheet through to find it."""


class SheetJob:
    """Applies a sheet patch while the splicer streams the sheet through."""

    def __init__(self, patch: SheetPatch, styles: StyleBook, *, date1904: bool,
                 on_tail: TailHook, ranges: RangeSource) -> None:
        self.patch = patch
        self.styles = styles
        self.date1904 = date1904
        self.tally = Tally()
        self.rows = sorted(patch.edits)
        self.clear = _style_pattern(styles.engine_xfs()) if patch.clear else None
        self.changed = False
        self.growth = Growth()
        self.filter_bounds: tuple[Bounds | None, Bounds | None] = (None, None)
        self._on_tail = on_tail
        self._ranges = ranges
        self._head: SheetHead | None = None
        self._editor: RowEditor | None = None

    def start(self, head: bytes) -> bytes:
        self._head = SheetHead.parse(head)
        self.growth = self._plan(self._head)
        headers = {(row, column) for row, columns in self.growth.headers.items()
                   for column in columns}
        self._editor = RowEditor(self._head, self.styles, date1904=self.date1904,
                                 clear=self.patch.clear, tally=self.tally, headers=headers)
        return self._note(head, self._head.with_bounds(self.patch.bounds))

    def _plan(self, head: SheetHead) -> Growth:
        values = self.patch.values()
        right = head.used_right
        ranges = list(self._ranges.tables)
        if values:
            found = self._ranges.autofilter(any(column > right for _, column in values))
            ranges += [found] if found else []
        return plan_growth(values, right, ranges, self.patch.appended)

    def edit_row(self, row: bytes, number: int) -> bytes:
        assert self._editor is not None
        return self._note(row, self._editor.edit(row, number, self.patch.edits.get(number, {})))

    def new_row(self, number: int) -> bytes:
        assert self._editor is not None
        return self._note(b"", self._editor.create(number, self.patch.edits[number]))

    def finish(self, tail: bytes) -> bytes:
        assert self._head is not None
        prefix = self._head.prefix
        grown = grow_tail(tail, prefix, self.growth)
        self.filter_bounds = (autofilter_bounds(tail, prefix), autofilter_bounds(grown, prefix))
        return self._note(tail, self._on_tail(grown, self._head))

    def _note(self, old: bytes, new: bytes) -> bytes:
        if new != old:
            self.changed = True
        return new


def _style_pattern(xfs: set[int]) -> re.Pattern[bytes] | None:
    """Finds ``s="N"`` for any engine-marked style N (None when there is none)."""
    if not xfs:
        return None
    numbers = b"|".join(str(xf).encode() for xf in sorted(xfs))
    return re.compile(rb"""\ss\s*=\s*["'](?:""" + numbers + rb""")["']""")
