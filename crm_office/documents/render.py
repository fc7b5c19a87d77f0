"""Render Word templates (docxtpl) in a sandbox, with every value escaped.

Two ways, the same ``word/document.xml``:

- :func:`render_plain` is docxtpl as documented (load, render, save), used for
  templates that have fields in headers, footers or footnotes, and by the checks;
- :class:`PreparedTemplate` does docxtpl's XML pre-processing and compiles the Jinja
  template once, then per document renders, fixes tables and ids as docxtpl does and
  writes a package where only ``word/document.xml`` (and the QR image) is new; the
  office's logo (``{{ logo }}``) is the same in every document, so its picture, its
  relationship and its content type are laid out once with the copied parts.

Templates run in Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` with autoescape
on and strict undefined values: ``{{ ''.__class__ }}``, a misspelt field or a syntax
error stops the document with a :class:`DocumentError` naming the paragraph.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crm_office.documents.fast_xml import fields_only_in_text, lxml_like
from crm_office.documents.logo import LOGO_FIELD, LOGO_RID, Logo
from crm_office.documents.package import PackageBase, new_member, read_members
from crm_office.documents.shell import DocumentShell
from crm_office.errors import DocumentError

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
QR_PART, QR_RID, QR_FIELD = "word/media/crm_payment_qr.png", "rIdCrmPaymentQr", "qr"
QR_SIZE_EMU = 30 * 36000  # 30 mm
TEXT_CHECKS = 3
"""Documents of a template made both ways (text and lxml) and compared before the text
way is trusted alone (with and without the QR picture each)."""
_OTHER_PARTS = re.compile(r"^word/(header|footer|footnotes|endnotes)\d*\.xml$")


def sandbox() -> Any:
    """The Jinja environment every template renders in."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@contextmanager
def template_errors(template: Path) -> Iterator[None]:
    """Turn Jinja's errors into a :class:`DocumentError` naming the template and paragraph."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except SecurityError as exc:
        raise DocumentError(f"the template tried something not allowed: {exc}",
                            template=template.name,
                            hint="a template may only print fields and loop over items; "
                                 "remove the expression") from exc
    except UndefinedError as exc:
        raise DocumentError(f"a field is not known: {exc}", template=template.name,
                            hint="`crm-office templates fields KIND` lists the fields; "
                                 "`crm-office templates check` finds the nearest one") from exc
    except TemplateSyntaxError as exc:
        raise DocumentError(f"the template's fields are not written correctly: {exc.message}",
                            template=template.name, paragraph=_paragraph_of(exc),
                            hint="check the braces {{ }} and {% %} in Word") from exc
    except TemplateError as exc:
        raise DocumentError(f"the template cannot be rendered: {exc}",
                            template=template.name, paragraph=_paragraph_of(exc)) from exc


def _paragraph_of(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or []]
    text = " ".join(line for line in lines if line)
    return text[:120]


def qr_drawing(rid: str = QR_RID) -> str:
    """The run docxtpl's InlineImage makes, for a picture already in the package."""
    return picture_drawing(rid, "payment-qr.png", QR_SIZE_EMU, QR_SIZE_EMU)


def picture_drawing(rid: str, name: str, width: int, height: int) -> str:
    """The run docxtpl's InlineImage makes for a picture of ``width`` x ``height`` EMU."""
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu
    from lxml import etree

    inline = CT_Inline.new_pic_inline(1, rid, name, Emu(width), Emu(height))
    # docxtpl's InlineImage writes the same elements pretty-printed; written compact, the
    # body has no line breaks for docxtpl's resolve_listing to look at (0.7 ms a document)
    xml = str(etree.tostring(inline, encoding="unicode"))
    return ('</w:t></w:r><w:r><w:drawing>' + xml +
            '</w:drawing></w:r><w:r><w:t xml:space="preserve">')


class _Picture:
    """A context value printed as a picture (not escaped)."""

    def __init__(self, xml: str) -> None:
        self._xml = xml

    def __html__(self) -> str:
        return self._xml

    def __str__(self) -> str:
        return self._xml


