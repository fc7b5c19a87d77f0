"""The demo offer.docx and invoice.docx: Word files with docxtpl fields, made reproducibly.

Line items use docxtpl's row loop (``{%tr for item in items %}`` … ``{%tr endfor %}``);
every field sits in a run of its own so Word keeps it whole.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell

from crm_office.demo.config_text import OFFICE
from crm_office.demo.layout import DOCUMENT_TIME
from crm_office.demo.template_text import ITEM_COLUMNS, TEXT, TOTALS
from crm_office.workbook.repack import repack

LANGUAGES = {"en": "en-GB", "ru": "ru-RU"}


def write_templates(folder: Path, locale: str) -> tuple[Path, Path]:
    """Write templates/offer.docx and templates/invoice.docx; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    offer, invoice = folder / "offer.docx", folder / "invoice.docx"
    save(offer_document(locale), offer, TEXT[locale]["offer_title"], locale)
    save(invoice_document(locale), invoice, TEXT[locale]["invoice_title"], locale)
    return offer, invoice


def offer_document(locale: str) -> DocumentObject:
    """A commercial offer: company header, client, items, totals, amount in words."""
    text, office = TEXT[locale], OFFICE[locale]
    document = _new_document()
    _company_header(document, office, text)
    document.add_heading(text["offer_title"], level=1)
    document.add_paragraph(text["offer_to"])
    document.add_paragraph(text["offer_attn"])
    document.add_paragraph(text["offer_intro"])
    _items_table(document, text)
    _paragraph(document, text["in_words"], bold=True)
    document.add_paragraph(text["offer_valid"])
    document.add_paragraph(text["offer_close"])
    _paragraph(document, str(office["legal_name"]), bold=True)
    return document


def invoice_document(locale: str) -> DocumentObject:
    """An invoice: company and bank details, customer, items, totals, due date."""
    text, office = TEXT[locale], OFFICE[locale]
    document = _new_document()
    _company_header(document, office, text)
    _bank_table(document, office, text)
    document.add_heading(text["invoice_title"], level=1)
    _paragraph(document, f"{text['supplier']}: {office['legal_name']}, "
                         f"{text['tax_id']} {office['tax_id']}, {office['address']}")
    _paragraph(document, f"{text['customer']}: {text['customer_line']}, {text['customer_tax']}")
    _items_table(document, text)
    _paragraph(document, text["in_words"], bold=True)
    document.add_paragraph(text["due"])
    document.add_paragraph("")
    document.add_paragraph(text["signature"])
    return document


def _new_document() -> DocumentObject:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    return document


def _paragraph(document: DocumentObject, content: str, *, bold: bool = False,
               size: int = 0) -> None:
    run = document.add_paragraph().add_run(content)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def _company_header(document: DocumentObject, office: dict[str, Any],
                    text: dict[str, str]) -> None:
    _paragraph(document, str(office["legal_name"]), bold=True, size=14)
    _paragraph(document, str(office["address"]))
    _paragraph(document, f"{text['phone']} {office['phone']} · {text['email']} "
                         f"{office['email']} · {office['website']}")
    _paragraph(document, f"{text['tax_id']} {office['tax_id']}")


def _bank_table(document: DocumentObject, office: dict[str, Any],
                text: dict[str, str]) -> None:
    rows = ((text["payee"], office["legal_name"]), (text["bank"], office["bank_name"]),
            (text["account"], office["bank_account"]), (text["bank_code"], office["bank_code"]),
            (text["tax_id"], office["tax_id"]))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
        cells[0].width, cells[1].width = Cm(4.5), Cm(12.5)


def _items_table(document: DocumentObject, text: dict[str, str]) -> None:
    """Heading row, the docxtpl row loop over ``items``, then the totals."""
    table = document.add_table(rows=0, cols=len(ITEM_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    blank = [""] * (len(ITEM_COLUMNS) - 1)
    _fill_row(table.add_row().cells, [text[key] for key, *_ in ITEM_COLUMNS], bold=True)
    _fill_row(table.add_row().cells, ["{%tr for item in items %}", *blank])
    _fill_row(table.add_row().cells, [field for _key, field, *_ in ITEM_COLUMNS])
    _fill_row(table.add_row().cells, ["{%tr endfor %}", *blank])
    for key, field in TOTALS:
        cells = table.add_row().cells
        label = cells[0].merge(cells[-2])
        label.text, cells[-1].text = text[key], field
        for cell in (label, cells[-1]):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            cell.paragraphs[0].runs[0].bold = key == "total"


def _fill_row(cells: Sequence[_Cell], values: list[str], *, bold: bool = False) -> None:
    for cell, value, (_key, _field, width, right) in zip(cells, values, ITEM_COLUMNS,
                                                          strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(value)
        run.bold = bold
        if right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def save(document: DocumentObject, path: Path, title: str, locale: str) -> None:
    """Save with fixed core properties and zip timestamps: same bytes on every run."""
    properties = document.core_properties
    office_name = str(OFFICE[locale]["name"])
    properties.title = title.split("{", 1)[0].strip()
    properties.author = properties.last_modified_by = office_name
    properties.comments = "crm-office template: edit the text freely, keep the fields in braces"
    properties.language = LANGUAGES.get(locale, "en-GB")
    properties.created = properties.modified = DOCUMENT_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(repack(buffer.getvalue()))
