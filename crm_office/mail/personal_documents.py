"""A document made per recipient and attached: each client's own offer or overdue invoice.

Prepared before the first message of a run, through the documents library
(:func:`crm_office.documents.make.make_documents`): an offer for each of the client's open
deals (reused when the register already has one, else numbered, made and registered as any
document is), and the file of each overdue invoice the engine made (found in the register by
its number; an invoice typed into the Invoices sheet by hand has no file, and a second number
is never given to it). A client whose document cannot be made or found is left out with the
reason; no message goes without its attachment. Only paths are kept here: each file is read
when its message is built, so a campaign's documents are never all in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.documents.numbering import LIVE
from crm_office.documents.office_data import OfficeData, Placed
from crm_office.documents.report import DocumentOutcome
from crm_office.documents.texts import kind_name
from crm_office.writeback.service import FileOutcome

ClientId = str
"""A client's ID, upper case."""


@dataclass
class PersonalFiles:
    """Per client: the files to attach, what a preview would make, or why it is left out."""

    files: dict[ClientId, list[Path]] = field(default_factory=dict)
    planned: dict[ClientId, list[str]] = field(default_factory=dict)
    missing: dict[ClientId, str] = field(default_factory=dict)
    written: list[FileOutcome] = field(default_factory=list)
    """The workbooks the documents library wrote (register, contact log, invoices)."""
    problems: list[str] = field(default_factory=list)

    def shown(self, client_id: str) -> tuple[str, ...]:
        """What ``client_id`` gets, for the preview: file names, or what would be made."""
        key = client_id.upper()
        return tuple([path.name for path in self.files.get(key, [])]
                     + self.planned.get(key, []))

    def fail(self, client_id: ClientId, reason: str) -> None:
        self.missing.setdefault(client_id, reason)


def prepare_documents(config: Config, kinds: Sequence[str], client_ids: Iterable[str], *,
                      dry_run: bool, today: dt.date | None = None) -> PersonalFiles:
    """The documents of ``kinds`` for each client; made when missing (not on a dry run)."""
    from crm_office.documents.make import Request, make_documents
    from crm_office.documents.office_data import read_office_data

    wanted = [client_id.strip().upper() for client_id in client_ids]
    result = PersonalFiles()
    if not kinds or not wanted:
        return result
    today = today or dt.date.today()
    data = read_office_data(config)
    requests: dict[tuple[str, str], ClientId] = {}
    if "offer" in kinds:
        open_deals = _open_deals(config, data.deals.values())
        for client_id in wanted:
            deals = open_deals.get(client_id, [])
            if not deals:
                result.fail(client_id, say("mail.document.no-open-deal", config.locale))
            requests.update({("offer", deal): client_id for deal in deals})
    if "invoice" in kinds:
        _invoice_files(config, data, wanted, today, result)
    if requests:
        report = make_documents(config, [Request(kind, deal) for kind, deal in requests],
                                dry_run=dry_run, data=data, today=today)
        for outcome in report.documents:
            client_id = requests.get((outcome.kind, outcome.deal_id.strip().upper()), "")
            _take(config, result, client_id, outcome)
        result.written, result.problems = report.files, report.problems
    return result


def _open_deals(config: Config, deals: Iterable[Placed]) -> dict[ClientId, list[str]]:
    """Each client's deals that are neither won nor lost (the stage as typed, EN or RU)."""
    closed = {config.funnel.won.casefold(), config.funnel.lost.casefold()}
    closed |= {stage.label_ru.casefold() for stage in config.funnel.stages
               if stage.name in (config.funnel.won, config.funnel.lost) and stage.label_ru}
    found: dict[ClientId, list[str]] = {}
    for placed in deals:
        record = placed.record
        stage = " ".join(str(record.get("stage") or "").split()).casefold()
        client_id = str(record.get("client_id") or "").strip().upper()
        if client_id and stage not in closed:
            found.setdefault(client_id, []).append(str(record["id"]).strip().upper())
    return found


def _invoice_files(config: Config, data: OfficeData, wanted: Sequence[ClientId],
                   today: dt.date, result: PersonalFiles) -> None:
    """The file of each overdue invoice of each client, found in the register by number."""
    from crm_office.documents.reminders import overdue_invoices
    from crm_office.store import Store

    with Store.open(config.paths.store, config.paths.root) as store:
        made = {row.number.strip().upper(): row for row in store.documents("invoice")
                if row.status in LIVE}
    overdue = overdue_invoices(data, today)
    for client_id in wanted:
        owed = overdue.get(client_id, [])
        if not owed:
            result.fail(client_id, say("mail.document.no-overdue", config.locale))
        for invoice, _ in owed:
            number = str(invoice.get("number") or "").strip()
            row = made.get(number.upper())
            if row is None or not row.file:
                result.fail(client_id, say("mail.document.invoice-not-made", config.locale,
                                           number=number))
                continue
            _add_files(config, result, client_id, Path(row.file))


def _take(config: Config, result: PersonalFiles, client_id: ClientId,
          outcome: DocumentOutcome) -> None:
    if not client_id:
        return
    if outcome.status in ("made", "exists") and outcome.file:
        _add_files(config, result, client_id, Path(outcome.file), outcome.pdf)
        return
    kind = kind_name(outcome.kind, config.locale)
    if outcome.status == "would-make":
        result.planned.setdefault(client_id, []).append(
            say("mail.document.would-make", config.locale, kind=kind, deal=outcome.deal_id))
    else:
        result.fail(client_id, say("mail.document.failed", config.locale, kind=kind,
                                    deal=outcome.deal_id, reason=outcome.reason))


def _add_files(config: Config, result: PersonalFiles, client_id: ClientId, docx: Path,
               pdf: str = "") -> None:
    if not docx.is_absolute():
        docx = config.paths.output / docx
    if not docx.is_file():
        result.fail(client_id, say("mail.document.file-gone", config.locale, file=docx))
        return
    files = result.files.setdefault(client_id, [])
    if docx not in files:
        files.append(docx)
    sibling = Path(pdf) if pdf else docx.with_suffix(".pdf")
    if sibling.is_file() and sibling not in files:
        files.append(sibling)