def render_plain(template: Path, context: Mapping[str, Any], qr_png: bytes | None = None,
                 logo: Logo | None = None) -> bytes:
    """docxtpl as documented: load, render (sandboxed, escaped), save; the package bytes."""
    from docx.shared import Emu, Mm
    from docxtpl import DocxTemplate, InlineImage

    document = DocxTemplate(str(template))
    values = dict(context)
    values[QR_FIELD] = InlineImage(document, io.BytesIO(qr_png), Mm(30)) if qr_png else ""
    values[LOGO_FIELD] = (InlineImage(document, io.BytesIO(logo.data), Emu(logo.width),
                                      Emu(logo.height)) if logo is not None else "")
    with template_errors(template):
        document.render(values, jinja_env=sandbox(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class PreparedTemplate:
    """A template prepared once; :meth:`render` makes a document in well under a millisecond."""

    def __init__(self, path: Path, logo: Logo | None = None) -> None:
        from docxtpl import DocxTemplate

        self.path = path
        self.logo = logo
        self._tpl = DocxTemplate(str(path))
        self._tpl.render_init()
        with template_errors(path):
            body = self._tpl.patch_xml(self._tpl.get_xml())
            self._compiled = sandbox().from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", body))
        self._text_way = fields_only_in_text(body) and not _needs_table_fix(self._tpl.get_xml())
        self._text_checks = {False: TEXT_CHECKS, True: TEXT_CHECKS}
        self._root = self._tpl.docx._element
        shell = DocumentShell(self._root)
        self._shell: DocumentShell | None = shell
        self._shell_checked = False
        self._fix_tables = _needs_table_fix(self._tpl.get_xml())
        from lxml import etree

        self._parser = etree.XMLParser(recover=True)
        self.fast = not _fields_outside_body(path)
        self._bases: dict[bool, PackageBase] = {}
        # the pictures' runs as they end up in the document (the shell's declarations dropped)
        self._drawing = shell.without_known(qr_drawing())
        self._logo = logo if logo is not None and prints_field(body, LOGO_FIELD) else None
        self._logo_drawing = shell.without_known(picture_drawing(
            LOGO_RID, f"logo.{logo.extension}", logo.width, logo.height)) if logo else ""

    def render(self, context: Mapping[str, Any], qr_png: bytes | None = None) -> bytes:
        """The whole .docx of one document."""
        if not self.fast:
            return render_plain(self.path, context, qr_png, self.logo)
        xml = self.document_xml(context, with_qr=qr_png is not None)
        new = [new_member(DOCUMENT, xml)]
        if qr_png is not None:
            new.append(new_member(QR_PART, qr_png, deflate=False))
        return self._base(qr_png is not None).build(new)

    def document_xml(self, context: Mapping[str, Any], *, with_qr: bool = False) -> bytes:
        """``word/document.xml`` exactly as docxtpl writes it for ``context``."""
        values = dict(context)
        values[QR_FIELD] = _Picture(self._drawing) if with_qr else ""
        values[LOGO_FIELD] = _Picture(self._logo_drawing) if self._logo is not None else ""
        with template_errors(self.path):
            xml = self._compiled.render(values)
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
               .replace("{_%", "{%").replace("%_}", "%}"))
        if self._text_way and self._shell is not None:
            body = lxml_like(xml)
            text = self._shell.wrap_bytes(body) if body is not None else None
            if text is not None:
                if self._text_checks[with_qr] <= 0:
                    return text
                self._text_checks[with_qr] -= 1  # the first documents: both ways, compared
                slow = self._lxml_way(xml)
                self._text_way = slow == text
                return slow
        return self._lxml_way(xml)

    def _lxml_way(self, xml: str) -> bytes:
        """docxtpl's way: parse, fix tables and picture ids, serialise."""
        from lxml import etree

        if any(char in xml for char in "\t\n\a\f"):  # else resolve_listing changes nothing
            xml = self._tpl.resolve_listing(xml)
        tree = (self._tpl.fix_tables(xml) if self._fix_tables
                else etree.fromstring(xml, parser=self._parser))
        self._tpl.docx_ids_index = 1000
        self._tpl.fix_docpr_ids(tree)
        fast = self._shell.wrap(tree) if self._shell is not None else None
        if fast is not None and self._shell_checked:
            return fast
        self._root.replace(self._root.body, tree)
        slow = bytes(etree.tostring(self._root, encoding="UTF-8", standalone=True))
        if fast is not None:  # the first document: the shell must write docxtpl's bytes
            self._shell_checked = True
            if fast != slow:
                self._shell = None
        return slow

    def _base(self, with_qr: bool) -> PackageBase:
        """The copied parts; with the logo's (always) and the QR's wiring (``with_qr``)."""
        if with_qr not in self._bases:
            pictures = []
            if self._logo is not None:
                pictures.append((LOGO_RID, self._logo.part, self._logo.extension,
                                 self._logo.content_type))
            if with_qr:
                pictures.append((QR_RID, QR_PART, "png", "image/png"))
            members = read_members(self.path, {DOCUMENT, RELS, TYPES} if pictures
                                   else {DOCUMENT})
            if pictures:
                members += _picture_parts(self.path, pictures)
            if self._logo is not None:
                members.append(new_member(self._logo.part, self._logo.data, deflate=False))
            self._bases[with_qr] = PackageBase(members)
        return self._bases[with_qr]


def prints_field(body: str, name: str) -> bool:
    """Whether a template's text names the field ``name`` (e.g. ``{{ logo }}``)."""
    return re.search(r"\b" + name + r"\b", re.sub(r"<[^>]+>", "", body)) is not None


def _needs_table_fix(body: str) -> bool:
    """Whether docxtpl's fix_tables can change anything: a ``{%tc %}`` loop, or a row with
    more cells than its table's grid (else rendered rows are copies of rows that fit)."""
    from lxml import etree

    if re.search(r"\{%-?\s*tc\b", re.sub(r"<[^>]+>", "", body)):
        return True
    tree = etree.fromstring(body.encode("utf-8"))
    namespace = "{" + tree.nsmap["w"] + "}"
    for table in tree.iter(f"{namespace}tbl"):
        grid = table.find(f"{namespace}tblGrid")
        columns = len(grid.findall(f"{namespace}gridCol")) if grid is not None else 0
        if any(len(row.findall(f"{namespace}tc")) > columns
               for row in table.iter(f"{namespace}tr")):
            return True
    return False


def _fields_outside_body(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if _OTHER_PARTS.match(name) and re.search(rb"\{[{%]", package.read(name)):
                return True
    return False


def _picture_parts(path: Path, pictures: list[tuple[str, str, str, str]]) -> list[Any]:
    """The relationships and content types of ``path`` with ``pictures`` (id, part,
    extension, content type) added."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        rels = package.read(RELS).decode("utf-8")
        types = package.read(TYPES).decode("utf-8")
    for rid, part, extension, content_type in pictures:
        relation = (f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/image" '
                    f'Target="{part.removeprefix("word/")}"/>')
        rels = rels.replace("</Relationships>", relation + "</Relationships>")
        if not re.search(f'Extension="{extension}"', types, re.I):
            types = types.replace("<Default ", f'<Default Extension="{extension}" '
                                               f'ContentType="{content_type}"/><Default ', 1)
    return [new_member(RELS, rels.encode("utf-8")), new_member(TYPES, types.encode("utf-8"))]
