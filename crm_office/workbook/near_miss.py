"""A header that almost names a field («Статсу», «Наименование клиента»): which field?"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from crm_office.model import Column, Table, normalise_header

CUTOFF = 0.75
"""How alike a typed header and a field's header must be to suggest the field."""


def near_field(text: str, table: Table, matched: Collection[str]) -> Column | None:
    """The field a header probably means, among the fields not found in the sheet.

    A typo of a header («Статсу» → status), or a header that contains a field's
    header as whole words («Ответственный менеджер» → manager).
    """
    typed = normalise_header(text)
    if not typed:
        return None
    owners: dict[str, Column] = {}
    for column in table.columns:
        if column.key not in matched:
            for header in column.headers:
                owners.setdefault(normalise_header(header), column)
    close = difflib.get_close_matches(typed, list(owners), n=1, cutoff=CUTOFF)
    if close:
        return owners[close[0]]
    words = _words(text)
    for column in owners.values():
        for header in column.headers:
            part = _words(header)
            if len("".join(part)) >= 4 and _contains(words, part):
                return column
    return None


def _words(text: str) -> list[str]:
    return [word for word in (normalise_header(piece) for piece in re.split(r"[\W_]+", text))
            if word]


def _contains(words: list[str], part: list[str]) -> bool:
    """``part`` appears in ``words`` as consecutive whole words."""
    size = len(part)
    return size < len(words) and any(words[start:start + size] == part
                                     for start in range(len(words) - size + 1))
