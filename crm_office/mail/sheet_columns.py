"""Person-owned columns of the Campaigns sheet that are not in the table's model, found by
their header (any case): the **Send** column («Отправить») and the **Documents** column
(«Документы»: the documents made per recipient, e.g. ``offer`` or «КП, счёт»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crm_office.config.model import Config

SEND_HEADERS = ("send", "отправить", "отправка")
DOCUMENT_HEADERS = ("documents", "attach documents", "документы", "вложить документы")
_SPLIT = re.compile(r"\s*(?:[,;/+&]|\s+and\s+|\s+и\s+)\s*", re.IGNORECASE)


@dataclass
class SheetColumn:
    """A column found in the Campaigns sheet: its Excel number and its filled cells."""

    column: int
    cells: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    """(Excel row, the row's record, the cell's text) of every filled cell."""

    def value(self, row: int) -> str:
        return next((text for number, _record, text in self.cells if number == row), "")


def campaigns_column(config: Config, headers: tuple[str, ...]) -> SheetColumn | None:
    """The Campaigns sheet's column whose header is one of ``headers`` (None: none)."""
    from crm_office.workbook import read_table
    from crm_office.workbook.files import SheetRows, open_workbook, read_rows

    if "campaigns" not in config.tables:
        return None
    source = config.tables["campaigns"].sources[0]
    part = next((p for p in read_table(config.tables["campaigns"], config.locale).parts
                 if p.source == source), None)
    rows = read_rows(open_workbook(source.path, source.label, config.locale), source.sheet,
                     config.locale)
    if part is None or not isinstance(rows, SheetRows):
        return None
    top, left = rows.start
    header = [str(v).strip().casefold() for v in rows.rows[part.header_row - 1 - top]]
    index = next((i for i, name in enumerate(header) if name in headers), None)
    if index is None:
        return None
    found = SheetColumn(left + index + 1)
    for number, record in zip(part.rows, part.records(), strict=True):
        line = rows.rows[number - 1 - top]
        value = str(line[index]).strip() if index < len(line) else ""
        if value:
            found.cells.append((number, record, value))
    return found


def document_kinds(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The document kinds a Documents cell names (offer, invoice; in English or Russian,
    e.g. «КП, счёт»), and the words it does not understand."""
    from crm_office.config.mail import PERSONAL_DOCUMENTS
    from crm_office.documents.request_column import parse_request

    kinds: list[str] = []
    unknown: list[str] = []
    for word in filter(None, _SPLIT.split(text.strip())):
        parsed = parse_request(word)
        if parsed is None or parsed[1] or parsed[0] not in PERSONAL_DOCUMENTS:
            unknown.append(word)
        elif parsed[0] not in kinds:
            kinds.append(parsed[0])
    return tuple(kinds), unknown
