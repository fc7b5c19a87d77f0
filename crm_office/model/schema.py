"""The building blocks of the workbook model: column types, owners, columns, tables."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field


class ColumnType(enum.StrEnum):
    """What kind of value a column holds."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    BOOL = "bool"
    CHOICE = "choice"
    EMAIL = "email"
    PHONE = "phone"
    TAX_ID = "tax_id"


class Owner(enum.StrEnum):
    """Who writes a column: people type in it, or the engine computes it."""

    PERSON = "person"
    ENGINE = "engine"


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice column, with its labels per locale."""

    key: str
    en: str
    ru: str

    def label(self, locale: str) -> str:
        return self.ru if locale == "ru" else self.en


FUNNEL = "funnel"
"""Marker for ``Column.choices_from``: the allowed values are the funnel's stages."""


@dataclass(frozen=True)
class Column:
    """One field of a table as the model declares it."""

    key: str
    en: str
    ru: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    unique: bool = False
    owner: Owner = Owner.PERSON
    references: str = ""
    choices: tuple[Choice, ...] = ()
    choices_from: str = ""
    aliases: tuple[str, ...] = ()
    width: int = 14

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header this column is known by, English and Russian."""
        return (self.en, self.ru, *self.aliases)

    def header(self, locale: str) -> str:
        return self.ru if locale == "ru" else self.en


@dataclass(frozen=True)
class Table:
    """A table of the office: its columns and where its rows are identified."""

    key: str
    en: str
    ru: str
    columns: tuple[Column, ...]
    id_prefix: str = ""
    id_column: str = "id"
    description: str = ""
    extra_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns
                     if column.required and column.owner is Owner.PERSON)

    def title(self, locale: str) -> str:
        return self.ru if locale == "ru" else self.en


_NOT_LETTERS = re.compile(r"[\W_]+", re.UNICODE)


def normalise_header(text: object) -> str:
    """Compare headers ignoring case, spaces, punctuation and ё/е."""
    return _NOT_LETTERS.sub("", str(text)).casefold().replace("ё", "е")
