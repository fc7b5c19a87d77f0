"""A lost deal says why and at which stage; a won deal has an amount."""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.validate.rules.choices import choice_key
from crm_office.workbook.sheet_table import SheetTable


class DealOutcomeRule(Rule):
    codes = ("lost-without-reason", "lost-without-stage", "won-without-amount")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        funnel = ctx.config.funnel
        won = _names(ctx, funnel.won)
        lost = _names(ctx, funnel.lost)
        for part in ctx.parts("deals"):
            stages = part.columns.get("stage")
            if stages is None:
                continue
            for index, stage in enumerate(stages):
                if stage is None:
                    continue
                name = choice_key(stage)
                if name in lost:
                    yield from self._lost(ctx, part, index)
                elif name in won and "amount" in part.columns \
                        and part.columns["amount"][index] is None \
                        and index not in part.unreadable.get("amount", set()):
                    yield ctx.problem("won-without-amount", part, "amount", index,
                                      fix="type-amount")

    def _lost(self, ctx: ValidationContext, part: SheetTable, index: int) -> Iterator[Problem]:
        for column_key, code, fix in (
                ("refusal_reason", "lost-without-reason", "pick-refusal-reason"),
                ("lost_at_stage", "lost-without-stage", "pick-lost-stage")):
            values = part.columns.get(column_key)
            if values is None or values[index] is None:
                yield ctx.problem(code, part, column_key, index, fix=fix)


def _names(ctx: ValidationContext, stage_name: str) -> set[str]:
    names = {choice_key(stage_name)}
    for stage in ctx.config.funnel.stages:
        if stage.name == stage_name and stage.label_ru:
            names.add(choice_key(stage.label_ru))
    return names
