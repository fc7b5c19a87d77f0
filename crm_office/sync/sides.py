"""A table as its sources hold it: record keys, canonical values and cell places per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crm_office.model import ColumnType, Owner, Table
from crm_office.problems import column_letter
from crm_office.sync.values import canonical
from crm_office.workbook.sheet_table import SheetTable


@dataclass
class SourceRows:
    """One source of a table: each row's record key (None = new row) and canonical values."""

    part: SheetTable
    label: str
    keys: list[str | None]
    values: dict[str, list[str | None]]
    new_rows: list[int] = field(default_factory=list)
    fresh: set[int] = field(default_factory=set)
    """Rows that got their ID in this sync (the ID cell must be written)."""

    def cell(self, field_key: str, index: int) -> str:
        return f"{column_letter(self.part.excel_column(field_key))}{self.part.rows[index]}"

    def record(self, index: int) -> dict[str, str | None]:
        return {key: column[index] for key, column in self.values.items()}


TEXT_TYPES = frozenset({ColumnType.TEXT, ColumnType.CHOICE, ColumnType.EMAIL, ColumnType.PHONE,
                        ColumnType.TAX_ID})
"""Column types the reader already gives as str or None: their canonical form is themselves."""


def person_fields(table: Table) -> list[str]:
    """Fields people type in: the ones the merge looks at."""
    return [column.key for column in table.columns
            if column.owner is Owner.PERSON and column.key != table.id_column]


def id_pattern(table: Table) -> re.Pattern[str] | None:
    """IDs the engine gives this table (C-000123), or None for natural keys."""
    if not table.id_prefix:
        return None
    return re.compile(rf"^{re.escape(table.id_prefix)}-(\d{{6,}})$")


def source_rows(part: SheetTable) -> SourceRows:
    """Keys and canonical values of one sheet; duplicated or malformed IDs count as new rows."""
    table = part.table
    fields = [key for key in person_fields(table) if key in part.columns]
    values = {key: part.columns[key] if table.column(key).type in TEXT_TYPES  # already text
              else [canonical(value) for value in part.columns[key]] for key in fields}
    raw_keys = part.columns.get(table.id_column, [None] * len(part))
    pattern = id_pattern(table)
    keys: list[str | None] = []
    seen: set[str] = set()
    rows = SourceRows(part, part.source.label, keys, values)
    for index, raw in enumerate(raw_keys):
        key = _key(raw, pattern)
        if key is not None and key in seen:
            key = None  # a copied row: it becomes a new record
        if key is None:
            rows.new_rows.append(index)
        else:
            seen.add(key)
        keys.append(key)
    return rows


def _key(raw: object, pattern: re.Pattern[str] | None) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    if pattern is None:
        return text
    return text.upper() if pattern.match(text.upper()) else None


def id_number(record_id: str) -> int:
    """The number part of C-000123."""
    return int(record_id.rsplit("-", 1)[1])
