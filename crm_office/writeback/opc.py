"""The package's wiring: relationship parts and ``[Content_Types].xml``.

Both are small; they are parsed with lxml (entities never resolved) and written
back whole, only when something was added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from crm_office.writeback.package import relative_target, resolve_target

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = "[Content_Types].xml"
EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<Relationships xmlns="' + REL_NS.encode() + b'"/>')

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_blank_text=False)


def parse_xml(data: bytes) -> Any:
    """Parse a part; entities are never expanded and nothing is fetched."""
    return etree.fromstring(data, _PARSER)


def serialize(root: Any) -> bytes:
    """The part's bytes with the usual declaration."""
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body


def rel_type(kind: str) -> str:
    """The full relationship type for a short name such as ``comments``."""
    return f"{OFFICE_RELS}/{kind}"


@dataclass(frozen=True)
class Relationship:
    """One ``<Relationship>``; ``part`` is the resolved target part (internal ones)."""

    id: str
    type: str
    target: str
    external: bool
    part: str

    def is_kind(self, kind: str) -> bool:
        """``kind`` is the last segment of the type, e.g. ``worksheet``."""
        return self.type.rsplit("/", 1)[-1] == kind


class Relationships:
    """The relationships of ``source`` (a part name, "" for the package)."""

    def __init__(self, source: str, data: bytes | None) -> None:
        self.source = source
        self.changed = False
        self.existed = data is not None
        self._root = parse_xml(data if data is not None else EMPTY_RELS)

    def items(self) -> list[Relationship]:
        found = []
        for node in self._root.iter(f"{{{REL_NS}}}Relationship"):
            target = node.get("Target", "")
            external = node.get("TargetMode") == "External"
            part = "" if external else resolve_target(self.source, target)
            found.append(Relationship(node.get("Id", ""), node.get("Type", ""), target,
                                      external, part))
        return found

    def of_kind(self, kind: str) -> list[Relationship]:
        return [rel for rel in self.items() if rel.is_kind(kind) and not rel.external]

    def get(self, rid: str) -> Relationship | None:
        return next((rel for rel in self.items() if rel.id == rid), None)

    def add(self, kind: str, part: str) -> str:
        """Add a relationship to ``part``; returns its new Id."""
        return self._append(kind, relative_target(self.source, part))

    def _append(self, kind: str, target: str, *, external: bool = False) -> str:
        used = {rel.id for rel in self.items()}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        rid = f"rId{number}"
        node = etree.SubElement(self._root, f"{{{REL_NS}}}Relationship")
        node.set("Id", rid)
        node.set("Type", rel_type(kind))
        node.set("Target", target)
        if external:
            node.set("TargetMode", "External")
        self.changed = True
        return rid

    def add_external(self, kind: str, target: str) -> str:
        """Add a relationship to an outside ``target`` (a URI, e.g. a hyperlink's)."""
        return self._append(kind, target, external=True)

    def remove(self, rid: str) -> None:
        for node in list(self._root.iter(f"{{{REL_NS}}}Relationship")):
            if node.get("Id") == rid:
                self._root.remove(node)
                self.changed = True

    def to_bytes(self) -> bytes:
        return serialize(self._root)


class ContentTypes:
    """``[Content_Types].xml``: which content type each part has."""

    def __init__(self, data: bytes) -> None:
        self._root = parse_xml(data)
        self.changed = False

    def ensure_default(self, extension: str, content_type: str) -> None:
        for node in self._root.iter(f"{{{CT_NS}}}Default"):
            if node.get("Extension", "").lower() == extension.lower():
                return
        node = etree.Element(f"{{{CT_NS}}}Default", Extension=extension,
                             ContentType=content_type)
        self._root.insert(0, node)
        self.changed = True

    def ensure_override(self, part: str, content_type: str) -> None:
        name = "/" + part
        for node in self._root.iter(f"{{{CT_NS}}}Override"):
            if node.get("PartName", "").lower() == name.lower():
                if node.get("ContentType") != content_type:
                    node.set("ContentType", content_type)
                    self.changed = True
                return
        etree.SubElement(self._root, f"{{{CT_NS}}}Override", PartName=name,
                         ContentType=content_type)
        self.changed = True

    def remove_override(self, part: str) -> None:
        name = "/" + part
        for node in list(self._root.iter(f"{{{CT_NS}}}Override")):
            if node.get("PartName", "").lower() == name.lower():
                self._root.remove(node)
                self.changed = True

    def to_bytes(self) -> bytes:
        return serialize(self._root)
