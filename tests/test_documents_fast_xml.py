"""The text way of writing word/document.xml: the same bytes as docxtpl, or the lxml way."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from crm_office.config import load_config
from crm_office.documents.fast_xml import lxml_like
from crm_office.documents.fields import sample_context
from crm_office.documents.qr import qr_png
from crm_office.documents.render import TEXT_CHECKS, PreparedTemplate, render_plain
from tests.documents_office import build_documents_office

NAMES = ["O'Brien & \"Sons\" <Ltd> > 1", "", "ООО «Ёлка» 🎄", "a&amp;b &#34; {{ x }} {% y %}"]


def _document_xml(package: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        assert opened.testzip() is None
        return opened.read("word/document.xml")


def _with_client(context: dict[str, Any], name: str) -> dict[str, Any]:
    items = [dict(item, name=name or item["name"]) for item in context["items"]]
    return dict(context, client=dict(context["client"], name=name, address=name),
                items=items, number=f"№ {name}")


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_text_way_writes_docxtpls_bytes_for_awkward_values(tmp_path: Path, locale: str) -> None:
    config = load_config(build_documents_office(tmp_path, locale))
    for kind in ("invoice", "offer", "reminder"):
        template = tmp_path / "templates" / f"{kind}.docx"
        sample = sample_context(config, kind)
        prepared, lxml_way = PreparedTemplate(template), PreparedTemplate(template)
        lxml_way._text_way = False
        png = qr_png("ST00012|Name=Test|Sum=100")
        for _ in range(TEXT_CHECKS + 1):  # both ways compared first, then the text way alone
            prepared.render(sample, png)
            prepared.render(sample)
        assert prepared._text_way, kind
        for name in NAMES:
            context = _with_client(sample, name)
            fast = prepared.render(context)
            assert _document_xml(fast) == _document_xml(render_plain(template, context))
            if kind == "invoice":  # docxtpl's own picture differs (indented, another id)
                assert _document_xml(prepared.render(context, png)) == _document_xml(
                    lxml_way.render(context, png)), name
        text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(fast)).paragraphs)
        assert NAMES[-1] in text and prepared._text_way


def test_text_way_hands_over_what_lxml_would_change() -> None:
    body = '<w:body xmlns:w="urn:w"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body>'
    assert lxml_like(body.format("a\nb")) is None  # a line break: docxtpl's listing
    assert lxml_like(body.format("a\rb")) is None  # lxml writes &#13;
    assert lxml_like(body.format("a\x01b")) is None
    assert lxml_like(body.format("a</w:t>")) is None  # not well-formed: lxml would mend it
    assert lxml_like(body.format("&#34;x&#39;")) == body.format("\"x'").encode()
    assert lxml_like(body.format("")) == body.format("").replace("<w:t></w:t>", "<w:t/>").encode()
    pictures = ('<w:body xmlns:w="urn:w" xmlns:wp="urn:wp"><wp:docPr id="7" name="a"/>'
                '<wp:docPr name="b" id="1"/></w:body>')
    assert lxml_like(pictures) == pictures.replace('id="7"', 'id="1001"').replace(
        'id="1"', 'id="1002"').encode()


def test_a_field_inside_a_tag_keeps_the_lxml_way(tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("Hello {{ name }}")
    document.save(str(template))
    assert PreparedTemplate(template)._text_way
    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:p>", b'<w:p><w:bookmarkStart w:id="0" w:name="{{ name }}"/>', 1)
    with zipfile.ZipFile(template, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    prepared = PreparedTemplate(template)
    assert not prepared._text_way
    assert _document_xml(prepared.render({"name": 'a"b'})) == _document_xml(
        render_plain(template, {"name": 'a"b'}))
