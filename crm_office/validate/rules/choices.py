"""A choice column holds one of its allowed values; a near miss gets a suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.model import FUNNEL, Column, ColumnType
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable


def choice_key(text: str) -> str:
    """Compare choices ignoring case, surrounding and repeated spaces, ё/е."""
    return " ".join(text.split()).casefold().replace("ё", "е")


def allowed_labels(ctx: ValidationContext, table_key: str, column: Column) -> dict[str, str]:
    """Normalised accepted value -> the label to suggest, in the office's language first."""
    labels: dict[str, str] = {}
    if column.choices_from == FUNNEL:
        for stage in ctx.config.funnel.stages:
            for text in (stage.name, stage.label_ru):
                if text:
                    labels[choice_key(text)] = text
    for choice in column.choices:
        for text in (choice.label(ctx.locale), choice.en, choice.ru, choice.key):
            labels.setdefault(choice_key(text), text)
    extra = ctx.config.rules.get(table_key)
    for text in (extra.choices.get(column.key, ()) if extra else ()):
        labels[choice_key(text)] = text
    return labels


class ChoiceRule(Rule):
    codes = ("choice-unknown",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for key, read in ctx.tables.items():
            extra = ctx.config.rules.get(key)
            for column in read.table.columns:
                listed = extra is not None and column.key in extra.choices
                if column.type is not ColumnType.CHOICE and not listed:
                    continue
                labels = allowed_labels(ctx, key, column)
                shown = _listing(shown_labels(ctx, key, column))
                for part, values in ctx.columns(key, column.key):
                    yield from self._column(ctx, part, column.key, values, labels, shown)

    def _column(self, ctx: ValidationContext, part: SheetTable, column_key: str,
                values: list[object], labels: dict[str, str],
                shown: str) -> Iterator[Problem]:
        known: dict[str, bool] = {}
        for index, value in enumerate(values):
            if value is None:
                continue
            text = str(value)
            if text not in known:
                known[text] = choice_key(text) in labels
            if not known[text]:
                yield ctx.problem("choice-unknown", part, column_key, index,
                                  value=value, allowed=shown,
                                  fix=_suggest(text, labels))


def shown_labels(ctx: ValidationContext, table_key: str, column: Column) -> list[str]:
    """The allowed values as the office's people see them, in their language."""
    if column.choices_from == FUNNEL:
        russian = ctx.locale == "ru"
        shown = [stage.label_ru if russian and stage.label_ru else stage.name
                 for stage in ctx.config.funnel.stages]
    else:
        shown = [choice.label(ctx.locale) for choice in column.choices]
    extra = ctx.config.rules.get(table_key)
    return shown + list(extra.choices.get(column.key, ()) if extra else ())


def _listing(labels: list[str]) -> str:
    shown = list(dict.fromkeys(labels))
    return ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")


def _suggest(text: str, labels: dict[str, str]) -> str | Text:
    match = difflib.get_close_matches(choice_key(text), list(labels), n=1, cutoff=0.6)
    if match:
        return Text("did-you-mean", suggestion=labels[match[0]])
    return "pick-from-list"
