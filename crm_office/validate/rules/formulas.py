"""A formula where people are expected to type a value (the engine reads only its result).

The sheet XML is scanned in a thread started as soon as the sheet's table is read:
inflating the zip releases the GIL, so it overlaps with reading the next workbook and with
the other rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from crm_office.model import Owner
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.formulas import formula_cells


class FormulaRule(Rule):
    codes = ("formula-in-cell",)

    def __init__(self) -> None:
        self._scans: dict[tuple[Path, str], Future[set[tuple[int, int]]]] = {}
        self._pool: ThreadPoolExecutor | None = None

    def prepare(self, ctx: ValidationContext) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="formula-scan")
        for read in ctx.tables.values():
            for part in read.parts:
                key = (part.source.path, part.source.sheet)
                if key not in self._scans:
                    self._scans[key] = self._pool.submit(formula_cells, *key)

    def _cells(self, path: Path, sheet: str) -> set[tuple[int, int]]:
        scan = self._scans.get((path, sheet))
        return scan.result() if scan is not None else formula_cells(path, sheet)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        try:
            yield from self._check(ctx)
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)

    def _check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for read in ctx.tables.values():
            for part in read.parts:
                cells = self._cells(part.source.path, part.source.sheet)
                if not cells:
                    continue
                index_of = {row: index for index, row in enumerate(part.rows)}
                by_column = {part.excel_column(key): key for key in part.fields
                             if read.table.column(key).owner is Owner.PERSON}
                for row, column in sorted(cells):
                    key = by_column.get(column)
                    if key is not None and row in index_of:
                        index = index_of[row]
                        yield ctx.problem("formula-in-cell", part, key, index,
                                          value=part.columns[key][index],
                                          fix="replace-formula")
