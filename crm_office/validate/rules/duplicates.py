"""Two client cards for one client: same e-mail, phone or tax id, or near-identical names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from crm_office.catalogue import say
from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext
from crm_office.validate.rule import Rule
from crm_office.workbook.sheet_table import SheetTable

LEGAL_FORMS = (
    "ооо", "оао", "зао", "пао", "нао", "ао", "ип", "тов", "пп", "пат", "прат", "фоп", "чп",
    "ltd", "limited", "llc", "inc", "corp", "corporation", "co", "gmbh", "ag", "plc", "llp",
    "sa", "sarl", "bv", "oy", "ab", "as", "spa", "srl",
)
_FORMS = re.compile(r"\b(" + "|".join(LEGAL_FORMS) + r")\b")
_QUOTES_AND_PUNCTUATION = re.compile(r"[\"'«»“”„‘’`.,()&+\-–—/\\]+")


def name_key(name: str) -> str:
    """`ООО «Вектор»` and `Вектор, ООО` give the same key; so do `Acme Ltd.` and `ACME`."""
    text = _QUOTES_AND_PUNCTUATION.sub(" ", name.casefold().replace("ё", "е"))
    return " ".join(_FORMS.sub(" ", text).split())


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[-10:] if len(digits) >= 10 else digits


KEYS: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("email", "client-duplicate", lambda text: text.strip().casefold()),
    ("phone", "client-duplicate", _digits),
    ("tax_id", "client-duplicate", lambda text: re.sub(r"\W", "", text).upper()),
    ("name", "client-similar-name", name_key),
)


class DuplicateClientRule(Rule):
    codes = ("client-duplicate", "client-similar-name")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for column_key, code, normalise in KEYS:
            seen: dict[str, tuple[SheetTable, int]] = {}
            for part, values in ctx.columns("clients", column_key):
                for index, value in enumerate(values):
                    if value is None:
                        continue
                    key = normalise(value)
                    if not key:
                        continue
                    if key in seen:
                        yield ctx.problem(code, part, column_key, index, value=value,
                                          first=_describe(*seen[key], ctx.locale),
                                          fix="merge-cards")
                    else:
                        seen[key] = (part, index)


def _describe(part: SheetTable, index: int, locale: str) -> str:
    label: Any = None
    for key in ("name", "id"):
        if key in part.columns and part.columns[key][index] is not None:
            label = part.columns[key][index]
            break
    row = say("place.sheet-row", locale, sheet=part.source.sheet, row=part.rows[index])
    return say("place.record", locale, label=label, place=row) if label else row
