"""Read the office's tables from their workbooks: typed, normalised, with places.

Values come from python-calamine (no openpyxl load). Every value that cannot be
read becomes a problem naming file, sheet, cell, header and expected type.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from operator import itemgetter
from typing import Any

from crm_office.catalogue import Text
from crm_office.collector import gc_paused
from crm_office.config.model import Config, Source, TableConfig
from crm_office.model import ColumnType, Owner, Table
from crm_office.problems import Problem, ProblemList, make_problem
from crm_office.workbook.files import OpenedWorkbook, open_workbook, parse_ahead, read_rows
from crm_office.workbook.headers import (
    SCAN_ROWS,
    HeaderMap,
    find_header_row,
    header_lookup,
    map_headers,
)
from crm_office.workbook.near_miss import near_field
from crm_office.workbook.sheet_table import SheetTable, TableRead, TextScan
from crm_office.workbook.values import CONVERTERS, PROBLEM_CODES, to_text

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def read_office(config: Config, on_table: Progress | None = None,
                on_read: Callable[[dict[str, TableRead]], None] | None = None,
                ) -> dict[str, TableRead]:
    """Read every configured table; each workbook is opened once.

    ``on_read`` is called with the tables read so far after each table (validate starts
    its workers there, so they run while the next workbook is parsed).
    """
    opened: dict[str, OpenedWorkbook] = {}
    result: dict[str, TableRead] = {}
    tables = list(config.tables.items())
    with gc_paused(), ThreadPoolExecutor(1, thread_name_prefix="parse-ahead") as pool:
        ahead: Future[dict[str, OpenedWorkbook]] | None = None
        for index, (key, table_config) in enumerate(tables):
            if ahead is not None:  # parsed while the table before was converted and checked
                for path, book in ahead.result().items():
                    opened.setdefault(path, book)
            ahead = (pool.submit(_open_ahead, tables[index + 1][1], config.locale,
                                 set(opened) | _paths(table_config))
                     if index + 1 < len(tables) else None)
            if on_table:
                on_table(key)
            result[key] = read_table(table_config, config.locale, opened)
            if on_read:
                on_read(dict(result))
    return result


def _paths(table_config: TableConfig) -> set[str]:
    return {str(source.path) for source in table_config.sources}


def _open_ahead(table_config: TableConfig, locale: str,
                busy: set[str]) -> dict[str, OpenedWorkbook]:
    """Open and parse the next table's workbooks while this one is converted (calamine
    releases the GIL while it parses: the second core does it). Workbooks already open,
    or open for the table being read, are left to the reader."""
    books: dict[str, OpenedWorkbook] = {}
    for source in table_config.sources:
        path = str(source.path)
        if path in busy:
            continue
        if path not in books:
            books[path] = open_workbook(source.path, source.file or source.path.name, locale)
        parse_ahead(books[path], source.sheet)
    return books


def read_table(table_config: TableConfig, locale: str = "en",
               opened: dict[str, OpenedWorkbook] | None = None) -> TableRead:
    """Read one table from all its sources."""
    opened = {} if opened is None else opened
    read = TableRead(table_config.table)
    for source in table_config.sources:
        cache_key = str(source.path)
        if cache_key not in opened:
            opened[cache_key] = open_workbook(source.path, source.file or source.path.name, locale)
        part = read_sheet(opened[cache_key], source, table_config, locale, read.problems)
        if part is not None:
            read.parts.append(part)
    log.info("read %s: %d rows from %d source(s), %d problem(s)", table_config.key,
             read.row_count, len(table_config.sources), len(read.problems))
    return read


def read_sheet(book: OpenedWorkbook, source: Source, table_config: TableConfig, locale: str,
               problems: ProblemList) -> SheetTable | None:
    """Read one sheet of a workbook as a table; problems go into ``problems``."""
    if book.problem is not None:
        if book.problem not in problems.items:
            problems.add(book.problem)
        return None
    label = book.label
    if source.sheet not in book.sheet_names:
        problems.add(make_problem("sheet-missing", locale=locale, file=label, sheet=source.sheet,
                                  available=", ".join(book.sheet_names) or Text("word.none"),
                                  fix="rename-sheet-back"))
        return None
    sheet = read_rows(book, source.sheet, locale)
    if isinstance(sheet, Problem):
        problems.add(sheet)
        return None
    rows = sheet.rows
    if not rows or not any(any(cell != "" for cell in row) for row in rows[:SCAN_ROWS]):
        problems.add(make_problem("sheet-empty", locale=locale, file=label, sheet=source.sheet,
                                  fix="restore-data"))
        return None
    first_row, first_column = sheet.start[0] + 1, sheet.start[1] + 1
    table = table_config.table
    lookup = header_lookup(table, table_config.aliases)
    header_index = find_header_row(rows, lookup)
    if header_index is None:
        problems.add(_no_header(table, label, source.sheet, locale))
        return None
    headers = map_headers(rows[header_index], header_index, lookup)
    header_row = first_row + header_index
    where = _Where(label, source.sheet, header_row, first_column, locale)
    problems.extend(_header_problems(table, headers, where))
    problems.extend(_merged_problems(sheet.merged, header_row, label, source.sheet, locale))
    data = rows[header_index + 1:]
    kept, excel_rows = _non_empty(data, header_row + 1)
    part = SheetTable(table=table, source=source, header_row=header_row,
                      first_column=first_column, fields=headers.fields, rows=excel_rows,
                      columns={}, unknown_headers=[text for _, text in headers.unknown],
                      width=len(rows[header_index]))
    for key, match in headers.fields.items():
        part.columns[key] = _convert_column(part, match.offset, kept, headers, where, problems,
                                            key)
    return part


class _Where:
    """File, sheet and offsets, for building problems at a cell."""

    def __init__(self, file: str, sheet: str, header_row: int, first_column: int,
                 locale: str) -> None:
        self.file, self.sheet, self.header_row = file, sheet, header_row
        self.first_column, self.locale = first_column, locale

    def problem(self, code: str, offset: int, row: int | None = None, **details: Any) -> Problem:
        return make_problem(code, locale=self.locale, file=self.file, sheet=self.sheet,
                            row=row or self.header_row, column=self.first_column + offset,
                            **details)


def _no_header(table: Table, file: str, sheet: str, locale: str) -> Problem:
    expected = ", ".join(column.header(locale) for column in table.columns[:5])
    return make_problem("header-not-found", locale=locale, file=file, sheet=sheet,
                        table=table.title(locale), scanned=SCAN_ROWS, expected=expected,
                        fix="headers-in-one-row")


def _header_problems(table: Table, headers: HeaderMap, where: _Where) -> list[Problem]:
    found: list[Problem] = []
    for column in table.required_columns:
        if column.key not in headers.fields:
            accepted = ", ".join(dict.fromkeys(column.headers))
            expected = column.header(where.locale)
            found.append(make_problem(
                "column-missing", locale=where.locale, file=where.file, sheet=where.sheet,
                row=where.header_row, field=column.key, expected=expected, accepted=accepted,
                fix=Text("add-column", header=expected, field=column.key)))
    for offset, text in headers.duplicates:
        found.append(where.problem("column-duplicate", offset, header=text,
                                   fix="rename-duplicate-column"))
    for offset, text in headers.unknown:
        found.append(where.problem("column-unknown", offset, header=text, table=table.key,
                                   fix=_unknown_fix(table, headers, text, where.locale)))
    return found


def _unknown_fix(table: Table, headers: HeaderMap, text: str, locale: str) -> Text:
    """"Did you mean" a field not found in the sheet, with the alias line to add."""
    column = near_field(text, table, headers.fields)
    if column is None:
        return Text("add-alias", table=table.key)
    return Text("alias-did-you-mean", field=column.key, expected=column.header(locale),
                table=table.key, header=text)


def _merged_problems(merged: list[Any], header_row: int, file: str, sheet_name: str,
                     locale: str) -> list[Problem]:
    """Merged cells among the data hide values in all but their first cell."""
    found = []
    for (top, left), (bottom, right) in merged:
        if top + 1 <= header_row:
            continue
        from crm_office.problems import column_letter

        span = f"{column_letter(left + 1)}{top + 1}:{column_letter(right + 1)}{bottom + 1}"
        found.append(make_problem("cells-merged", locale=locale, file=file, sheet=sheet_name,
                                  row=top + 1, column=left + 1, span=span,
                                  fix=Text("unmerge", span=span)))
    return found


def _non_empty(rows: list[list[Any]], first_row: int) -> tuple[list[list[Any]], Sequence[int]]:
    """Drop empty rows, keeping each remaining row's Excel number."""
    empty = [index for index, row in enumerate(rows)
             if not any(row) and all(cell == "" for cell in row)]
    if not empty:
        return rows, range(first_row, first_row + len(rows))
    skip = set(empty)
    kept = [row for index, row in enumerate(rows) if index not in skip]
    return kept, [first_row + index for index in range(len(rows)) if index not in skip]


