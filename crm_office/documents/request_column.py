"""The request column in Deals: staff ask for a document by choosing its kind in a cell.

``documents.request_column`` names a column people own (e.g. "Make document" /
«Документ»); the engine adds it when it is missing, with three engine-owned columns
beside it: the document's number, date and file (a hyperlink to the document, relative
to the workbook so it works on a shared drive), and gives it a dropdown (offer,
invoice, act, new offer, new invoice, new act — in the office's language) unless the
column already has one. ``offer``, ``invoice``, ``act`` (or «КП», «счёт», «акт») asks
for that document; a request whose number cell is filled is fulfilled and not made
again; ``new invoice`` («новый счёт») makes a new version, after which the cell is set
back to ``invoice`` («счёт»)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.documents.numbering import LIVE
from crm_office.documents.office_data import OfficeData
from crm_office.documents.register import ExtraCells, Recorded, SheetAdditions
from crm_office.model import normalise_header
from crm_office.store.documents import DocumentRow
from crm_office.writeback.hyperlinks import file_link

WORDS = {
    "offer": ("offer", "quote", "кп", "предложение", "коммерческое предложение"),
    "invoice": ("invoice", "счёт", "счет", "счёт на оплату", "счет на оплату"),
    "act": ("act", "delivery note", "акт"),
}
NEW = ("new ", "новый ", "новое ", "новая ")
RESULTS = ("number", "date", "file")
CHOICES = ("offer", "invoice", "act")


def dropdown_choices(locale: str) -> list[str]:
    """The request column's dropdown in the office's language (words :func:`parse_request`
    knows): offer, invoice, act, then the "new …" of each."""
    return ([say(f"document.request.{kind}", locale) for kind in CHOICES]
            + [say(f"document.request.new-{kind}", locale) for kind in CHOICES])


@dataclass(frozen=True)
class ColumnRequest:
    row: int
    deal_id: str
    kind: str
    new: bool


@dataclass
class RequestSheet:
    """Where the request column and its result columns are in the Deals sheet."""

    path: Path
    sheet: str
    header_row: int
    request: int
    results: dict[str, int]
    locale: str = "en"
    new_headers: dict[int, str] = field(default_factory=dict)
    requests: list[ColumnRequest] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fulfil(self, into: SheetAdditions, request: ColumnRequest, row: DocumentRow) -> None:
        """Number, date and a link to the file for a fulfilled request (the request word
        set back to the plain kind, in the office's language, after "new")."""
        into.cells += [(request.row, self.results["number"], row.number),
                       (request.row, self.results["date"], row.issued)]
        if row.file:
            file = Path(row.file)
            into.links.append((request.row, self.results["file"], file.name,
                               file_link(self.path, file)))
        if request.new:
            word = say(f"document.request.{request.kind}", self.locale) \
                if request.kind in CHOICES else request.kind
            into.cells.append((request.row, self.request, word))

    def additions(self) -> SheetAdditions:
        """The new headers and the dropdown under the request header."""
        return SheetAdditions(
            self.sheet, [(self.header_row, column, name) for column, name
                         in self.new_headers.items()],
            dropdown=(self.request, self.header_row + 1, tuple(dropdown_choices(self.locale))))


def parse_request(value: Any) -> tuple[str, bool] | None:
    """``"new invoice"`` → ("invoice", True); ``"КП"`` → ("offer", False); else None."""
    word = " ".join(str(value or "").split()).casefold()
    new = word.startswith(NEW)
    if new:
        word = word.split(" ", 1)[1]
    for kind, words in WORDS.items():
        if word in words:
            return kind, new
    return None


def read_requests(config: Config, data: OfficeData) -> RequestSheet | None:
    """The requests typed in the Deals sheet (None when the office has no request column)."""
    header = config.documents.request_column
    part = data.parts.get("deals")
    if not header or part is None:
        return None
    rows = _sheet_rows(part.source.path, part.source.sheet)
    top = rows[part.header_row - 1] if len(rows) >= part.header_row else []
    found = {normalise_header(value): index + 1 for index, value in enumerate(top) if value}
    last = max([part.first_column + part.width - 1, *found.values(), 0])
    sheet = RequestSheet(part.source.path, part.source.sheet, part.header_row, 0, {},
                         config.locale)
    names = {"request": header, **{key: say(f"document.requestcol.{key}", config.locale)
                                   for key in RESULTS}}
    for key, name in names.items():
        column = found.get(normalise_header(name))
        if column is None:
            last += 1
            column = last
            sheet.new_headers[column] = name
        if key == "request":
            sheet.request = column
        else:
            sheet.results[key] = column
    for index, row in enumerate(part.rows):
        _take(sheet, rows, row, str(part.columns["id"][index] or ""), config.locale)
    return sheet


def _take(sheet: RequestSheet, rows: list[list[Any]], row: int, deal_id: str,
          locale: str) -> None:
    values = rows[row - 1] if len(rows) >= row else []

    def cell(column: int) -> Any:
        return values[column - 1] if len(values) >= column else None

    typed = cell(sheet.request)
    if typed in (None, "") or not deal_id:
        return
    parsed = parse_request(typed)
    if parsed is None:
        sheet.problems.append(say("document.requestcol.unknown", locale, deal=deal_id, value=typed,
                                   kinds=", ".join(WORDS)))
        return
    kind, new = parsed
    if new or cell(sheet.results["number"]) in (None, ""):
        sheet.requests.append(ColumnRequest(row, deal_id, kind, new))


def _sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [list(row) for row in book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]


def request_results(sheet: RequestSheet | None, rows: Sequence[DocumentRow],
                    recorded: Sequence[Recorded]) -> ExtraCells:
    """Number, date and file link beside each request of the Deals sheet that has its
    document; new headers; the dropdown of the request column."""
    if sheet is None:
        return {}
    live = {(row.kind, row.deal_id.upper()): row for row in rows if row.status in LIVE}
    made = {(done.row.kind, done.row.deal_id.upper()) for done in recorded}
    additions = sheet.additions()
    for request in sheet.requests:
        key = (request.kind, request.deal_id.upper())
        row = live.get(key)
        if row is None or (request.new and key not in made):
            continue
        sheet.fulfil(additions, request, row)
    return {sheet.path: additions}
