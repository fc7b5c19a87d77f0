"""The office's logo (``[office] logo``) in the letterhead of every shipped template.

Read back with python-docx: the picture is in the body before the office's name, 40 mm
wide, the very bytes of the logo file, in both languages, on the fast path and on
docxtpl's own; no logo configured leaves no trace; a logo that is missing or not a
picture is named in words by `templates check` and costs no number.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from crm_office.config import load_config
from crm_office.demo.logo import logo_png
from crm_office.documents.fields import field_list, sample_context
from crm_office.documents.logo import read_logo
from crm_office.documents.make import Request, make_documents
from crm_office.documents.render import PreparedTemplate, render_plain
from crm_office.documents.templates_check import check_templates
from crm_office.store import Store
from tests.documents_office import build_documents_office

KINDS = ("offer", "invoice", "act", "reminder")
TARGETS = {"offer": "D-000001", "invoice": "D-000001", "act": "D-000001",
           "reminder": "C-000001"}
LEGAL_NAME = {"en": "Northwind Ltd", "ru": "ООО «Северный ветер»"}
TODAY = __import__("datetime").date(2026, 11, 22)


def office_with_logo(root: Path, locale: str, logo: str = "logo.png") -> Path:
    config = build_documents_office(root, locale)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[office]\n", f'[office]\nlogo = "{logo}"\n', 1),
                      encoding="utf-8")
    return config


def pictures(document: Any) -> list[tuple[float, float, bytes]]:
    """Width and height (mm) and the image bytes of each inline picture of the body."""
    found = []
    for shape in document.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        found.append((round(shape.width.mm, 2), round(shape.height.mm, 2),
                      document.part.related_parts[rid].blob))
    return found


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_template_prints_the_logo_in_its_letterhead(tmp_path: Path, locale: str,
                                                                  kind: str) -> None:
    config = load_config(office_with_logo(tmp_path, locale))
    report = make_documents(config, [Request(kind, TARGETS[kind])], today=TODAY)
    [made] = report.documents
    assert made.status == "made", made.message
    document = Document(made.file)
    found = pictures(document)
    assert found[0] == (40.0, 13.33, logo_png())
    expected = 2 if (kind, locale) == ("invoice", "ru") else 1  # the payment QR too
    assert len(found) == expected
    first = document.paragraphs[0]
    assert first._p.xpath(".//pic:pic") and first.text == ""
    assert document.paragraphs[1].text == LEGAL_NAME[locale]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_without_a_logo_the_letterhead_starts_with_the_name(tmp_path: Path,
                                                             locale: str) -> None:
    config = load_config(build_documents_office(tmp_path, locale))
    assert config.office.logo == ""
    report = make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    document = Document(report.documents[0].file)
    assert pictures(document) == []
    assert document.paragraphs[0].text == LEGAL_NAME[locale]
    with zipfile.ZipFile(report.documents[0].file) as package:
        assert not [name for name in package.namelist() if name.startswith("word/media/")]


def _normalised(xml: bytes) -> bytes:
    """document.xml with the picture's relationship id and file name made neutral, and
    without the line breaks docxtpl pretty-prints a picture with."""
    xml = re.sub(rb">\s+<", b"><", xml)
    xml = re.sub(rb'r:embed="[^"]+"', b'r:embed="ID"', xml)
    return re.sub(rb'(<pic:cNvPr id="\d+" name=")[^"]+"', rb'\1NAME"', xml)


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("with_qr", [False, True], ids=["logo", "logo and qr"])
def test_fast_path_places_the_logo_as_docxtpl_does(tmp_path: Path, locale: str,
                                                   with_qr: bool) -> None:
    from crm_office.documents.qr import qr_png

    config = load_config(office_with_logo(tmp_path, locale))
    logo = read_logo(tmp_path / "templates" / "logo.png")
    template = tmp_path / "templates" / "invoice.docx"
    context = sample_context(config, "invoice")
    qr = qr_png("sample") if with_qr else None
    prepared = PreparedTemplate(template, logo)
    prepared.render(context, qr)
    fast = prepared.render(context, qr)
    plain = render_plain(template, context, qr, logo)
    with zipfile.ZipFile(io.BytesIO(fast)) as one, zipfile.ZipFile(io.BytesIO(plain)) as two:
        assert _normalised(one.read("word/document.xml")) == _normalised(
            two.read("word/document.xml"))
        assert one.testzip() is None
        types = one.read("[Content_Types].xml")
        rels = one.read("word/_rels/document.xml.rels")
    assert types.count(b'Extension="png"') == 1
    assert rels.count(b"relationships/image") == (2 if with_qr else 1)
    fast_pictures = pictures(Document(io.BytesIO(fast)))
    assert fast_pictures == pictures(Document(io.BytesIO(plain)))
    assert fast_pictures[0] == (40.0, 13.33, logo_png())


def test_a_jpeg_logo_gets_its_content_type(tmp_path: Path) -> None:
    from PIL import Image

    config_path = office_with_logo(tmp_path, "en", "brand/logo.jpg")
    (tmp_path / "templates" / "brand").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (31, 58, 95)).save(buffer, "JPEG")
    (tmp_path / "templates" / "brand" / "logo.jpg").write_bytes(buffer.getvalue())
    config = load_config(config_path)
    report = make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    file = report.documents[0].file
    assert pictures(Document(file)) == [(40.0, 20.0, buffer.getvalue())]
    with zipfile.ZipFile(file) as package:
        assert b'Extension="jpeg" ContentType="image/jpeg"' in package.read(
            "[Content_Types].xml")
        assert "word/media/crm_logo.jpeg" in package.namelist()


@pytest.mark.parametrize(("logo", "content", "message"), [
    ("missing.png", None, "the logo file {path} is missing"),
    ("notes.png", b"these are not pixels", "the logo file {path} is not a PNG or JPEG picture"),
])
def test_an_unusable_logo_is_named_and_costs_no_number(tmp_path: Path, logo: str,
                                                        content: bytes | None,
                                                        message: str) -> None:
    config = load_config(office_with_logo(tmp_path, "en", logo))
    path = tmp_path / "templates" / logo
    if content is not None:
        path.write_bytes(content)
    expected = message.format(path=path)
    report = check_templates(config)
    assert not report.ok
    for item in report.templates:
        assert [(finding.code, finding.message) for finding in item.findings] == [
            ("logo-unusable", expected)], item.kind
        assert "office.logo" in item.findings[0].hint
    made = make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    assert [(item.status, item.reason) for item in made.documents] == [("failed", expected)]
    with Store.open(config.paths.store, config.paths.root) as store:
        assert store.documents() == []


def test_a_russian_office_hears_about_its_logo_in_russian(tmp_path: Path) -> None:
    config = load_config(office_with_logo(tmp_path, "ru", "нет.png"))
    report = check_templates(config)
    finding = report.templates[0].findings[0]
    assert finding.message == f"файла логотипа {tmp_path / 'templates' / 'нет.png'} нет"


def test_the_logo_is_a_known_field(tmp_path: Path) -> None:
    config = load_config(office_with_logo(tmp_path, "en"))
    assert check_templates(config).ok
    fields = dict(field_list(sample_context(config, "offer")))
    assert fields["logo"] == "the office's logo (office.logo), 40 mm wide"
