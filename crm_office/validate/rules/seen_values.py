"""A column whose list lives in a table the office does not keep (managers): the values seen.

``clients.manager`` names rows of the managers table. An office without that table
gets one note per column instead of errors, and the values typed in the column become
its list: a value typed once that is close to one typed often is pointed out.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from crm_office.catalogue import Text
from crm_office.model import BUILTIN_TABLES, Column
from crm_office.problems import Problem, make_problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.validate.rules.choices import choice_key
from crm_office.workbook.sheet_table import SheetTable

OFTEN = 3
"""How many times a value must be typed to count as the column's usual spelling."""


class SeenValuesRule(Rule):
    """Notes columns whose list table is absent, and rare spellings of their usual values.

    The values are counted as typed (a C-speed Counter), and each distinct value is
    brought to its choice key once: a million cells cost a few distinct keys, not a
    million calls.
    """

    codes = ("list-table-absent", "value-rare-variant")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                target = column.references
                extra = ctx.config.rules.get(key)
                if not target or target in ctx.config.tables \
                        or (extra is not None and column.key in extra.choices):
                    continue
                parts = list(ctx.columns(key, column.key))
                typed: Counter[object] = Counter()
                for _part, values in parts:
                    typed.update(values)
                typed.pop(None, None)
                keys = {value: choice_key(str(value)) for value in typed}
                seen: Counter[str] = Counter()
                for value, times in typed.items():
                    seen[keys[value]] += times
                if not seen:
                    continue
                rare = {value for value in typed if seen[keys[value]] == 1}
                for part, values in parts:
                    yield _note(ctx, part, key, column, len(seen))
                    if rare:
                        yield from _rare(ctx, part, column, values, seen, Spellings(keys, rare))


@dataclass(frozen=True)
class Spellings:
    """Each typed value's choice key, and the values typed once (under their key)."""

    keys: dict[object, str]
    rare: set[object]


def _note(ctx: ValidationContext, part: SheetTable, table: str, column: Column,
          count: int) -> Problem:
    match = part.fields[column.key]
    title = BUILTIN_TABLES[column.references].title(ctx.locale)
    return make_problem("list-table-absent", locale=ctx.locale,
                        file=part.source.file or part.source.path.name, sheet=part.source.sheet,
                        row=part.header_row, column=part.excel_column(column.key),
                        header=match.header, target=title, count=count,
                        fix=Text("fill-choices-table", target=title,
                                 target_key=column.references, table=table, field=column.key))


def _rare(ctx: ValidationContext, part: SheetTable, column: Column, values: list[object],
          seen: Counter[str], spellings: Spellings) -> Iterator[Problem]:
    usual = [text for text, times in seen.items() if times >= OFTEN]
    rare, keys = spellings.rare, spellings.keys
    for index in [index for index, value in enumerate(values) if value in rare]:
        value = values[index]
        close = difflib.get_close_matches(keys[value], usual, n=1, cutoff=0.85)
        if close:
            spelled = next(str(other) for other in values
                           if other is not None and keys[other] == close[0])
            yield ctx.problem("value-rare-variant", part, column.key, index, value=value,
                              usual=spelled, times=seen[close[0]],
                              fix=Text("did-you-mean", suggestion=spelled))
