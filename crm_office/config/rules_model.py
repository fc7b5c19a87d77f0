"""``[rules.*]``, ``[validation]``, ``[sync]`` and ``[documents]`` as the config holds them;
each key declared once, by its typed field (:func:`crm_office.config.keys.key`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crm_office.config.keys import NO_DEFAULT, key, made
from crm_office.errors import ConfigError


@dataclass(frozen=True)
class Condition:
    """When some fields have given values, other fields must be filled in."""

    when: dict[str, str] = key(NO_DEFAULT, "Field values that switch the rule on: "
                                           "{status = \"active\"}.")
    require: tuple[str, ...] = key(NO_DEFAULT, "Fields that must then be filled in.")
    message: str = key(NO_DEFAULT, "What to tell the person, instead of the default text.",
                       file_default="")
    key_path: str = made()


@dataclass(frozen=True)
class TableRules:
    """Rules the office adds to a table on top of the model's."""

    required: tuple[str, ...] = key((), "More required columns of the table, by field key.")
    choices: dict[str, tuple[str, ...]] = key({}, "Allowed values per column: "
                                                  "{industry = [\"travel\", ...]}.")
    patterns: dict[str, str] = key({}, "A regular expression per column the whole value must "
                                       "match.")
    conditions: tuple[Condition, ...] = key((), "Conditional rules: [{when = {...}, require = "
                                                "[...]}].")


@dataclass(frozen=True)
class Validation:
    """``[validation]``; ``keep_backups``, still read from here, is declared in settings.py."""

    mark_cells: bool = key(True, "Fill problem cells and add a note saying what is wrong.")
    issues_sheet: str = key("Issues", "Name of the engine-owned sheet listing all problems "
                                      "(default: Issues, in a Russian office Проблемы).",
                            file_default="")
    mark_severities: tuple[str, ...] = key(("error", "warning"), "Severities that get a mark "
                                                                 "in the cell (info is only "
                                                                 "listed).")


@dataclass(frozen=True)
class LeadRule:
    """New leads of these regions or industries go to this manager."""

    manager: str = key(NO_DEFAULT, "Manager (as in the Managers sheet) who gets the leads.")
    regions: tuple[str, ...] = key((), "Regions whose new leads go to this manager.")
    industries: tuple[str, ...] = key((), "Industries whose new leads go to this manager.")


@dataclass(frozen=True)
class SyncSettings:
    """``[sync]``: manager views, the conflicts sheet and lead distribution."""

    manager_views: bool = key(True, "Write workbooks/<views>/<manager>.xlsx views.")
    views_folder: str = key("managers", "Folder of the manager views, in paths.workbooks.")
    conflicts_sheet: str = key("Conflicts", "Engine-owned sheet listing open conflicts "
                                            "(default: Conflicts, in a Russian office "
                                            "Конфликты).", file_default="")
    assignment: tuple[LeadRule, ...] = key(
        (), "Lead distribution rules: [{manager, regions = [...], industries = [...]}].")


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template, number pattern and what it is called."""

    name: str = made()
    template: Path = key(NO_DEFAULT, "Word template of the kind, relative to paths.templates.",
                         file_type=str)
    number: str = key(NO_DEFAULT, "Number pattern: {year}, {n} (zero-padded: {n:05d}) and "
                                  "{kind}.", file_default="{kind}-{year}-{n:05d}")
    label: str = key(NO_DEFAULT, "What the register and the contact log call it (e.g. "
                                 "\"offer\").", file_default="")


@dataclass(frozen=True)
class DocumentSettings:
    """``[documents]``: kinds, payment terms, PDF and the register."""

    kinds: dict[str, DocumentKind] = key(
        {}, "Document kinds by name: {offer = {template = \"offer.docx\", number = ...}}; "
            "offer, invoice, act and reminder are built in.")
    payment_days: int = key(14, "Days from an invoice's date to its due date.")
    prices_include_vat: bool = key(False, "Prices in the price list and deal items include "
                                          "VAT (else VAT is added).")
    pdf: bool = key(False, "Also make a PDF of every document (LibreOffice).")
    pdf_archive: bool = key(False, "Make the PDFs PDF/A-2b, for offices that archive them.")
    qr: bool = key(True, "Payment QR code on invoices: ГОСТ Р 56042-2014 for RUB, EPC for EUR.")
    register_sheet: str = key("Documents", "Engine-owned sheet listing every document, in the "
                                           "deals workbook.")
    request_column: str = key(
        "", "Header of a column in Deals where staff ask for a document (offer, invoice, act); "
            "the engine adds it and its result columns when missing.")
    stage_requests: dict[str, str] = key({}, "Funnel stages that ask for a document: "
                                             "{offer = \"offer\", invoiced = \"invoice\"}.")

    def kind(self, name: str) -> DocumentKind:
        if name not in self.kinds:
            raise ConfigError(f"no document kind '{name}' (known: {', '.join(self.kinds)})",
                              key_path=f"documents.kinds.{name}",
                              hint="add [documents.kinds.NAME] with its template")
        return self.kinds[name]
