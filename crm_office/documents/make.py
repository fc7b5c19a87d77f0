"""The documents operation: requests in, documents numbered, rendered, written, recorded.

For each request (a kind and a deal): an existing document is named and kept (unless
``new``); the deal's facts and the template are checked before a number is taken, so a
missing client or product or a broken template costs no number. The numbers of the
batch are then reserved in the store in a transaction of their own, committed before
anything is rendered; each document is rendered and written atomically; one more
transaction marks each made — or void with the reason when it failed after its number
was taken (a run killed in between leaves its numbers *reserved*, listed, never reused).
The register, the contact log and the invoices table are then written through the
OfficeWriter.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crm_office.catalogue import say
from crm_office.config.model import Config, DocumentKind
from crm_office.documents.context import Formats, deal_context
from crm_office.documents.deal_lines import DealFacts, deal_facts
from crm_office.documents.logo import Logo, office_logo
from crm_office.documents.names import document_path
from crm_office.documents.numbering import (
    Wanted,
    existing,
    reserve_all,
    settle_all,
    settled,
)
from crm_office.documents.office_data import OfficeData, read_office_data
from crm_office.documents.parallel import map_on_cores
from crm_office.documents.payment import invoice_qr
from crm_office.documents.qr import qr_png
from crm_office.documents.register import Recorded, write_additions, write_register
from crm_office.documents.reminders import reminder_facts
from crm_office.documents.render import PreparedTemplate
from crm_office.documents.report import DocumentOutcome, DocumentsReport
from crm_office.documents.request_column import RequestSheet, request_results
from crm_office.documents.texts import kind_name, target
from crm_office.errors import DocumentError
from crm_office.store import Store
from crm_office.store.documents import DocumentRow
from crm_office.writeback.atomic import write_engine_file

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Request:
    """Make a document of ``kind`` for a deal (``new``: even when one exists)."""

    kind: str
    deal_id: str
    new: bool = False


def make_documents(config: Config, requests: Sequence[Request] | None = None, *,
                   pdf: bool | None = None, dry_run: bool = False, new: bool = False,
                   today: dt.date | None = None, on_progress: Progress | None = None,
                   data: OfficeData | None = None,
                   kinds: Sequence[str] | None = None) -> DocumentsReport:
    """Make the requested documents (None: everything the funnel calls for; with ``kinds``
    only those kinds, and then the request column is left for a full run)."""
    data = read_office_data(config) if data is None else data
    sheet = None
    if requests is None:
        from crm_office.documents.request_column import read_requests
        from crm_office.documents.requests import due_requests

        sheet = read_requests(config, data) if kinds is None else None
        requests = due_requests(config, data, today, kinds) + (
            [Request(item.kind, item.deal_id, item.new) for item in sheet.requests]
            if sheet else [])
    requests = [Request(item.kind, item.deal_id, item.new or new) for item in requests]
    with _open_store(config, dry_run) as store:
        run = _Run(config, data, store, today or dt.date.today(), dry_run)
        for request in requests:
            run.plan(request)
        if not dry_run and run.planned:
            run.make_all(on_progress)
        if not dry_run:
            run.record(sheet)
    want_pdf = config.documents.pdf if pdf is None else pdf
    if want_pdf and not dry_run:
        _add_pdfs(config, run.report)
    run.report.problems += data.problems + (sheet.problems if sheet else [])
    return run.report


@contextmanager
def _open_store(config: Config, dry_run: bool) -> Iterator[Store]:
    """The office's store; a dry run of an office without one uses a throw-away store."""
    from crm_office.store.location import resolve

    target = resolve(config.paths.store, config.paths.root)
    if not dry_run or target.path is None or target.path.exists():
        with Store.open(config.paths.store, config.paths.root) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="crm-office-dry-run-") as folder, \
            Store.open("dry-run.sqlite", Path(folder)) as store:
        yield store


@dataclass(frozen=True)
class _Plan:
    kind: DocumentKind
    label: str
    facts: DealFacts
    template: PreparedTemplate


