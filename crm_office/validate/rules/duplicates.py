"""Two client cards for one client: same e-mail, phone or tax id, or near-identical names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain
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
    """Each distinct value is normalised once (a client base repeats names and e-mails), and
    the first card of a key is described once however many cards repeat it."""

    codes = ("client-duplicate", "client-similar-name")

    def check(self, ctx: ValidationContext) -> Iterator[Problem]:
        for column_key, code, normalise in KEYS:
            parts = list(ctx.columns("clients", column_key))
            typed = set(chain.from_iterable(values for _part, values in parts))
            typed.discard(None)
            keys = {value: normalise(value) for value in typed}
            seen: dict[str, tuple[SheetTable, int]] = {}
            described: dict[str, str] = {}
            for part, values in parts:
                for index, value in enumerate(values):
                    key = keys.get(value) if value is not None else None
                    if not key:
                        continue
                    if key in seen:
                        if key not in described:
                            described[key] = _describe(*seen[key], ctx.locale)
                        yield ctx.problem(code, part, column_key, index, value=value,
                                          first=described[key], fix="merge-cards")
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
