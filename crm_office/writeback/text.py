"""Text as Excel stores it: XML-safe, with Excel's ``_xHHHH_`` escapes.

XML 1.0 cannot hold most control characters (U+0000-U+0008, U+000B, U+000C,
U+000E-U+001F) nor U+FFFE/U+FFFF. Excel writes such a character as ``_xHHHH_``
(four hex digits) and, so that a literal ``_xHHHH_`` in the text is not decoded,
writes its leading underscore as ``_x005F_``. Excel, LibreOffice and
python-calamine decode both, so :func:`escape_text` round-trips exactly through
them. openpyxl 3.1 does not decode them: it shows the escaped form, which
:func:`unescape_text` turns back into the original text.

A carriage return is legal XML but XML parsers turn it into a line feed, so
:func:`xml_text` writes it as ``&#13;``, which every reader keeps.
"""

from __future__ import annotations

import re

EXCEL_MAX_TEXT = 32_767
"""Excel holds at most this many UTF-16 code units in one cell."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                           "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})


def escape_text(text: str) -> str:
    """Excel's escaping: literal ``_xHHHH_`` first, then characters XML cannot hold."""
    text = _LITERAL_ESCAPE.sub("_x005F_", text)
    return _ILLEGAL.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def unescape_text(text: str) -> str:
    """Undo :func:`escape_text` (what Excel, LibreOffice and calamine do on reading)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text)


def needs_escape(text: str) -> bool:
    """True when the stored form differs from the text (openpyxl then shows escapes)."""
    return escape_text(text) != text


def xml_text(text: str) -> str:
    """Escape already Excel-escaped text for an element's content."""
    return text.translate(_XML_TEXT)


def xml_attr(text: str) -> str:
    """Escape text for a double-quoted attribute value."""
    return escape_text(text).translate(_XML_ATTR)


def cell_text(text: str) -> str:
    """The content of a ``<t>`` element for ``text``, escaped every way it must be."""
    return xml_text(escape_text(text))


def needs_preserve(text: str) -> bool:
    """Leading or trailing whitespace needs ``xml:space="preserve"`` to survive Excel."""
    return bool(text) and (text[0].isspace() or text[-1].isspace())


def excel_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2
