"""One catalogue for everything a person reads, in English and Russian.

Problem messages live in :mod:`crm_office.messages` (a code, its severity and two
templates). Everything else a person reads — suggested fixes, the command-line
tables and summaries, progress steps, hints, the engine-owned sheets — lives in
the sections of this package, one ``key: (English, Russian)`` entry each::

    from crm_office.catalogue import say
    say("cli.office", "ru", office="Вектор")

A fix is passed to a problem as its key (``fix="fill-in-cell"``) or, with fields,
as ``Text("write-as", value=clean)``; the problem renders it in the office's language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crm_office.catalogue.analysis import ANALYSIS
from crm_office.catalogue.cli import CLI
from crm_office.catalogue.config_checks import CONFIG_CHECKS
from crm_office.catalogue.documents import DOCUMENTS
from crm_office.catalogue.fixes import FIXES
from crm_office.catalogue.help import HELP
from crm_office.catalogue.hints import HINTS
from crm_office.catalogue.mail import MAIL
from crm_office.catalogue.sheets import SHEETS
from crm_office.catalogue.store import STORE

Entry = tuple[str, str]
"""An English and a Russian template of one text."""

SECTIONS: dict[str, dict[str, Entry]] = {"fixes": FIXES, "cli": CLI, "hints": HINTS,
                                         "sheets": SHEETS, "mail": MAIL,
                                         "documents": DOCUMENTS, "analysis": ANALYSIS,
                                         "store": STORE, "help": HELP, "config": CONFIG_CHECKS}
ENTRIES: dict[str, Entry] = {key: entry for section in SECTIONS.values()
                             for key, entry in section.items()}
LOCALES = ("en", "ru")


@dataclass(frozen=True)
class Text:
    """A catalogue key with its fields, rendered later in the reader's language."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, key: str, /, **fields: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", fields)

    def render(self, locale: str) -> str:
        return say(self.key, locale, **self.fields)


def say(key: str, locale: str, /, **fields: Any) -> str:
    """The text of ``key`` in ``locale`` (English for any other locale), filled in."""
    english, russian = ENTRIES[key]
    return fill(russian if locale == "ru" else english, locale, fields)


def template(key: str, locale: str) -> str:
    """The text of ``key`` as it stands, not filled in (a Jinja template keeps its braces)."""
    english, russian = ENTRIES[key]
    return russian if locale == "ru" else english


def say_count(key: str, locale: str, count: int) -> str:
    """A count with its noun in the right plural form: '1 error', '5 ошибок'."""
    english, russian = ENTRIES[key]
    forms = (russian if locale == "ru" else english).split("|")
    return fill(forms[plural_form(count, len(forms))], locale, {"count": count})


def plural_form(count: int, forms: int) -> int:
    """Index of the plural form: English (one, other), Russian (one, few, many)."""
    if forms == 2:
        return 0 if count == 1 else 1
    if count % 10 == 1 and count % 100 != 11:
        return 0
    return 1 if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14 else 2


def fill(template: str, locale: str, fields: Mapping[str, Any]) -> str:
    """Fill a template; fields that are :class:`Text` are rendered in ``locale`` too."""
    rendered = {name: value.render(locale) if isinstance(value, Text) else value
                for name, value in fields.items()}
    if locale == "ru":
        return _RUSSIAN.vformat(template, (), Lenient(rendered))
    return template.format_map(Lenient(rendered))


def number(value: int, locale: str) -> str:
    """A count with thousands grouped as the reader writes them: 5,369 or 5 369."""
    text = f"{value:,}"
    return text.replace(",", GROUP_RU) if locale == "ru" else text


GROUP_RU = "\u00a0"
"""Russian groups thousands with a (non-breaking) space."""


class _RussianNumbers(string.Formatter):
    """``{rows:,}`` groups thousands with a space, as Russian text does."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = str(super().format_field(value, format_spec))
        return text.replace(",", GROUP_RU) if "," in format_spec else text


_RUSSIAN = _RussianNumbers()


def render_text(text: str | Text, locale: str) -> str:
    """A :class:`Text`, a catalogue key, or the office's own words (kept as written)."""
    if isinstance(text, Text):
        return text.render(locale)
    if text in ENTRIES:
        return say(text, locale)
    return text


class Lenient(dict[str, Any]):
    """Leave unknown fields visible instead of failing to render."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


__all__ = ["ENTRIES", "LOCALES", "SECTIONS", "Entry", "Text", "fill", "number", "render_text",
           "say", "say_count", "template"]
