"""A required field must not be empty (the model's and the config's required columns)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crm_office.model import Owner
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule


class RequiredRule(Rule):
    codes = ("required-missing",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            extra = ctx.config.rules.get(key)
            required = {column.key for column in read.table.columns
                        if column.required and column.owner is Owner.PERSON}
            required |= set(extra.required if extra else ())
            for part in read.parts:
                for column_key in sorted(required & set(part.columns)):
                    failed = part.unreadable.get(column_key, set())
                    for index in indexes_of(None, part.columns[column_key]):
                        if index not in failed:
                            yield ctx.problem("required-missing", part, column_key, index,
                                              fix="fill-in-cell")


def indexes_of(wanted: object, values: list[Any]) -> Iterator[int]:
    """Where ``wanted`` stands in ``values``, found by list.index (a C loop, not a Python one:
    a full column of a million cells is passed over in milliseconds)."""
    index = -1
    while True:
        try:
            index = values.index(wanted, index + 1)
        except ValueError:
            return
        yield index
