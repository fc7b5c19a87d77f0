"""How values of the report are shown: stage and choice labels, measure words, formats."""

from __future__ import annotations

from typing import Any

from crm_office.catalogue import ENTRIES, say
from crm_office.config.model import Funnel
from crm_office.model import BUILTIN_TABLES

DATE_FORMATS = {"ru": "dd.mm.yyyy", "en": "dd/mm/yyyy"}
NUMBER_FORMATS = {"money": "#,##0.00", "share": "0.0%", "days": "0.0", "number": "0.00",
                  "int": "0"}
PREFIX = "analysis."
"""The catalogue section of the analysis' words (crm_office/catalogue/analysis.py)."""


def text(key: str, locale: str, **values: Any) -> str:
    """The words of the analysis' ``key`` in ``locale``; an unknown key is a KeyError."""
    return say(PREFIX + key, locale, **values)


def known(key: str) -> bool:
    """Whether the analysis has words for ``key`` (a measure, bucket or header)."""
    return PREFIX + key in ENTRIES


def both(key: str) -> tuple[str, str]:
    """The English and Russian words of ``key`` (e.g. to find a sheet in either language)."""
    english, russian = ENTRIES[PREFIX + key]
    return english, russian


class Labels:
    """Words of one office: its language and its funnel's stage names."""

    def __init__(self, locale: str, funnel: Funnel) -> None:
        self.locale = locale
        self.stages = {stage.name: (stage.label_ru or stage.name) if locale == "ru"
                       else stage.name for stage in funnel.stages}
        self.choices: dict[str, str] = {}
        for table in BUILTIN_TABLES.values():
            for column in table.columns:
                for choice in column.choices:
                    self.choices.setdefault(choice.key, choice.label(locale))

    def text(self, key: str, **values: Any) -> str:
        return text(key, self.locale, **values)

    def show(self, kind: str, value: Any) -> Any:
        """The value as the report writes it for a column of ``kind``."""
        if value is None or not isinstance(value, str):
            return value
        if kind == "stage":
            return self.stages.get(value, self.text(value) if known(value) else value)
        if kind in ("reason", "choice"):
            return self.choices.get(value, self.text(value) if known(value) else value)
        if kind in ("measure", "bucket", "flag"):
            return self.text(value) if value else ""
        return value

    def header(self, column: str) -> str:
        if column == "conversion":
            return self.text("conversion_share")
        if column in self.choices and not known(column):
            return self.choices[column]
        if column in self.stages and not known(column):
            return self.stages[column]
        return self.text(column)
