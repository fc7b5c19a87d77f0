"""``word/document.xml`` from Jinja's output as text, without lxml's parse and serialisation.

docxtpl parses the rendered body with lxml and serialises it again (0.45 ms of the
0.9 ms a document takes). For a template whose fields all sit in text (never inside a
tag) that round trip changes only what this module does on the text directly:

- the quotes Jinja escapes (``&#34;``, ``&#39;``) lxml writes as plain ``"`` and ``'``;
- an element left empty (a field that printed nothing) lxml writes as ``<w:t/>``;
- picture ids (``wp:docPr``) are numbered from 1001, as docxtpl's ``fix_docpr_ids``;
- the body's start tag drops the namespaces the document already declares.

Anything else lxml might change — line breaks, tabs or control characters in the
text, a carriage return, XML that is not well-formed (a recovering parse would mend
it), a row loop that needs docxtpl's table fix — sends the document the lxml way.
:class:`~crm_office.documents.render.PreparedTemplate` also compares both ways on its
first documents and keeps to lxml for a template where they differ.
"""

from __future__ import annotations

import re
from xml.parsers import expat

_QUOTES = (("&#34;", '"'), ("&#39;", "'"))
_EMPTY_TEXT = (('<w:t xml:space="preserve"></w:t>', '<w:t xml:space="preserve"/>'),
               ("<w:t></w:t>", "<w:t/>"))
_EMPTY_ENDS = ("></w:t>", "></w:instrText>", "></w:delText>")
_EMPTY = re.compile(r"<(w:t|w:instrText|w:delText)((?: [^<>/]*)?)></\1>")
_DOCPR = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+"')
_FIELD_IN_TAG = re.compile(r"<[^<>]*(?:\{\{|\{%)")
_CONTROLS = tuple(chr(code) for code in range(32))
FIRST_ID = 1001


def fields_only_in_text(source: str) -> bool:
    """Whether no field or tag of the prepared template sits inside an XML tag."""
    return _FIELD_IN_TAG.search(source) is None


def lxml_like(xml: str) -> bytes | None:
    """The body as lxml would write it after parsing ``xml``; None: take the lxml way."""
    if any(char in xml for char in _CONTROLS):  # tabs, line breaks (listing), \r, controls
        return None
    for escaped, plain in _QUOTES:
        if escaped in xml:
            xml = xml.replace(escaped, plain)
    for empty, closed in _EMPTY_TEXT:
        if empty in xml:
            xml = xml.replace(empty, closed)
    if any(end in xml for end in _EMPTY_ENDS):
        xml = _EMPTY.sub(r"<\1\2/>", xml)
    if "<wp:docPr" in xml:
        counter = iter(range(FIRST_ID, FIRST_ID + xml.count("<wp:docPr") + 1))
        xml = _DOCPR.sub(lambda match: f'{match.group(1)}{next(counter)}"', xml)
    data = xml.encode("utf-8")
    parser = xml_parser()
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return None
    return data


def xml_parser() -> expat.XMLParserType:
    """A non-validating parser that only checks the text is well-formed XML."""
    return expat.ParserCreate()
