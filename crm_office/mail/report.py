"""What a mail command did, as one report: ``to_dict()`` is its ``--format json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crm_office.mail.audience import Exclusion, Recipient
from crm_office.mail.delivery import Tally
from crm_office.mail.journal import Entry
from crm_office.mail.message import SendReceipt
from crm_office.writeback.service import FileOutcome


@dataclass
class MailReport:
    """One run of ``mail preview`` or ``mail send`` for a campaign."""

    command: str
    campaign: dict[str, Any]
    transport: str
    recipients: list[Recipient] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    already_sent: int = 0
    planned: int = 0
    tally: Tally = field(default_factory=Tally)
    uncertain: list[Entry] = field(default_factory=list)
    settled: int = 0
    previews: list[str] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing failed, nothing left uncertain, every workbook written."""
        return not (self.tally.failed or self.uncertain or any(f.skipped for f in self.files))

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": self.command, "campaign": self.campaign, "transport": self.transport,
            "recipients": [r.to_dict() for r in self.recipients],
            "excluded": [e.to_dict() for e in self.excluded],
            "already_sent": self.already_sent, "planned": self.planned,
            **self.tally.to_dict(),
            "uncertain_recipients": [e.to_dict() for e in self.uncertain],
            "settled_from_sent_items": self.settled, "previews": self.previews,
            "files": [{"file": f.label, "written": f.written, "skipped": f.skipped}
                      for f in self.files],
            "notes": self.notes, "ok": self.ok}


@dataclass
class TestReport:
    """``mail test``: one message and what the transport said."""

    transport: str
    to: str
    receipt: SendReceipt | None = None
    error: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.receipt is not None

    def to_dict(self) -> dict[str, Any]:
        return {"transport": self.transport, "to": self.to, "ok": self.ok,
                "receipt": self.receipt.to_dict() if self.receipt else None,
                "error": self.error, "reason": self.reason}
