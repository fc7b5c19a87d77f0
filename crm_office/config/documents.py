"""The [documents] section: kinds of documents, numbering, payment terms, PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import Text
from crm_office.config import settings as declared
from crm_office.config.model import DocumentKind, DocumentSettings

if TYPE_CHECKING:
    from crm_office.config.loader import SectionReader

BUILT_IN_KINDS = {
    # kind: template, number pattern
    "offer": ("offer.docx", "OF-{year}-{n:05d}"),
    "invoice": ("invoice.docx", "INV-{year}-{n:05d}"),
    "act": ("act.docx", "ACT-{year}-{n:05d}"),
    "reminder": ("reminder.docx", "REM-{year}-{n:05d}"),
}


def document_settings(reader: SectionReader, raw: Any, templates: Path,
                      stages: tuple[str, ...]) -> DocumentSettings:
    """Check [documents]; the built-in kinds are there unless the office names them."""
    from crm_office.config.loader import did_you_mean
    from crm_office.documents.patterns import check_pattern

    values = reader.section(raw, declared.DOCUMENTS, "documents")
    kinds = {name: DocumentKind(name, templates / template, number, name)
             for name, (template, number) in BUILT_IN_KINDS.items()}
    for name, item in values["kinds"].items():
        where = f"documents.kinds.{name}"
        kind = reader.section(item, declared.DOCUMENT_KIND, where)
        path = templates / kind["template"]
        if not path.is_file():
            raise reader.fail(f"{where}.template", Text("cfg.template-not-found", path=path),
                              Text("cfg.relative-to-templates", key="paths.templates"))
        if templates.resolve() not in path.resolve().parents:
            raise reader.fail(f"{where}.template",
                              Text("cfg.template-inside", key="paths.templates"))
        check_pattern(kind["number"], f"{where}.number")
        kinds[name] = DocumentKind(name, path, kind["number"], kind["label"] or name)
    if values["payment_days"] < 0:
        raise reader.fail("documents.payment_days", Text("cfg.days-not-negative"))
    for stage, kind_name in values["stage_requests"].items():
        if stage not in stages:
            raise reader.fail(f"documents.stage_requests.{stage}",
                              Text("cfg.unknown-stage-name", stage=stage),
                              did_you_mean(stage, stages))
        if kind_name not in kinds:
            raise reader.fail(f"documents.stage_requests.{stage}",
                              Text("cfg.unknown-kind", kind=kind_name),
                              did_you_mean(kind_name, kinds))
    return DocumentSettings(kinds=kinds, payment_days=values["payment_days"],
                            prices_include_vat=values["prices_include_vat"], pdf=values["pdf"],
                            pdf_archive=values["pdf_archive"], qr=values["qr"],
                            register_sheet=values["register_sheet"],
                            request_column=values["request_column"],
                            stage_requests=dict(values["stage_requests"]))
