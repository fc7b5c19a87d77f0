"""`check`: is the office usable? Config, workbooks, header mapping, row counts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crm_office.config.model import Config
from crm_office.model.id_scheme import table_scheme
from crm_office.problems import ProblemList, Severity, column_letter
from crm_office.workbook.reader import read_office
from crm_office.workbook.sheet_table import SheetTable, TableRead

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceSummary:
    """One sheet of a table: where its header is, what matched, how many rows."""

    file: str
    sheet: str
    header_row: int | None
    rows: int
    mapping: tuple[tuple[str, str, str], ...]
    unknown_headers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "header_row": self.header_row,
                "rows": self.rows,
                "mapping": [{"field": key, "header": header, "column": letter}
                            for key, header, letter in self.mapping],
                "unknown_headers": list(self.unknown_headers)}


@dataclass(frozen=True)
class TableSummary:
    """A configured table: its sources, missing columns and total rows."""

    key: str
    title: str
    rows: int
    sources: tuple[SourceSummary, ...]
    missing_columns: tuple[str, ...]
    id_scheme: dict[str, str] | None = None
    """How the table's records are numbered (format, origin, example); None: a natural key."""

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.key, "title": self.title, "rows": self.rows,
                "missing_columns": list(self.missing_columns),
                "sources": [source.to_dict() for source in self.sources],
                "id_scheme": self.id_scheme}


@dataclass
class CheckReport:
    """What `crm-office check` found."""

    config_path: str
    office: str
    tables: list[TableSummary] = field(default_factory=list)
    problems: ProblemList = field(default_factory=ProblemList)

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "config": self.config_path, "office": self.office, "ok": self.ok,
            "summary": {"tables": len(self.tables),
                        "rows": sum(table.rows for table in self.tables),
                        "errors": self.problems.count(Severity.ERROR),
                        "warnings": self.problems.count(Severity.WARNING),
                        "infos": self.problems.count(Severity.INFO)},
            "tables": [table.to_dict() for table in self.tables],
            "problems": [problem.to_dict() for problem in self.problems],
        }


def check_office(config: Config, on_table: Callable[[str], None] | None = None) -> CheckReport:
    """Read every workbook of the office and summarise what was found."""
    report = CheckReport(config_path=str(config.path), office=config.office.name)
    seen: set[int] = set()
    for key, read in read_office(config, on_table).items():
        report.tables.append(_summarise(read, config, key))
        for problem in read.problems:
            if id(problem) not in seen:  # a broken file is reported once, not per table
                seen.add(id(problem))
                report.problems.add(problem)
    log.info("check: %d tables, %d problems", len(report.tables), len(report.problems))
    return report


def _summarise(read: TableRead, config: Config, key: str) -> TableSummary:
    sources = []
    by_sheet = {(part.source.path, part.source.sheet): part for part in read.parts}
    for source in config.tables[key].sources:
        part = by_sheet.get((source.path, source.sheet))
        sources.append(_source_summary(part, source.file, source.sheet))
    missing = tuple(problem.message for problem in read.problems
                    if problem.code == "column-missing")
    return TableSummary(key, read.table.title(config.locale), read.row_count, tuple(sources),
                        missing, _scheme(read, config.tables[key].id_format))


def _scheme(read: TableRead, id_format: str) -> dict[str, str] | None:
    """The table's ID scheme as sync will use it: the config's, or learnt from its IDs."""
    typed = (str(value) for part in read.parts
             for value in part.columns.get(read.table.id_column, ()) if value is not None)
    scheme = table_scheme(read.table.id_prefix, id_format, typed)
    return scheme.to_dict(dt.date.today().year) if scheme is not None else None


def _source_summary(part: SheetTable | None, file: str, sheet: str) -> SourceSummary:
    if part is None:
        return SourceSummary(file, sheet, None, 0, (), ())
    mapping = tuple((key, match.header, column_letter(part.excel_column(key)))
                    for key, match in part.fields.items())
    return SourceSummary(file, sheet, part.header_row, len(part), mapping,
                         tuple(part.unknown_headers))
