"""A reference points at an existing row: a contact's client, a deal's manager, ..."""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.model import BUILTIN_TABLES
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule


class ReferenceRule(Rule):
    codes = ("reference-missing",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            for column in read.table.columns:
                target_key = column.references
                if not target_key or not ctx.has_table(target_key):
                    continue
                target = BUILTIN_TABLES[target_key]
                known = {_norm(value) for value in ctx.key_set(target_key, target.id_column)}
                title = target.title(ctx.locale)
                for part, values in ctx.columns(key, column.key):
                    for index, value in enumerate(values):
                        if value is not None and _norm(value) not in known:
                            yield ctx.problem("reference-missing", part, column.key, index,
                                              value=value, target=title,
                                              fix=Text("use-existing-value", target=title))


def _norm(value: object) -> str:
    return str(value).strip().casefold()
