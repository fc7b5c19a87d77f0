"""``docProps/app.xml``: the list of sheet titles Excel shows in the file's properties.

Only kept in step when it clearly lists the worksheets first (as Excel writes
it); anything else is left alone, since no reader relies on it.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from crm_office.writeback.opc import parse_xml, serialize
from crm_office.writeback.shape import file_int

VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def add_sheet_title(data: bytes, name: str, worksheets_before: int) -> bytes | None:
    """``data`` with one more worksheet title, or None when it cannot be kept in step."""
    root = parse_xml(data)
    pairs, titles = _child(root, "HeadingPairs"), _child(root, "TitlesOfParts")
    if pairs is None or titles is None:
        return None
    pair_vector, title_vector = _vector(pairs), _vector(titles)
    if pair_vector is None or title_vector is None or len(pair_vector) < 2:
        return None
    count = pair_vector[1].find(f"{{{VT_NS}}}i4")
    if count is None or count.text is None \
            or file_int(count.text, "the count of worksheets") != worksheets_before:
        return None
    count.text = str(worksheets_before + 1)
    title = etree.Element(f"{{{VT_NS}}}lpstr")
    title.text = name
    title_vector.insert(worksheets_before, title)
    title_vector.set("size", str(len(title_vector)))
    return serialize(root)


def _child(root: Any, local: str) -> Any:
    return next((node for node in root if isinstance(node.tag, str)
                 and etree.QName(node).localname == local), None)


def _vector(parent: Any) -> Any:
    return parent.find(f"{{{VT_NS}}}vector")
