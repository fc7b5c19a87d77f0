"""A reference points at an existing row: a contact's client, a deal's manager, ...

When the referenced table's key column is missing (renamed, deleted) in one of its
sheets, no reference to that table can be checked: that is one error naming the
table and the column, instead of one error for every reference.
"""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.model import BUILTIN_TABLES, Column
from crm_office.problems import Problem, make_problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable


class ReferenceRule(Rule):
    codes = ("reference-missing", "key-column-missing")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        referrers = _referrers(ctx)
        for target_key, columns in referrers.items():
            if not ctx.has_table(target_key):
                continue
            keyless = _without_key(ctx, target_key)
            if keyless:
                yield from _key_missing(ctx, target_key, keyless, columns)
                continue
            for key, column in columns:
                yield from _check_column(ctx, key, column)


def _referrers(ctx: ValidationContext) -> dict[str, list[tuple[str, Column]]]:
    """Per referenced table, the (table, column) pairs that refer to it."""
    found: dict[str, list[tuple[str, Column]]] = {}
    for key, read in ctx.tables.items():
        for column in read.table.columns:
            if column.references:
                found.setdefault(column.references, []).append((key, column))
    return found


def _check_column(ctx: ValidationContext, key: str, column: Column) -> Iterator[Problem]:
    target = BUILTIN_TABLES[column.references]
    known = {_norm(value) for value in ctx.key_set(target.key, target.id_column)}
    title = target.title(ctx.locale)
    for part, values in ctx.columns(key, column.key):
        for index, value in enumerate(values):
            if value is not None and _norm(value) not in known:
                yield ctx.problem("reference-missing", part, column.key, index,
                                  value=value, target=title,
                                  fix=Text("use-existing-value", target=title))


def _without_key(ctx: ValidationContext, target_key: str) -> list[SheetTable]:
    id_column = BUILTIN_TABLES[target_key].id_column
    return [part for part in ctx.parts(target_key) if id_column not in part.fields]


def _key_missing(ctx: ValidationContext, target_key: str, keyless: list[SheetTable],
                 columns: list[tuple[str, Column]]) -> Iterator[Problem]:
    """One error per sheet without the key, when anything refers to the table.

    A required key column is already reported as ``column-missing`` by the reader.
    """
    used = [(key, column) for key, column in columns
            if any(value is not None for _part, values in ctx.columns(key, column.key)
                   for value in values)]
    target = BUILTIN_TABLES[target_key]
    key_column = target.column(target.id_column)
    if not used or key_column.required:
        return
    header = key_column.header(ctx.locale)
    names = ", ".join(dict.fromkeys(
        f"{BUILTIN_TABLES[key].title(ctx.locale)}: {column.header(ctx.locale)}"
        for key, column in used))
    for part in keyless:
        yield make_problem(
            "key-column-missing", locale=ctx.locale, file=part.source.file or part.source.path.name,
            sheet=part.source.sheet, row=part.header_row, table=target.title(ctx.locale),
            field=header, header=header, accepted=", ".join(dict.fromkeys(key_column.headers)),
            referrers=names, fix=Text("add-key-column-back", header=header, table=target_key))


def _norm(value: object) -> str:
    return str(value).strip().casefold()
