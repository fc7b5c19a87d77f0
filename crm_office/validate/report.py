"""The result of a validation: every problem, sorted by place, with counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crm_office.problems import Problem, ProblemList, Severity


@dataclass
class ValidationReport:
    """What `crm-office validate` found; ``to_dict()`` is its JSON output."""

    office: str
    rows: dict[str, int] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors

    @property
    def fixable(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.fixable]

    def summary(self) -> dict[str, Any]:
        return {
            "rows": sum(self.rows.values()),
            "errors": self.problems.count(Severity.ERROR),
            "warnings": self.problems.count(Severity.WARNING),
            "infos": self.problems.count(Severity.INFO),
            "fixable": len(self.fixable),
            "by_code": dict(sorted(Counter(p.code for p in self.problems).items())),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"office": self.office, "ok": self.ok, "rows": dict(self.rows),
                "summary": self.summary(),
                "problems": [problem.to_dict() for problem in self.problems]}


def position(problem: Problem) -> tuple[str, str, int, int]:
    """Sort key: file, sheet, row, column (file-level problems first)."""
    return (problem.file, problem.sheet, problem.row or 0, problem.column or 0)
