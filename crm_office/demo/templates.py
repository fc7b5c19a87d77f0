"""The shipped Word templates (offer, invoice, act), made reproducibly from blocks.

Line items use docxtpl's row loop (``{%tr for item in items %}`` … ``{%tr endfor %}``);
every field sits in a run of its own so Word keeps it whole. The words and layout
are in :mod:`crm_office.demo.template_text`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from crm_office.demo.config_text import OFFICE
from crm_office.demo.layout import DOCUMENT_TIME
from crm_office.demo.logo import logo_png
from crm_office.demo.template_styles import keep_used_styles
from crm_office.demo.template_text import (
    BANK,
    ITEM_COLUMNS,
    ITEM_HEADINGS,
    LETTERHEAD,
    LOGO,
    OWED_COLUMNS,
    OWED_HEADINGS,
    OWED_TOTAL,
    TEMPLATES,
    TITLES,
    TOTALS,
    Block,
)
from crm_office.workbook.repack import repack

LANGUAGES = {"en": "en-GB", "ru": "ru-RU"}
LOGO_FILE = "logo.png"
KINDS = ("offer", "invoice", "act", "reminder")
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)


def write_templates(folder: Path, locale: str) -> tuple[Path, ...]:
    """Write templates/<kind>.docx for every shipped kind and the demo logo; return their
    paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = folder / f"{kind}.docx"
        save(template_document(locale, kind), path, TITLES[locale][kind], locale)
        paths.append(path)
    logo = folder / LOGO_FILE
    logo.write_bytes(logo_png())
    return (*paths, logo)


def template_document(locale: str, kind: str) -> DocumentObject:
    """One template, block by block."""
    document = _new_document()
    for block in TEMPLATES[locale][kind]:
        _add_block(document, block, locale)
    return document


def _add_block(document: DocumentObject, block: Block, locale: str) -> None:
    name, *args = block
    if name == "letterhead":
        for text in LOGO:  # the office's logo when office.logo names one, else nothing
            _paragraph(document, text)
        first, *rest = LETTERHEAD[locale]
        _paragraph(document, first, bold=True, size=14, colour=True)
        for line in rest:
            _paragraph(document, line, size=9)
    elif name == "bank":
        _bank_table(document, locale)
    elif name == "title":
        _paragraph(document, args[0], bold=True, size=14, space=8)
    elif name == "heading":
        _paragraph(document, args[0], bold=True, size=11, space=6)
    elif name == "items":
        _items_table(document, locale)
    elif name == "owed":
        _owed_table(document, locale)
    elif name == "qr":
        _paragraph(document, "{{ qr }}")
    else:
        _paragraph(document, args[0], bold=name == "bold")


def _new_document() -> DocumentObject:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.5)
    return document


def _paragraph(document: DocumentObject, content: str, *, bold: bool = False, size: int = 0,
               colour: bool = False, space: int = 0) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(content)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = ACCENT
    if space:
        paragraph.paragraph_format.space_before = Pt(space)


def _bank_table(document: DocumentObject, locale: str) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(4.5), Cm(12.9)
    for label, value in BANK[locale]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].width, cells[1].width = Cm(4.5), Cm(12.9)


def _items_table(document: DocumentObject, locale: str) -> None:
    """Heading row, the docxtpl row loop over ``items``, then the totals."""
    table = document.add_table(rows=0, cols=len(ITEM_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_field, width, _right) in zip(table.columns, ITEM_COLUMNS, strict=True):
        column.width = Cm(width)
    blank = [""] * (len(ITEM_COLUMNS) - 1)
    _fill_row(table.add_row().cells, list(ITEM_HEADINGS[locale]), bold=True)
    _fill_row(table.add_row().cells, ["{%tr for item in items %}", *blank])
    _fill_row(table.add_row().cells, [field for field, *_ in ITEM_COLUMNS])
    _fill_row(table.add_row().cells, ["{%tr endfor %}", *blank])
    for index, (label_text, field) in enumerate(TOTALS[locale]):
        cells = table.add_row().cells
        label = cells[0].merge(cells[-2])
        label.text, cells[-1].text = label_text, field
        for cell in (label, cells[-1]):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            cell.paragraphs[0].runs[0].bold = index == len(TOTALS[locale]) - 1


def _owed_table(document: DocumentObject, locale: str) -> None:
    """The overdue invoices of a reminder: a row loop and the total."""
    table = document.add_table(rows=0, cols=len(OWED_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, (_field, width, _right) in zip(table.columns, OWED_COLUMNS, strict=True):
        column.width = Cm(width)
    blank = [""] * (len(OWED_COLUMNS) - 1)
    _fill_row(table.add_row().cells, list(OWED_HEADINGS[locale]), bold=True,
              columns=OWED_COLUMNS)
    _fill_row(table.add_row().cells, ["{%tr for item in items %}", *blank], columns=OWED_COLUMNS)
    _fill_row(table.add_row().cells, [field for field, *_ in OWED_COLUMNS], columns=OWED_COLUMNS)
    _fill_row(table.add_row().cells, ["{%tr endfor %}", *blank], columns=OWED_COLUMNS)
    _fill_row(table.add_row().cells, ["", OWED_TOTAL[locale], "{{ total }}"], bold=True,
              columns=OWED_COLUMNS)


def _fill_row(cells: Sequence[_Cell], values: list[str], *, bold: bool = False,
              columns: Sequence[tuple[str, float, bool]] = ITEM_COLUMNS) -> None:
    for cell, value, (_field, width, right) in zip(cells, values, columns, strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(value)
        run.bold = bold
        run.font.size = Pt(9)
        if right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def save(document: DocumentObject, path: Path, title: str, locale: str) -> None:
    """Save with fixed core properties and zip timestamps: same bytes on every run."""
    properties = document.core_properties
    office_name = str(OFFICE[locale]["name"])
    properties.title = title
    properties.author = properties.last_modified_by = office_name
    properties.comments = "crm-office template: edit the text freely, keep the fields in braces"
    properties.language = LANGUAGES.get(locale, "en-GB")
    properties.created = properties.modified = DOCUMENT_TIME
    properties.revision = 1
    keep_used_styles(document)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(repack(buffer.getvalue()))
