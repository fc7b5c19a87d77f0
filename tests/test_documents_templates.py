"""Templates: sandbox, escaping, the fast path equal to docxtpl, `templates check`."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from crm_office.config import load_config
from crm_office.demo.templates import KINDS, write_templates
from crm_office.documents.fields import sample_context
from crm_office.documents.make import Request, make_documents
from crm_office.documents.render import PreparedTemplate, render_plain
from crm_office.documents.templates_check import check_templates
from crm_office.errors import DocumentError
from crm_office.store import Store
from tests.documents_office import build_documents_office

TODAY = dt.date(2026, 11, 22)


def write_template(path: Path, *paragraphs: str, table_loop: bool = False) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_loop:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "{% for item in items %}{{ item.name }}"
        table.rows[0].cells[1].text = "{{ item.amount }}{% endfor %}"
    document.save(str(path))
    return path


def office_with(tmp_path: Path, *paragraphs: str, table_loop: bool = False) -> Path:
    config = build_documents_office(tmp_path, "en", extra='[documents.kinds.offer]\n'
                                    'template = "custom.docx"\n')
    write_template(tmp_path / "templates" / "custom.docx", *paragraphs, table_loop=table_loop)
    return config


@pytest.mark.parametrize(("paragraph", "words"), [
    ("Dear {{ client.nmae }}", "a field is not known"),
    ("{{ ''.__class__.__mro__ }}", "not allowed"),
    ("{{ ''.__class__ }}", "not allowed"),
    ("{{ cycler.__init__.__globals__.os }}", "not allowed"),
    ("Total {{ total ", "not written correctly"),
    ("{% if total %}open if", "not written correctly"),
])
def test_bad_template_stops_before_any_number_or_file(tmp_path: Path, paragraph: str,
                                                      words: str) -> None:
    config = load_config(office_with(tmp_path, "Offer {{ number }}", paragraph))
    report = make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    assert [item.status for item in report.documents] == ["failed"]
    assert words in report.documents[0].message and "custom.docx" in report.documents[0].message
    assert not (tmp_path / "output").exists() and report.files == []
    with Store.open(config.paths.store, config.paths.root) as store:
        assert store.documents() == []


def test_sandbox_error_names_the_template(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.docx", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(DocumentError, match=r"t\.docx: the template tried something not allowed"):
        render_plain(path, {})


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("kind", KINDS)
def test_fast_path_writes_the_same_document_xml_as_docxtpl(tmp_path: Path, locale: str,
                                                           kind: str) -> None:
    config = load_config(build_documents_office(tmp_path, locale))
    template = tmp_path / "templates" / f"{kind}.docx"
    context = sample_context(config, kind)
    prepared = PreparedTemplate(template)
    assert prepared.fast
    prepared.render(sample_context(config, "offer"))  # the first document checks the shell
    fast = prepared.render(context)  # … later ones are written around the body directly
    plain = render_plain(template, context)
    with zipfile.ZipFile(io.BytesIO(fast)) as one, zipfile.ZipFile(io.BytesIO(plain)) as two:
        assert one.read("word/document.xml") == two.read("word/document.xml")
        assert one.testzip() is None
        names = set(one.namelist())
    with zipfile.ZipFile(template) as source:
        assert names == set(source.namelist())
        for name in names - {"word/document.xml"}:
            assert one.getinfo(name).CRC == source.getinfo(name).CRC  # copied as stored
    assert 'Smith & Sons "Best" <Ltd>' in "\n".join(
        p.text for p in Document(io.BytesIO(fast)).paragraphs)


def test_shell_writes_what_lxml_writes_after_moving_the_body(tmp_path: Path) -> None:
    from lxml import etree

    from crm_office.documents.shell import DocumentShell

    config = load_config(build_documents_office(tmp_path, "ru"))
    prepared = PreparedTemplate(tmp_path / "templates" / "invoice.docx")
    root = prepared._tpl.docx._element  # docxtpl's own document element
    shell = DocumentShell(root)
    body = etree.fromstring(etree.tostring(root.body))
    wrapped = shell.wrap(body)
    root.replace(root.body, body)
    assert wrapped == etree.tostring(root, encoding="UTF-8", standalone=True)
    assert config.locale == "ru"


def test_shipped_templates_pass_the_check(tmp_path: Path) -> None:
    for locale in ("en", "ru"):
        config = load_config(build_documents_office(tmp_path / locale, locale))
        report = check_templates(config)
        assert report.ok, report.to_dict()
        assert [item.kind for item in report.templates] == ["offer", "invoice", "act",
                                                            "reminder"]


def test_check_names_unknown_fields_broken_tags_and_table_loops(tmp_path: Path) -> None:
    config = load_config(office_with(tmp_path, "Dear {{ client.nmae }}", "Total {{ total ",
                                     table_loop=True))
    report = check_templates(config)
    offer = next(item for item in report.templates if item.kind == "offer")
    found = [(finding.code, finding.message, finding.hint) for finding in offer.findings]
    assert ("field-unknown", "{{ client.nmae }} matches no field (in «Dear {{ client.nmae }}»)",
            "did you mean {{ client.name }}?") in found
    assert any(code == "field-broken" and "Total {{ total" in message
               for code, message, _ in found)
    assert any(code == "loop-without-tr" for code, _, _ in found)
    assert not report.ok


def test_check_reports_a_sandbox_escape(tmp_path: Path) -> None:
    config = load_config(office_with(tmp_path, "{{ ''.__class__ }}"))
    offer = next(item for item in check_templates(config).templates if item.kind == "offer")
    assert [finding.code for finding in offer.findings] == ["render-failed"]
    assert "not allowed" in offer.findings[0].message


def test_check_reports_a_missing_picture(tmp_path: Path) -> None:
    config = load_config(office_with(tmp_path, "{{ number }}"))
    custom = tmp_path / "templates" / "custom.docx"
    with zipfile.ZipFile(custom) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>')
    with zipfile.ZipFile(custom, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    offer = next(item for item in check_templates(config).templates if item.kind == "offer")
    assert [(finding.code, finding.message) for finding in offer.findings] == [
        ("image-missing", "the picture media/logo.png is missing from the file")]


def test_missing_template_is_reported(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    (tmp_path / "templates" / "act.docx").unlink()
    act = next(item for item in check_templates(config).templates if item.kind == "act")
    assert [finding.code for finding in act.findings] == ["template-missing"]


def test_demo_writes_every_kind(tmp_path: Path) -> None:
    assert [path.name for path in write_templates(tmp_path, "ru")] == [
        "offer.docx", "invoice.docx", "act.docx", "reminder.docx", "logo.png"]