class _Run:
    """One batch: plan every request, reserve the numbers, render, settle, record."""

    def __init__(self, config: Config, data: OfficeData, store: Store, today: dt.date,
                 dry_run: bool) -> None:
        self.config, self.data, self.store, self.today = config, data, store, today
        self.report = DocumentsReport(dry_run=dry_run)
        self.planned: list[_Plan] = []
        self.recorded: list[Recorded] = []
        self.templates: dict[str, PreparedTemplate] = {}
        self.logo: Logo | None = None
        self._logo_read = False
        self.formats = Formats(config.locale, config.office.currency)
        self._seen: set[tuple[str, str]] = set()

    def plan(self, request: Request) -> None:
        """Check a request: an existing document, the deal's facts, the template."""
        locale, kind_label = self.config.locale, request.kind
        try:
            kind = self.config.documents.kind(request.kind)
            kind_label = kind_name(kind.name, locale, kind.label)
            if not request.new and self._exists(kind, kind_label, request.deal_id):
                return
            facts = (reminder_facts(self.config, self.data, request.deal_id, self.today)
                     if kind.name == "reminder" else
                     deal_facts(self.config, self.data, request.deal_id))
            template = self._template(kind, facts)
        except DocumentError as exc:
            self.report.documents.append(DocumentOutcome(
                "failed", request.kind, request.deal_id, reason=exc.message,
                message=say("document.report.failed", locale, kind=kind_label,
                             deal=target(request.kind, request.deal_id, locale),
                             reason=exc.message)))
            return
        self._seen.add((kind.name, facts.deal_id.upper()))
        if self.report.dry_run:
            amount = self.formats.money(facts.totals.gross)
            self.report.documents.append(DocumentOutcome(
                "would-make", kind.name, facts.deal_id, client=_client_name(facts),
                amount=amount, message=say("document.report.would", locale, kind=kind_label,
                                            deal=target(kind.name, facts.deal_id, locale),
                                            client=_client_name(facts),
                                            amount=amount)))
            return
        self.planned.append(_Plan(kind, kind_label, facts, template))

    def _exists(self, kind: DocumentKind, label: str, deal_id: str) -> bool:
        if (kind.name, deal_id.strip().upper()) in self._seen:
            return True  # asked twice in one batch: made once
        found = existing(self.store, kind.name, deal_id)
        if found is not None and kind.name == "reminder" and found.issued != self.today:
            found = None  # a reminder a day at most
        if found is not None:
            locale = self.config.locale
            self._add("exists", found, say("document.report.exists", locale, kind=label,
                                           number=found.number, option="--new",
                                           deal=target(kind.name, found.deal_id, locale),
                                           file=found.file))
        return found is not None

    def make_all(self, on_progress: Progress | None) -> None:
        """Numbers reserved first (one transaction), then each document, then the outcome."""
        rows = reserve_all(self.store, [self._wanted(plan) for plan in self.planned])
        jobs = list(zip(self.planned, rows, strict=True))
        done = []
        for index, ((plan, row), (file, reason)) in enumerate(
                zip(jobs, map_on_cores(lambda at: self._render_job(jobs[at]), range(len(jobs))),
                    strict=True), start=1):
            done.append(self._settle(plan, row, file, reason))
            if on_progress:
                on_progress(index, len(rows))
        settle_all(self.store, done)

    def _wanted(self, plan: _Plan) -> Wanted:
        totals = plan.facts.totals
        return Wanted(plan.kind.name, plan.kind.number, self.today, plan.facts.deal_id,
                      plan.facts.client_id, _client_name(plan.facts), totals.gross, totals.vat,
                      totals.currency)

    def record(self, sheet: RequestSheet | None) -> None:
        """The register, contact log, invoices and the request column's results."""
        rows = self.store.documents()
        extra = request_results(sheet, rows, self.recorded)
        if self.planned or any(item.has_values for item in extra.values()):
            # every number taken (made or void) is in the register
            self.report.files = write_register(self.config, self.data, rows, self.recorded,
                                               extra)
        elif extra:
            self.report.files = write_additions(self.config, self.data, extra)

    def _due(self, plan: _Plan) -> dt.date | None:
        return (self.today + dt.timedelta(days=self.config.documents.payment_days)
                if plan.kind.name == "invoice" else None)

    def _render_job(self, job: tuple[_Plan, DocumentRow]) -> tuple[str, str]:
        """Render and write one document (maybe in a worker): its file, or why it failed."""
        plan, row = job
        try:
            return str(self._write(plan, row, self._due(plan))), ""
        except (DocumentError, OSError, ValueError) as exc:
            return "", exc.message if isinstance(exc, DocumentError) else str(exc)

    def _settle(self, plan: _Plan, row: DocumentRow, file: str, reason: str) -> DocumentRow:
        locale, due, path = self.config.locale, self._due(plan), file
        if reason:
            void = settled(row, reason=reason)
            self._add("void", void, say("document.report.void", locale, kind=plan.label,
                                         number=row.number, reason=reason), reason=reason)
            return void
        made = settled(row, file=path)
        amount = self.formats.money(row.amount)
        self.recorded.append(Recorded(made, say("document.contact.made", locale, kind=plan.label,
                                                number=row.number, amount=amount), due))
        self._add("made", made, say("document.report.made", locale, kind=plan.label,
                                    number=row.number, deal=target(row.kind, row.deal_id, locale),
                                    client=row.client, amount=amount, file=path))
        return made

    def _write(self, plan: _Plan, row: DocumentRow, due: dt.date | None) -> Path:
        context = deal_context(plan.facts, self.config.office, number=row.number,
                               issued=row.issued, due=due, language=self.config.locale)
        content = plan.template.render(context, self._qr(plan.kind, row))
        path = document_path(self.config.paths.output / "documents", row.year, plan.kind.name,
                             row.number, row.client)
        write_engine_file(path, content)
        return path

    def _qr(self, kind: DocumentKind, row: DocumentRow) -> bytes | None:
        if kind.name != "invoice" or not self.config.documents.qr:
            return None
        return invoice_qr(self.config.office, row, self.formats, self.config.locale)

    def _template(self, kind: DocumentKind, facts: DealFacts) -> PreparedTemplate:
        """The prepared template, tried once on the first real deal before any number."""
        if kind.name not in self.templates:
            if not kind.template.is_file():
                raise DocumentError(f"the template of '{kind.name}' is missing: {kind.template}",
                                    hint="`crm-office init` writes the shipped templates; or "
                                         "set documents.kinds.NAME.template")
            prepared = PreparedTemplate(kind.template, self._logo())
            trial = deal_context(facts, self.config.office, number="0", issued=self.today,
                                 due=self.today, language=self.config.locale)
            prepared.render(trial, qr_png("trial") if kind.name == "invoice" else None)
            self.templates[kind.name] = prepared
        return self.templates[kind.name]

    def _logo(self) -> Logo | None:
        """The office's logo, read once per run (a DocumentError when it is unusable)."""
        if not self._logo_read:
            self.logo = office_logo(self.config.paths.templates, self.config.office.logo,
                                    self.config.locale)
            self._logo_read = True
        return self.logo

    def _add(self, status: str, row: DocumentRow, message: str, reason: str = "") -> None:
        self.report.documents.append(DocumentOutcome(
            status, row.kind, row.deal_id, message, number=row.number, client=row.client,
            amount=self.formats.money(row.amount), file=row.file, reason=reason))


def _client_name(facts: DealFacts) -> str:
    return str(facts.client.get("name") or facts.client_id)


def _add_pdfs(config: Config, report: DocumentsReport) -> None:
    from crm_office.documents.pdf import convert_batch

    made = [item for item in report.documents if item.status == "made" and item.file]
    results = convert_batch([Path(item.file) for item in made],
                            archive=config.documents.pdf_archive, locale=config.locale)
    for index, item in enumerate(report.documents):
        if item in made:
            pdf, error = results[Path(item.file)]
            report.documents[index] = DocumentOutcome(**{**item.__dict__, "pdf": str(pdf or "")})
            if error:
                report.problems.append(say("document.pdf.failed", config.locale,
                                           file=item.file, reason=error))
