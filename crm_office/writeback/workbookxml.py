"""``xl/workbook.xml``: which sheets there are, where their parts live, the date system.

Reading goes through lxml; adding a sheet splices one ``<sheet>`` element in
before ``</sheets>``, so the rest of the part (defined names, views,
extensions) keeps its bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm_office.problems import column_letter
from crm_office.writeback.opc import OFFICE_RELS, Relationships, parse_xml
from crm_office.writeback.package import SourcePackage, rels_name
from crm_office.writeback.refs import parse_range
from crm_office.writeback.shape import PackageShapeError, file_int
from crm_office.writeback.text import xml_attr
from crm_office.writeback.xmlbytes import namespaces, prefix_for, prefix_of, root_tag

Bounds = tuple[int, int, int, int]
_STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_RID_KEYS = (f"{{{OFFICE_RELS}}}id", f"{{{_STRICT_RELS}}}id")
_BAD_NAME_CHARS = set("[]:*?/\\")
_DEFINED_NAME = re.compile(rb"<((?:[\w.-]+:)?)definedName(\s[^>]*)>([^<]*)</\1definedName>")


@dataclass(frozen=True)
class SheetEntry:
    """One ``<sheet>`` of the workbook and the part it points to."""

    name: str
    sheet_id: int
    rid: str
    part: str
    kind: str


@dataclass
class WorkbookInfo:
    """What the write-back needs to know about the workbook part."""

    part: str
    sheets: list[SheetEntry]
    date1904: bool
    rels: Relationships

    def find(self, name: str) -> SheetEntry | None:
        """The sheet called ``name`` (Excel compares names without case)."""
        exact = [sheet for sheet in self.sheets if sheet.name == name]
        folded = [sheet for sheet in self.sheets if sheet.name.casefold() == name.casefold()]
        found = exact or folded
        return found[0] if found else None


def read_workbook(source: SourcePackage) -> WorkbookInfo:
    """Find the workbook part through the package relationships and read its sheets."""
    package_rels = Relationships("", source.read_or_none("_rels/.rels"))
    main = next((rel.part for rel in package_rels.of_kind("officeDocument")), "xl/workbook.xml")
    rels = Relationships(main, source.read_or_none(rels_name(main)))
    root = parse_xml(source.read(main))
    by_id = {rel.id: rel for rel in rels.items()}
    sheets = []
    for node in root.iter():
        if not isinstance(node.tag, str) or not node.tag.endswith("}sheet"):
            continue
        rid = next((node.get(key) for key in _RID_KEYS if node.get(key)), "")
        rel = by_id.get(rid or "")
        number = file_int(node.get("sheetId"), "a sheet id")
        sheets.append(SheetEntry(node.get("name", ""), number, rid or "",
                                 rel.part if rel else "", rel.type.rsplit("/", 1)[-1]
                                 if rel else ""))
    pr = next((node for node in root.iter() if isinstance(node.tag, str)
               and node.tag.endswith("}workbookPr")), None)
    date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
    return WorkbookInfo(main, sheets, date1904, rels)


def sheet_name_problem(name: str) -> str:
    """Why Excel would refuse ``name`` as a sheet name ("" when it is fine)."""
    if not name or len(name) > 31:
        return "a sheet name must have 1 to 31 characters"
    if _BAD_NAME_CHARS & set(name):
        return "a sheet name cannot contain [ ] : * ? / \\"
    if name.startswith("'") or name.endswith("'"):
        return "a sheet name cannot start or end with an apostrophe"
    return ""


def add_sheet_entry(workbook_xml: bytes, name: str, sheet_id: int, rid: str) -> bytes:
    """``workbook_xml`` with ``<sheet name=... sheetId=... r:id=.../>`` added last."""
    root = root_tag(workbook_xml)
    prefix = prefix_of(root)
    r_prefix = prefix_for(namespaces(root.group(0)), OFFICE_RELS.encode())
    declare = b""
    if r_prefix is None:
        r_prefix, declare = b"r:", b' xmlns:r="' + OFFICE_RELS.encode() + b'"'
    element = (b"<" + prefix + b'sheet name="' + xml_attr(name).encode() + b'" sheetId="'
               + str(sheet_id).encode() + b'"' + declare + b" " + r_prefix + b'id="'
               + rid.encode() + b'"/>')
    closing = b"</" + prefix + b"sheets>"
    at = workbook_xml.find(closing)
    if at < 0:
        raise PackageShapeError("the workbook part has no </sheets>")
    return workbook_xml[:at] + element + workbook_xml[at:]


def filter_name_bounds(workbook_xml: bytes, index: int) -> Bounds | None:
    """The range of sheet ``index``'s ``_xlnm._FilterDatabase`` (None without one)."""
    found = _filter_name(workbook_xml, index)
    return _name_bounds(found.group(3)) if found else None


def grow_filter_name(workbook_xml: bytes, index: int, old: Bounds, new: Bounds) -> bytes:
    """``workbook_xml`` with sheet ``index``'s ``_xlnm._FilterDatabase`` moved from
    ``old`` to ``new`` (left alone when it names another range)."""
    found = _filter_name(workbook_xml, index)
    if found is None or _name_bounds(found.group(3)) != old:
        return workbook_xml
    sheet = found.group(3).rpartition(b"!")[0]
    top, left, bottom, right = new
    text = f"${column_letter(left)}${top}:${column_letter(right)}${bottom}".encode()
    return workbook_xml[:found.start(3)] + sheet + b"!" + text + workbook_xml[found.end(3):]


def _filter_name(workbook_xml: bytes, index: int) -> re.Match[bytes] | None:
    sheet_id = re.compile(rb"""localSheetId\s*=\s*["']""" + str(index).encode() + rb"""["']""")
    for found in _DEFINED_NAME.finditer(workbook_xml):
        attrs = found.group(2)
        if b'"_xlnm._FilterDatabase"' in attrs and sheet_id.search(attrs):
            return found
    return None


def _name_bounds(text: bytes) -> Bounds | None:
    ref = text.rpartition(b"!")[2].decode().replace("$", "")
    try:
        return parse_range(ref)
    except ValueError:
        return None
