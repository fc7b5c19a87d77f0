"""An ID that does not follow its table's numbering (a typo like Latin K in К-0001).

Only a warning: the ID stays the record's ID, sync never replaces a typed ID. The
numbering is the one sync uses (:mod:`crm_office.model.id_scheme`): the config's
``id_format``, or learnt from the IDs the table has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import chain, compress
from operator import not_

from crm_office.model.id_scheme import table_scheme
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule

FIX = "keep-or-match-ids"


class IdSchemeRule(Rule):
    codes = ("id-malformed",)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        year = dt.date.today().year
        for key, read in ctx.tables.items():
            table = read.table
            parts = list(ctx.columns(key, table.id_column))
            typed = list(filter(None, chain.from_iterable(values for _part, values in parts)))
            table_config = ctx.config.tables.get(key)
            scheme = table_scheme(table.id_prefix,
                                  table_config.id_format if table_config else "", typed)
            if scheme is None:
                continue
            malformed = misfits(scheme.pattern, typed)
            for part, values in parts if malformed else ():
                for index in [index for index, value in enumerate(values) if value in malformed]:
                    yield ctx.problem("id-malformed", part, table.id_column, index,
                                      value=values[index], format=scheme.shown(ctx.locale, year),
                                      example=scheme.make(1, year), fix=FIX)


def misfits(pattern: re.Pattern[str], typed: list[str]) -> set[str]:
    """The IDs that do not follow the pattern, even with spaces around them taken away.

    The pattern is tried on every ID by ``map`` (a C loop); only the few that fail it are
    looked at again in Python."""
    failed = compress(typed, map(not_, map(pattern.fullmatch, typed)))
    return {value for value in failed if pattern.fullmatch(str(value).strip()) is None}
