"""What a sync did (or, with --dry-run, would do): counts per table, files, assignments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crm_office.problems import Problem

if TYPE_CHECKING:
    from crm_office.sync.plan import TablePlan
    from crm_office.sync.typed_over import ReplacedCell


@dataclass
class TableSync:
    """One table's outcome."""

    table: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    conflicts: int = 0
    settled: int = 0
    id_scheme: dict[str, str] | None = None
    """How the table's IDs are written: format, origin, example (None: a natural key)."""

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "rows": self.rows, "added": self.added,
                "changed": self.changed, "archived": self.archived, "restored": self.restored,
                "conflicts": self.conflicts, "settled": self.settled,
                "id_scheme": self.id_scheme}


@dataclass
class FileSync:
    """One workbook: written, unchanged, or skipped and why."""

    file: str
    cells: int = 0
    written: bool = False
    skipped: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "cells": self.cells, "written": self.written,
                "skipped": self.skipped}


@dataclass
class SyncReport:
    """The sync report; ``to_dict()`` is `crm-office sync --format json`."""

    dry_run: bool = False
    nothing_to_do: bool = False
    tables: list[TableSync] = field(default_factory=list)
    files: list[FileSync] = field(default_factory=list)
    assignments: list[dict[str, str]] = field(default_factory=list)
    views: list[dict[str, Any]] = field(default_factory=list)
    open_conflicts: int = 0
    problems: list[Problem] = field(default_factory=list)
    """Why (part of) the office was not synced: unreadable workbooks, held tables, guards."""
    notes: list[str] = field(default_factory=list)
    replaced: list[ReplacedCell] = field(default_factory=list)
    """Values typed into engine-owned columns that the engine's values replaced."""
    """What a person should know but need not act on now (rows left alone, views kept)."""

    @property
    def ok(self) -> bool:
        return not self.problems and not any(item.skipped for item in self.files)

    def totals(self) -> dict[str, int]:
        return {"added": sum(t.added for t in self.tables),
                "changed": sum(t.changed for t in self.tables),
                "archived": sum(len(t.archived) for t in self.tables),
                "conflicts": sum(t.conflicts for t in self.tables),
                "settled": sum(t.settled for t in self.tables),
                "assignments": len(self.assignments),
                "files_written": sum(1 for f in self.files if f.written)}

    def to_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "nothing_to_do": self.nothing_to_do,
                "totals": self.totals(), "open_conflicts": self.open_conflicts,
                "tables": [t.to_dict() for t in self.tables],
                "files": [f.to_dict() for f in self.files],
                "assignments": self.assignments, "views": self.views,
                "problems": [problem.to_dict() for problem in self.problems], "notes": self.notes,
                "replaced": [cell.to_dict() for cell in self.replaced]}


def table_sync(key: str, plan: TablePlan, year: int) -> TableSync:
    """One table's line of the report, from its plan."""
    scheme = plan.id_scheme
    return TableSync(table=key, rows=len(plan.merged), added=len(plan.added),
                     changed=len({change.record_id for change in plan.changes}
                                 - set(plan.added)),
                     archived=list(plan.archived), restored=list(plan.restored),
                     conflicts=len(plan.conflicts), settled=plan.settled,
                     id_scheme=scheme.to_dict(year) if scheme is not None else None)
