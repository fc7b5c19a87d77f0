"""The outcome of a documents run: what was made, what existed, what failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crm_office.writeback.service import FileOutcome


@dataclass(frozen=True)
class DocumentOutcome:
    """One requested document: made, would be made (dry run), existing, failed or void."""

    status: str
    kind: str
    deal_id: str
    message: str
    number: str = ""
    client: str = ""
    amount: str = ""
    file: str = ""
    pdf: str = ""
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items()}


@dataclass
class DocumentsReport:
    """Everything one documents run did; ``to_dict()`` is ``--format json``."""

    dry_run: bool = False
    documents: list[DocumentOutcome] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def of(self, status: str) -> list[DocumentOutcome]:
        return [item for item in self.documents if item.status == status]

    @property
    def ok(self) -> bool:
        return not (self.of("failed") or self.of("void") or self.problems
                    or any(outcome.skipped for outcome in self.files))

    def to_dict(self) -> dict[str, Any]:
        counts = {status: len(self.of(status))
                  for status in ("made", "would-make", "exists", "failed", "void")}
        return {"dry_run": self.dry_run, "ok": self.ok, "counts": counts,
                "documents": [item.to_dict() for item in self.documents],
                "workbooks": [{"file": outcome.label, "written": outcome.written,
                               "skipped": outcome.skipped} for outcome in self.files],
                "problems": list(self.problems)}
