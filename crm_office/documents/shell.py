"""``word/document.xml`` around a rendered body, without moving the body into the document.

docxtpl puts the rendered body into python-docx's document element and python-docx
serialises the whole element; moving a parsed body into another document makes lxml
walk it and drop the namespace declarations the document already makes (about half a
millisecond per document). :class:`DocumentShell` writes the same bytes directly: the
document's serialisation before and after its body, taken once, around the body
serialised on its own with those redundant declarations left out of its start tag.
"""

from __future__ import annotations

import copy
import re
from typing import Any

_MARKER = "crmofficebody"
_DECLARATION = re.compile(rb' xmlns:([A-Za-z_][\w.-]*)="([^"]*)"')


class DocumentShell:
    """The bytes of a document element before and after its body."""

    def __init__(self, root: Any) -> None:
        from lxml import etree

        shell = copy.deepcopy(root)
        shell.replace(shell.body, etree.Element(_MARKER))
        text = bytes(etree.tostring(shell, encoding="UTF-8", standalone=True))
        self.head, self.tail = text.split(f"<{_MARKER}/>".encode())
        self._known = {prefix: href for prefix, href in root.nsmap.items() if prefix}
        self._hrefs = set(self._known.values())

    def without_known(self, xml: str) -> str:
        """``xml`` (a fragment for the body) without the namespace declarations the
        document makes already, as lxml drops them when the body moves into it."""
        for match in _DECLARATION.finditer(xml.encode("utf-8")):
            prefix, href = match.group(1).decode(), match.group(2).decode()
            if self._known.get(prefix) == href:
                xml = xml.replace(match.group(0).decode(), "", 1)
        return xml

    def wrap(self, body: Any) -> bytes | None:
        """The whole document.xml with ``body``; None when lxml would rename prefixes."""
        from lxml import etree

        return self.wrap_bytes(bytes(etree.tostring(body, encoding="UTF-8")))

    def wrap_bytes(self, text: bytes) -> bytes | None:
        """:meth:`wrap` for a body serialised already."""
        end = text.index(b">")
        start = text[:end]
        for match in _DECLARATION.finditer(start):
            prefix, href = match.group(1).decode(), match.group(2).decode()
            if self._known.get(prefix) == href:
                start = start.replace(match.group(0), b"", 1)
            elif href in self._hrefs:
                return None
        return self.head + start + text[end:] + self.tail
