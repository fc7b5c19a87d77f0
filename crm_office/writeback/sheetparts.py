"""The parts of a worksheet around its rows: the head (up to ``<sheetData>``) and the tail.

The head holds the dimension (updated when cells are added outside it) and the
column formats (a new cell takes its column's format, as in Excel). The tail gets
a ``<legacyDrawing>`` when a sheet receives its first notes, placed where the
schema wants it so Excel accepts the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_office.writeback.opc import OFFICE_RELS
from crm_office.writeback.refs import parse_range, range_ref
from crm_office.writeback.shape import file_int
from crm_office.writeback.xmlbytes import (
    attributes,
    children,
    namespaces,
    open_tag,
    prefix_for,
    prefix_of,
    root_tag,
    set_attribute,
)

_AFTER_LEGACY_DRAWING = {b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects",
                         b"controls", b"webPublishItems", b"tableParts", b"extLst",
                         b"AlternateContent"}

Bounds = tuple[int, int, int, int]


@dataclass
class SheetHead:
    """What the write-back reads from (and changes in) the head of a sheet part."""

    data: bytes
    prefix: bytes
    declared: dict[bytes, bytes]
    column_styles: list[tuple[int, int, int]] = field(default_factory=list)

    @classmethod
    def parse(cls, data: bytes) -> SheetHead:
        root = root_tag(data)
        head = cls(data, prefix_of(root), namespaces(root.group(0)))
        for found in open_tag(head.prefix, b"col").finditer(data):
            attrs = attributes(found.group(1))
            if b"style" in attrs:
                head.column_styles.append((file_int(attrs.get(b"min"), "a column range"),
                                           file_int(attrs.get(b"max"), "a column range"),
                                           file_int(attrs[b"style"], "a column style")))
        return head

    def column_style(self, column: int) -> int:
        """The style a person gave the whole column (0 when none)."""
        for first, last, style in self.column_styles:
            if first <= column <= last:
                return style
        return 0

    @property
    def used_right(self) -> int:
        """The last column of the sheet's ``<dimension>`` (0 when it has none)."""
        found = open_tag(self.prefix, b"dimension").search(self.data)
        ref = attributes(found.group(1)).get(b"ref", b"").decode() if found else ""
        try:
            return parse_range(ref)[3] if ref else 0
        except ValueError:
            return 0

    def rels_prefix(self) -> bytes | None:
        return prefix_for(self.declared, OFFICE_RELS.encode())

    def with_bounds(self, cells: Bounds | None) -> bytes:
        """The head with its ``<dimension>`` widened to include ``cells``."""
        found = open_tag(self.prefix, b"dimension").search(self.data)
        if cells is None or found is None:
            return self.data
        ref = attributes(found.group(1)).get(b"ref", b"").decode()
        try:
            old = parse_range(ref)
        except ValueError:
            return self.data
        if old == (1, 1, 1, 1) and not _has_rows_hint(ref):
            merged = cells
        else:
            merged = (min(old[0], cells[0]), min(old[1], cells[1]),
                      max(old[2], cells[2]), max(old[3], cells[3]))
        if merged == old:
            return self.data
        tag = set_attribute(found.group(0), b"ref", range_ref(*merged).encode())
        return self.data[:found.start()] + tag + self.data[found.end():]


def _has_rows_hint(ref: str) -> bool:
    """``A1`` alone is how writers say "empty sheet"; ``A1:A1`` is a real cell."""
    return ":" in ref


def legacy_drawing_tail(tail: bytes, prefix: bytes, rid: str, rels_prefix: bytes | None) -> bytes:
    """``tail`` (from ``</sheetData>`` on) with ``<legacyDrawing r:id=.../>`` inserted."""
    declare = b""
    if rels_prefix is None:
        rels_prefix, declare = b"r:", b' xmlns:r="' + OFFICE_RELS.encode() + b'"'
    element = (b"<" + prefix + b"legacyDrawing" + declare + b" " + rels_prefix + b'id="'
               + rid.encode() + b'"/>')
    start = tail.find(b">") + 1
    at = None
    for child in children(tail, start, len(tail)):
        if child.local in _AFTER_LEGACY_DRAWING:
            at = child.start
            break
    if at is None:
        at = tail.rfind(b"</" + prefix + b"worksheet")
    return tail[:at] + element + tail[at:]


def legacy_drawing_rid(tail: bytes, prefix: bytes) -> str | None:
    """The r:id of an existing ``<legacyDrawing>`` in the tail."""
    found = open_tag(prefix, b"legacyDrawing").search(tail)
    if found is None:
        return None
    for name, value in attributes(found.group(1)).items():
        if name.endswith(b":id"):
            return value.decode()
    return None
