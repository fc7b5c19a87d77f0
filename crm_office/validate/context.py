"""What every rule sees: the config, the tables read, lookups, and a way to name cells."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crm_office.catalogue import Text
from crm_office.config.model import Config
from crm_office.model import Column, Table
from crm_office.problems import Problem, make_problem
from crm_office.workbook.sheet_table import SheetTable, TableRead


@dataclass
class ValidationContext:
    """The office as read, plus cached lookups shared by the rules."""

    config: Config
    tables: dict[str, TableRead]
    _keys: dict[tuple[str, str], set[Any]] = field(default_factory=dict)
    @property
    def locale(self) -> str:
        return self.config.locale

    def parts(self, table_key: str) -> Iterator[SheetTable]:
        """Every sheet that holds rows of a table."""
        read = self.tables.get(table_key)
        if read is not None:
            yield from read.parts

    def columns(self, table_key: str, column_key: str) -> Iterator[tuple[SheetTable, list[Any]]]:
        """Each sheet of a table that has the column, with the column's values."""
        for part in self.parts(table_key):
            if column_key in part.columns:
                yield part, part.columns[column_key]

    def key_set(self, table_key: str, column_key: str) -> set[Any]:
        """All non-empty values of a column across sheets (cached), for references."""
        cache_key = (table_key, column_key)
        if cache_key not in self._keys:
            values: set[Any] = set()
            for _part, column in self.columns(table_key, column_key):
                values.update(column)
            values.discard(None)
            self._keys[cache_key] = values
        return self._keys[cache_key]

    def has_table(self, table_key: str) -> bool:
        read = self.tables.get(table_key)
        return read is not None and bool(read.parts)

    def problem(self, code: str, part: SheetTable, column_key: str, index: int, *,
                value: Any = None, fix: str | Text = "", replacement: Any = None,
                **details: Any) -> Problem:
        """A problem at the cell of record ``index`` in ``column_key`` of ``part``."""
        match = part.fields.get(column_key)
        header = match.header if match else part.table.column(column_key).header(self.locale)
        file = part.source.file or part.source.path.name
        return make_problem(code, locale=self.locale, file=file, sheet=part.source.sheet,
                            row=part.rows[index],
                            column=part.excel_column(column_key) if match else None,
                            header=header, value=value, fix=fix, replacement=replacement,
                            **details)


def columns_of_type(table: Table, *types: Any) -> list[Column]:
    return [column for column in table.columns if column.type in types]
