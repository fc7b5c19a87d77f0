"""The Campaigns sheet's person-owned "Send" column («Отправить»): what the office asks for.

``test`` («тест», "test to me") sends the campaign's first three messages to its own sender
only (subject marked [TEST], nothing journalled); ``send`` («отправить», "yes", «да») sends the
campaign (continuing a stopped run). A request carried out is cleared from its cell through the
OfficeWriter, so the next run does not repeat it; a value the engine does not understand is
left alone and reported. The scheduler runs this; ``crm-office mail requests`` runs it now.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crm_office.config.model import Config
from crm_office.errors import CrmOfficeError, describe
from crm_office.mail.transports.base import Transport
from crm_office.mail.window import in_window
from crm_office.writeback.service import FileOutcome, OfficeWriter

TEST_WORDS = ("test", "test to me", "тест", "тест мне", "проверка")
SEND_WORDS = ("send", "yes", "отправить", "да")
TEST_COUNT = 3


@dataclass
class RequestsReport:
    """What the Send column asked for and what was done; ``to_dict()`` is its JSON."""

    done: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(item["ok"] for item in self.done) and not any(f.skipped for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"done": self.done, "ignored": self.ignored, "ok": self.ok,
                "files": [{"file": f.label, "written": f.written, "skipped": f.skipped}
                          for f in self.files]}


def carry_out_requests(config: Config, transport: Transport | None = None) -> RequestsReport:
    """Do what the Send column asks, campaign by campaign; clear the cells done."""
    report = RequestsReport()
    found = _requests(config)
    if found is None:
        return report
    column, rows = found
    cleared: list[int] = []
    for row, campaign, value in rows:
        word = value.strip().casefold()
        if word not in TEST_WORDS and word not in SEND_WORDS:
            report.ignored.append({"row": row, "campaign": campaign, "value": value})
            continue
        kind = "test" if word in TEST_WORDS else "send"
        if kind == "send" and not in_window(config.mail, dt.datetime.now(dt.UTC)):
            report.done.append({"row": row, "campaign": campaign, "request": kind, "sent": 0,
                                "ok": True, "waiting": True})
            continue  # the cell stays: the run inside the send window carries it out
        try:
            sent = _test(config, campaign, transport) if kind == "test" else \
                _send(config, campaign, transport)
            report.done.append({"row": row, "campaign": campaign, "request": kind,
                                "sent": sent, "ok": True})
            cleared.append(row)
        except CrmOfficeError as exc:
            report.done.append({"row": row, "campaign": campaign, "request": kind,
                                "sent": 0, "ok": False, "error": describe(exc, config.locale)})
    if cleared:
        report.files.append(_clear(config, column, cleared))
    return report


def _test(config: Config, name: str, transport: Transport | None) -> int:
    from crm_office.mail.operation import preview_messages
    from crm_office.mail.transports.base import open_transport

    chosen = transport if transport is not None else open_transport(config)
    try:
        messages = preview_messages(config, name, TEST_COUNT)
        for message in messages:
            chosen.deliver(dataclasses.replace(message, to=message.sender, to_name="",
                                               subject=f"[TEST] {message.subject}",
                                               key=f"test/{message.key}"))
    finally:
        if transport is None:
            chosen.close()
    return len(messages)


def _send(config: Config, name: str, transport: Transport | None) -> int:
    from crm_office.mail.operation import send_campaign

    return send_campaign(config, name, resume=True, transport=transport).tally.sent


def _requests(config: Config) -> tuple[int, list[tuple[int, str, str]]] | None:
    """The Send column's Excel number and (row, campaign ID or name, value) of filled cells."""
    from crm_office.mail.sheet_columns import SEND_HEADERS, campaigns_column

    found = campaigns_column(config, SEND_HEADERS)
    if found is None:
        return None
    return found.column, [(row, str(record.get("id") or record.get("name")), value)
                          for row, record, value in found.cells]


def _clear(config: Config, column: int, rows: list[int]) -> FileOutcome:
    from crm_office.writeback import FileStamp, WorkbookPatch

    source = config.tables["campaigns"].sources[0]
    patch = WorkbookPatch(source.path, FileStamp.of(source.path))
    sheet = patch.sheet(source.sheet)
    for row in rows:
        sheet.set_cell(row, column, None)
    return OfficeWriter.of(config.paths).apply(source.label, patch)
