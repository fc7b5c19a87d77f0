"""Dates that must come in order: a next contact after the contact, a due date after issue."""

from __future__ import annotations

from collections.abc import Iterator

from crm_office.catalogue import Text
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule

# table, earlier field, later field, problem code
ORDERS = (
    ("contacts", "date", "next_date", "next-before-contact"),
    ("invoices", "date", "due_date", "due-before-issued"),
    ("deals", "created", "closed", "closed-before-opened"),
    ("campaigns", "start", "end", "end-before-start"),
    ("complaints", "date", "resolved", "resolved-before-received"),
)


class DateOrderRule(Rule):
    codes = tuple(order[3] for order in ORDERS)

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for table_key, earlier_key, later_key, code in ORDERS:
            for part in ctx.parts(table_key):
                earlier = part.columns.get(earlier_key)
                later = part.columns.get(later_key)
                if earlier is None or later is None:
                    continue
                earlier_header = part.fields[earlier_key].header
                for index, (first, second) in enumerate(zip(earlier, later, strict=True)):
                    if first is not None and second is not None and second < first:
                        yield ctx.problem(code, part, later_key, index, value=second,
                                          other=earlier_header, other_value=first,
                                          fix=Text("date-on-or-after", date=first))
