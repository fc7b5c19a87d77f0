"""The office's own rules from config.toml: patterns and conditional requirements."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crm_office.catalogue import say
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.validate.rules.choices import choice_key


class PatternRule(Rule):
    codes = ("pattern-mismatch",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for table_key, rules in ctx.config.rules.items():
            for column_key, pattern in rules.patterns.items():
                compiled = re.compile(pattern)
                for part, values in ctx.columns(table_key, column_key):
                    for index, value in enumerate(values):
                        if value is not None and not compiled.fullmatch(str(value).strip()):
                            yield ctx.problem("pattern-mismatch", part, column_key, index,
                                              value=value, pattern=pattern,
                                              fix="office-rule")


class ConditionRule(Rule):
    codes = ("condition-unmet",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for table_key, rules in ctx.config.rules.items():
            for condition in rules.conditions:
                when = {key: choice_key(value) for key, value in condition.when.items()}
                for part in ctx.parts(table_key):
                    if not set(when) <= set(part.columns):
                        continue
                    for index in range(len(part)):
                        if not all(_matches(part.columns[key][index], wanted)
                                   for key, wanted in when.items()):
                            continue
                        for key in condition.require:
                            if key in part.columns and part.columns[key][index] is None:
                                yield ctx.problem(
                                    "condition-unmet", part, key, index,
                                    condition=_describe(ctx, part, condition.when),
                                    fix=condition.message or "fill-in-cell")


def _matches(value: object, wanted: str) -> bool:
    return value is not None and choice_key(str(value)) == wanted


def _describe(ctx: ValidationContext, part: object, when: dict[str, str]) -> str:
    fields = part.fields  # type: ignore[attr-defined]
    return ", ".join(say("condition.is", ctx.locale, header=fields[key].header, value=value)
                     for key, value in when.items())
