"""Values of a unique column (IDs, product codes, invoice numbers) appear once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule


class UniqueRule(Rule):
    codes = ("value-duplicate",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for read in ctx.tables.values():
            for column in read.table.columns:
                if not column.unique:
                    continue
                if _all_distinct(ctx, read.table.key, column.key):
                    continue
                first: dict[Any, str] = {}
                for part, values in ctx.columns(read.table.key, column.key):
                    for index, value in enumerate(values):
                        if value is None:
                            continue
                        key = value.strip().casefold() if isinstance(value, str) else value
                        if key in first:
                            yield ctx.problem("value-duplicate", part, column.key, index,
                                              value=value, first=first[key],
                                              fix="unique-value")
                        else:
                            first[key] = _place(part, column.key, index)


def _all_distinct(ctx: ValidationContext, table_key: str, column_key: str) -> bool:
    """Fast path: no two values equal even ignoring case and spaces (set sizes, in C)."""
    columns = [values for _part, values in ctx.columns(table_key, column_key)]
    exact = set(chain.from_iterable(columns))
    exact.discard(None)
    if len(exact) != sum(len(values) - values.count(None) for values in columns):
        return False
    try:
        folded = set(map(str.casefold, map(str.strip, exact)))
    except TypeError:  # numbers among the values: compare the texts among themselves
        texts = [value for value in exact if isinstance(value, str)]
        return len({text.strip().casefold() for text in texts}) == len(texts)
    return len(folded) == len(exact)


def _place(part: Any, column_key: str, index: int) -> str:
    from crm_office.problems import column_letter

    return (f"{part.source.sheet}!{column_letter(part.excel_column(column_key))}"
            f"{part.rows[index]}")