CHUNK = 8192
"""Cells converted per fast pass; a bad value sends only its chunk down the slow path."""


def _convert_column(part: SheetTable, offset: int, rows: list[list[Any]], headers: HeaderMap,
                    where: _Where, problems: ProblemList, key: str) -> list[Any]:
    """Convert one column; fast path first, then cell by cell to name each bad value."""
    column = part.table.column(key)
    raw = list(map(itemgetter(offset), rows))  # a C loop: a million rows in ~10 ms
    if column.type is ColumnType.DATE:
        part.text_dates[key] = {index: value for index, value in enumerate(raw)
                                if type(value) is str and value.strip()}
    if CONVERTERS[column.type] is to_text:
        texts, part.texts[key] = _read_texts(raw)
        return texts
    convert = CONVERTERS[column.type]
    values: list[Any] = []
    for start in range(0, len(raw), CHUNK):
        chunk = raw[start:start + CHUNK]
        try:
            values.extend([convert(value) for value in chunk])
        except ValueError:
            values.extend(_convert_slowly(part, key, offset, chunk, start, headers, where,
                                          problems))
    return values


def _read_texts(raw: list[Any]) -> tuple[list[str | None], TextScan]:
    """A text column, noting its longest text and its texts with spaces around them in the
    same pass (one pass over a million texts instead of three: see :class:`TextScan`)."""
    texts: list[str | None] = []
    untrimmed: list[int] = []
    longest = 0
    append = texts.append
    for index, value in enumerate(raw):
        if type(value) is str and value and not value.isspace():
            if value[0].isspace() or value[-1].isspace():
                untrimmed.append(index)
            if len(value) > longest:
                longest = len(value)
            append(value)
        else:
            append(to_text(value))  # numbers, dates and booleans: short, never untrimmed
    return texts, TextScan(longest, untrimmed)


def _convert_slowly(part: SheetTable, key: str, offset: int, chunk: list[Any], start: int,
                    headers: HeaderMap, where: _Where, problems: ProblemList) -> list[Any]:
    """Cell by cell, naming each value that cannot be read."""
    column = part.table.column(key)
    convert = CONVERTERS[column.type]
    header = headers.fields[key].header
    code = PROBLEM_CODES[column.type]
    failed = part.unreadable.setdefault(key, set())
    engine = column.owner is not Owner.PERSON
    values: list[Any] = []
    for index, value in enumerate(chunk, start):
        try:
            values.append(convert(value))
        except ValueError:
            values.append(None)
            failed.add(index)
            problems.add(where.problem(code, offset, row=part.rows[index], header=header,
                                       value=value, fix=_fix_for(column.type, engine)))
    return values


def _fix_for(kind: ColumnType, engine: bool) -> Text:
    fix = Text({
        ColumnType.DATE: "type-date",
        ColumnType.BOOL: "type-yes-no",
        ColumnType.INTEGER: "type-whole-number",
    }.get(kind, "type-number"))
    return Text("engine-column", fix=fix) if engine else fix
