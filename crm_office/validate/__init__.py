"""Validation: every problem in the office's data, as values, never as exceptions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from crm_office.collector import gc_paused
from crm_office.config.model import Config
from crm_office.validate.context import ValidationContext
from crm_office.validate.registry import BUILTIN_RULES
from crm_office.validate.report import ValidationReport, position
from crm_office.validate.rule import Rule
from crm_office.workbook.reader import read_office
from crm_office.workbook.sheet_table import TableRead

log = logging.getLogger(__name__)

__all__ = ["BUILTIN_RULES", "Rule", "ValidationReport", "validate_office", "validate_tables"]


def validate_office(config: Config, on_step: Callable[[str], None] | None = None,
                    rules: Sequence[Rule] | None = None) -> ValidationReport:
    """Read every table of the office and run every rule over it.

    The rules' slow work (workers) starts as soon as the tables it needs have been read,
    so it runs on the second core while the next workbook is parsed.
    """
    chosen = list(rules) if rules is not None else [kind() for kind in BUILTIN_RULES]

    def start_early(tables: dict[str, TableRead]) -> None:
        ctx = ValidationContext(config, tables)
        for rule in chosen:
            rule.prepare(ctx)

    with gc_paused():  # millions of cells and problems, no cycles: ~20 % faster
        tables = read_office(config, on_step, on_read=start_early)
        return validate_tables(config, tables, on_step, chosen)


def validate_tables(config: Config, tables: dict[str, TableRead],
                    on_step: Callable[[str], None] | None = None,
                    rules: Sequence[Rule] | None = None) -> ValidationReport:
    """Run the rules over tables already read; reading problems are included."""
    report = ValidationReport(office=config.office.name,
                              rows={key: read.row_count for key, read in tables.items()})
    found = []
    seen: set[int] = set()
    for read in tables.values():
        for problem in read.problems:
            if id(problem) not in seen:
                seen.add(id(problem))
                found.append(problem)
    ctx = ValidationContext(config, tables)
    chosen = list(rules) if rules is not None else [kind() for kind in BUILTIN_RULES]
    for rule in chosen:
        rule.prepare(ctx)
    for rule in chosen:
        if on_step:
            on_step(type(rule).__name__)
        found.extend(rule.check(ctx))
    found.sort(key=position)
    report.problems.extend(found)
    log.info("validate: %d rows, %d problems", sum(report.rows.values()), len(found))
    return report
