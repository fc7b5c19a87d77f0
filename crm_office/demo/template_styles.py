"""Keep a shipped template's styles to the ones it uses, as Word itself saves them.

python-docx's blank document defines all 164 built-in styles (340 KB of styles.xml) and
carries Word 2010's ``stylesWithEffects.xml`` (430 KB) beside them. LibreOffice reads all
of that for every document it converts to PDF — about 40 % of its time per invoice. The
templates keep the styles their text uses, the defaults and what those are based on;
Word still offers every built-in style (its latent-style list stays).
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

_STYLES_WITH_EFFECTS = "/stylesWithEffects"
_USED = re.compile(r'w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')


def keep_used_styles(document: DocumentObject) -> None:
    """Drop the styles nothing uses, and the stylesWithEffects part."""
    from lxml import etree

    body = etree.tostring(document.element).decode("utf-8")
    numbering = document.part.numbering_part.element
    wanted = set(_USED.findall(body + etree.tostring(numbering).decode("utf-8")))
    styles = {style.get(qn("w:styleId")): style
              for style in document.styles.element.findall(qn("w:style"))}
    wanted |= {name for name, style in styles.items() if style.get(qn("w:default")) == "1"}
    keep: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in keep or name not in styles:
            continue
        keep.add(name)
        for link in ("w:basedOn", "w:link", "w:next"):
            found = styles[name].find(qn(link))
            if found is not None:
                wanted.add(found.get(qn("w:val")))
    for name, style in styles.items():
        if name not in keep:
            document.styles.element.remove(style)
    for rid, relation in list(document.part.rels.items()):
        if relation.reltype.endswith(_STYLES_WITH_EFFECTS):
            del document.part.rels[rid]
