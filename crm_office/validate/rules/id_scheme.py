"""An ID that does not follow its table's numbering (a typo like Latin K in К-0001).

Only a warning: the ID stays the record's ID, sync never replaces a typed ID. The
numbering is the one sync uses (:mod:`crm_office.model.id_scheme`): the config's
``id_format``, or learnt from the IDs the table has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
            typed = (value for _part, values in ctx.columns(key, table.id_column)
                     for value in values if value is not None)
            table_config = ctx.config.tables.get(key)
            scheme = table_scheme(table.id_prefix,
                                  table_config.id_format if table_config else "", typed)
            if scheme is None:
                continue
            fits = scheme.pattern.fullmatch
            for part, values in ctx.columns(key, table.id_column):
                for index, value in enumerate(values):
                    if value is not None and fits(value) is None and \
                            fits(str(value).strip()) is None:
                        yield ctx.problem("id-malformed", part, table.id_column, index,
                                          value=value, format=scheme.shown(ctx.locale, year),
                                          example=scheme.make(1, year), fix=FIX)
