"""`crm-office templates check`: every template rendered with a sample deal, findings in words.

Finds placeholders that match no field (with the nearest field name), fields broken
across Word runs or paragraphs, a table loop written without ``{%tr %}``, syntax
errors with their paragraph, things the sandbox refuses, pictures that are missing, and
an office logo (``[office] logo``) that is missing or not a picture, for a template that
prints ``{{ logo }}``.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_office.config.model import Config, DocumentKind
from crm_office.documents.fields import known_names, sample_context
from crm_office.documents.logo import LOGO_FIELD, Logo, office_logo
from crm_office.documents.qr import qr_png
from crm_office.documents.render import prints_field, render_plain
from crm_office.errors import DocumentError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PRINTED = re.compile(r"\{\{-?\s*([A-Za-z_][\w.]*)")
_SPLIT = re.compile(r"\{(?:<[^>]+>)+[{%]|[}%](?:<[^>]+>)+\}")
_IMAGE = "/relationships/image"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    hint: str = ""


@dataclass
class TemplateCheck:
    kind: str
    template: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class TemplatesReport:
    templates: list[TemplateCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(item.findings for item in self.templates)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "templates": [
            {"kind": item.kind, "template": item.template,
             "findings": [finding.__dict__ for finding in item.findings]}
            for item in self.templates]}


def check_templates(config: Config) -> TemplatesReport:
    """Check the template of every configured kind whose file exists (or is configured);
    the office's logo as well, once, when a template prints it."""
    report = TemplatesReport()
    logo, problem = _logo(config)
    for kind in config.documents.kinds.values():
        report.templates.append(check_template(config, kind, logo, problem))
    return report


def _logo(config: Config) -> tuple[Logo | None, Finding | None]:
    try:
        return office_logo(config.paths.templates, config.office.logo, config.locale), None
    except DocumentError as exc:
        return None, Finding("logo-unusable", exc.message, exc.hint)


def check_template(config: Config, kind: DocumentKind, logo: Logo | None = None,
                   logo_problem: Finding | None = None) -> TemplateCheck:
    check = TemplateCheck(kind.name, str(kind.template))
    if not kind.template.is_file():
        check.findings.append(Finding("template-missing", f"the file {kind.template} is missing",
                                      "run `crm-office init` in a new folder to get the "
                                      "shipped templates, or correct documents.kinds"))
        return check
    try:
        paragraphs, xml, broken_images = _read(kind.template)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        check.findings.append(Finding("template-unreadable", f"not a Word .docx file: {exc}"))
        return check
    if broken_images:  # Word and docxtpl cannot open such a file at all
        check.findings += [Finding("image-missing", f"the picture {name} is missing from the "
                                   "file", "insert the picture again in Word")
                           for name in broken_images]
        return check
    context = sample_context(config, kind.name)
    check.findings += _unknown_fields(paragraphs, known_names(context))
    check.findings += _split_fields(paragraphs, xml)
    check.findings += _table_loops(kind.template)
    if logo_problem is not None and any(prints_field(text, LOGO_FIELD) for text in paragraphs):
        check.findings.append(logo_problem)
    if not any(finding.code in ("field-unknown", "loop-without-tr") for finding in check.findings):
        try:
            render_plain(kind.template, context, qr_png("sample") if kind.name == "invoice"
                         else None, logo)
        except DocumentError as exc:
            check.findings.append(Finding("render-failed", exc.message, exc.hint))
    return check


def _read(path: Path) -> tuple[list[str], str, list[str]]:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        xml = package.read("word/document.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels") if \
            "word/_rels/document.xml.rels" in names else b"<r/>"
    root = etree.fromstring(xml.encode("utf-8"))
    paragraphs = ["".join(node.text or "" for node in para.iter(f"{_W}t"))
                  for para in root.iter(f"{_W}p")]
    missing = [rel.get("Target") for rel in etree.fromstring(rels)
               if (rel.get("Type") or "").endswith(_IMAGE) and rel.get("TargetMode") != "External"
               and f"word/{rel.get('Target')}" not in names]
    return paragraphs, xml, [str(name) for name in missing]


def _unknown_fields(paragraphs: list[str], known: set[str]) -> list[Finding]:
    findings = []
    for text in paragraphs:
        for name in _PRINTED.findall(text):
            if name in known or name.split(".")[0] == "loop":
                continue
            near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.5)
            findings.append(Finding(
                "field-unknown", f"{{{{ {name} }}}} matches no field (in «{text.strip()[:80]}»)",
                f"did you mean {{{{ {near[0]} }}}}?" if near else
                "`crm-office templates fields KIND` lists the fields"))
    return findings


def _split_fields(paragraphs: list[str], xml: str) -> list[Finding]:
    findings = []
    for text in paragraphs:
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            findings.append(Finding("field-broken", f"a field is not closed in the same "
                                    f"paragraph: «{text.strip()[:80]}»",
                                    "type the whole field, {{ and }} included, in one paragraph"))
    if _SPLIT.search(xml):
        findings.append(Finding("field-split", "a field's braces are split by Word formatting "
                                "(e.g. {{ typed in two goes); it still works",
                                "select the field and retype it in one go to be safe"))
    return findings


def _table_loops(path: Path) -> list[Finding]:
    from docx import Document

    findings = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                text = cell.text
                if re.search(r"\{%-?\s*for\b", text) and not re.search(r"\{%-?\s*endfor", text):
                    findings.append(Finding(
                        "loop-without-tr", f"a loop in a table is written without {{%tr %}}: "
                        f"«{text.strip()[:80]}»",
                        "write {%tr for item in items %} and {%tr endfor %} in their own rows"))
    return findings
