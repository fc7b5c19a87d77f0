"""A table as its sources hold it: record keys, canonical values and cell places per row."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_office.model import ColumnType, Owner, Table
from crm_office.model.id_scheme import IdScheme, table_scheme
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
    duplicates: list[int] = field(default_factory=list)
    """Rows whose ID an earlier row of the sheet already has: left alone."""

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


def source_rows(part: SheetTable, scheme: IdScheme | None = None) -> SourceRows:
    """Keys and canonical values of one sheet. Every typed ID is kept, whether or not it fits
    the table's ``scheme`` (default: the engine's own); only a row with an empty ID is new. A
    second row with the same ID is left alone (``duplicates``) until a person settles it."""
    table = part.table
    scheme = scheme or table_scheme(table.id_prefix, "", ())
    fields = [key for key in person_fields(table) if key in part.columns]
    values = {key: part.columns[key] if table.column(key).type in TEXT_TYPES  # already text
              else [canonical(value) for value in part.columns[key]] for key in fields}
    raw_keys = part.columns.get(table.id_column, [None] * len(part))
    keys: list[str | None] = []
    seen: set[str] = set()
    rows = SourceRows(part, part.source.label, keys, values)
    for index, raw in enumerate(raw_keys):
        key = _key(raw, scheme)
        if key is not None and key in seen:
            rows.duplicates.append(index)
            key = None
        elif key is None:
            if scheme is not None:
                rows.new_rows.append(index)
        else:
            seen.add(key)
        keys.append(key)
    return rows


def _key(raw: object, scheme: IdScheme | None) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    return text if scheme is None else scheme.key(text)
