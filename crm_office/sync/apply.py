"""Write a sync's outcome into the workbooks: new IDs, merged values, engine columns.

Only cells whose value differs are written, through :mod:`crm_office.writeback`;
a workbook with nothing to change is not touched at all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.config.model import Config
from crm_office.errors import WorkbookError, describe
from crm_office.model import Column
from crm_office.model.id_scheme import IdScheme
from crm_office.sync.conflicts_sheet import HEADER, HEADER_RU
from crm_office.sync.plan import TablePlan
from crm_office.sync.report import FileSync
from crm_office.sync.sides import SourceRows
from crm_office.sync.typed import typed_value
from crm_office.sync.values import canonical
from crm_office.writeback import FileStamp, OfficeWriter, WorkbookPatch

log = logging.getLogger(__name__)


@dataclass
class WorkbookJob:
    """Everything one workbook gets: its sheets' rows and, maybe, the Conflicts sheet."""

    path: Path
    label: str
    sources: list[SourceRows] = field(default_factory=list)
    conflicts: list[list[Any]] | None = None
    appends: list[tuple[str, list[Any]]] = field(default_factory=list)
    """(sheet, row values from column A) of records typed only in a manager's view."""


def cell_updates(rows: SourceRows, plan: TablePlan, engine: Mapping[str, Mapping[str, Any]],
                 locale: str) -> list[tuple[int, int, Any]]:
    """(row, column, value) for every cell of this sheet that must change."""
    part, table = rows.part, rows.part.table
    places = _Columns(rows)
    held = plan.held
    updates: list[tuple[int, int, Any]] = []
    for index, key in enumerate(rows.keys):
        if key is None:
            continue
        excel_row = part.rows[index]
        if index in rows.fresh:
            updates.append((excel_row, places.of(table.column(table.id_column)),
                            plan.id_scheme.cell_value(key) if plan.id_scheme else key))
        merged = plan.merged.get(key)
        if merged is not None:
            for name, column in rows.values.items():
                if column[index] != merged.get(name) and (key, name) not in held:
                    spec = table.column(name)
                    updates.append((excel_row, places.of(spec),
                                    typed_value(merged.get(name), spec, locale)))
        for name, value in engine.get(key, {}).items():
            spec = table.column(name)
            shown = typed_value(canonical(value), spec, locale)
            current = part.columns[name][index] if name in part.columns else None
            if canonical(current) != canonical(shown):
                updates.append((excel_row, places.of(spec), shown))
    return places.headers(part.header_row, locale) + updates if updates else []


class _Columns:
    """Excel columns of fields; fields the sheet lacks get new columns after its last one."""

    def __init__(self, rows: SourceRows) -> None:
        self.part = rows.part
        self.added: dict[str, tuple[int, Column]] = {}

    def of(self, column: Column) -> int:
        if column.key in self.part.fields:
            return self.part.excel_column(column.key)
        if column.key not in self.added:
            number = self.part.first_column + self.part.width + len(self.added)
            self.added[column.key] = (number, column)
        return self.added[column.key][0]

    def headers(self, header_row: int, locale: str) -> list[tuple[int, int, Any]]:
        return [(header_row, number, column.header(locale))
                for number, column in self.added.values()]


def write_workbooks(config: Config, jobs: Sequence[WorkbookJob], plans: Mapping[str, TablePlan],
                    engine: Mapping[str, Mapping[str, Mapping[str, Any]]],
                    stamps: Mapping[Path, FileStamp], *, dry_run: bool = False) -> list[FileSync]:
    """Patch each workbook that has something to change; report each one."""
    if dry_run:
        return [FileSync(job.label, cells=sum(
            len(cell_updates(rows, plans[rows.part.table.key],
                             engine.get(rows.part.table.key, {}), config.locale))
            for rows in job.sources)) for job in jobs]
    return [_write_one(config, job, plans, engine, stamps.get(job.path)) for job in jobs]


def _write_one(config: Config, job: WorkbookJob, plans: Mapping[str, TablePlan],
               engine: Mapping[str, Mapping[str, Mapping[str, Any]]],
               stamp: FileStamp | None) -> FileSync:
    result = FileSync(job.label)
    try:
        patch = WorkbookPatch(job.path, stamp)
        for rows in job.sources:
            table_key = rows.part.table.key
            updates = cell_updates(rows, plans[table_key], engine.get(table_key, {}),
                                   config.locale)
            sheet = patch.sheet(rows.part.source.sheet)
            for row, column, value in updates:
                sheet.set_cell(row, column, value)
            result.cells += len(updates)
        for sheet_name, values in job.appends:
            patch.sheet(sheet_name).append_row(values)
            result.cells += sum(1 for value in values if value is not None)
        if job.conflicts is not None:
            header = HEADER_RU if config.locale == "ru" else HEADER
            patch.replace_sheet(config.sync.conflicts_sheet, header, job.conflicts)
    except WorkbookError as exc:  # a value that cannot go into its cell
        result.skipped = describe(exc, config.locale)
        log.info("sync did not write %s: %s", job.label, exc)  # the report says so too
        return result
    if not result.cells and job.conflicts is None and not job.appends:
        return result
    outcome = OfficeWriter.of(config.paths).apply(job.label, patch)
    result.written = outcome.written
    result.skipped = describe(outcome.error, config.locale) if outcome.error else ""
    return result


def row_values(rows: SourceRows, record_id: str, values: Mapping[str, Any],
               locale: str, scheme: IdScheme | None = None) -> list[Any]:
    """A record (person and engine columns) as a row of ``rows``' sheet, from column A; the
    ID as its table's numbering writes it (``scheme``: a number cell for ``{n}``)."""
    part, table = rows.part, rows.part.table
    cells: list[Any] = [None] * (part.first_column + part.width - 1)
    for key in part.fields:
        text = record_id if key == table.id_column else canonical(values.get(key))
        cells[part.excel_column(key) - 1] = typed_value(text, table.column(key), locale)
    if scheme is not None and table.id_column in part.fields:
        cells[part.excel_column(table.id_column) - 1] = scheme.cell_value(record_id)
    return cells
