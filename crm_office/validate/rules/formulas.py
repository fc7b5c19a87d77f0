"""A formula where people are expected to type a value (the engine reads only its result)."""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.model import Owner
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.formulas import formula_cells


class FormulaRule(Rule):
    codes = ("formula-in-cell",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for read in ctx.tables.values():
            for part in read.parts:
                cells = formula_cells(part.source.path, part.source.sheet)
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
                                          fix="replace the formula by its value "
                                              "(Copy, Paste Special > Values)")
