"""Excel tables (``xl/tables/tableN.xml``) that grow with appended rows and engine columns.

A table's ``ref`` (and its ``autoFilter``) grows as any range does (see
:mod:`crm_office.writeback.ranges`); a table that gains a column also gains a
``<tableColumn>`` named like its header cell, as Excel requires. Tables with a
totals row or without a header row are left as they are (the engine does not
guess where the data ends in them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm_office.writeback.ranges import Bounds, Growth
from crm_office.writeback.refs import parse_range, range_ref
from crm_office.writeback.shape import PackageShapeError
from crm_office.writeback.text import xml_attr
from crm_office.writeback.xmlbytes import attributes, open_tag, prefix_of, root_tag, set_attribute

_COLUMN_ID = re.compile(rb"""<(?:[\w.-]+:)?tableColumn(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?"""
                        rb"""\sid\s*=\s*["'](\d+)["']""")


@dataclass(frozen=True)
class TablePart:
    """One table of a sheet: its part name, its bytes and the range it covers."""

    part: str
    data: bytes
    bounds: Bounds
    growable: bool

    @classmethod
    def parse(cls, part: str, data: bytes) -> TablePart:
        root = root_tag(data)
        attrs = attributes(root.group(0))
        bounds = parse_range(attrs.get(b"ref", b"").decode())
        headers = attrs.get(b"headerRowCount", b"1") != b"0"
        totals = attrs.get(b"totalsRowCount", b"0") not in (b"0", b"")
        return cls(part, data, bounds, headers and not totals)

    def grown(self, growth: Growth, header_texts: dict[int, str]) -> bytes | None:
        """The part after ``growth`` (None when the table stays as it is)."""
        if not self.growable:
            return None
        top, left, bottom, right = growth.both(self.bounds)
        if (top, left, bottom, right) == self.bounds:
            return None
        ref = range_ref(top, left, bottom, right).encode()
        root = root_tag(self.data)
        prefix = prefix_of(root)
        data = (self.data[:root.start()] + set_attribute(root.group(0), b"ref", ref)
                + self.data[root.end():])
        data = _set_autofilter(data, prefix, ref)
        new_columns = range(self.bounds[3] + 1, right + 1)
        return _add_columns(data, prefix, [header_texts.get(column, f"Column{column}")
                                           for column in new_columns])


def _set_autofilter(data: bytes, prefix: bytes, ref: bytes) -> bytes:
    found = open_tag(prefix, b"autoFilter").search(data)
    if found is None:
        return data
    return data[:found.start()] + set_attribute(found.group(0), b"ref", ref) + data[found.end():]


def _add_columns(data: bytes, prefix: bytes, names: list[str]) -> bytes:
    if not names:
        return data
    ids = [int(found.group(1)) for found in _COLUMN_ID.finditer(data)]
    existing = {name.casefold() for name in _column_names(data, prefix)}
    elements = b""
    for offset, name in enumerate(names, start=1):
        unique, number = name, 2
        while unique.casefold() in existing:
            unique, number = f"{name}{number}", number + 1
        existing.add(unique.casefold())
        elements += (b"<" + prefix + b'tableColumn id="' + str(max(ids, default=0) + offset)
                     .encode() + b'" name="' + xml_attr(unique).encode() + b'"/>')
    found = open_tag(prefix, b"tableColumns").search(data)
    close = b"</" + prefix + b"tableColumns>"
    at = data.find(close)
    if found is None or at < 0:
        raise PackageShapeError("the table has no list of columns")
    count = str(len(ids) + len(names)).encode()
    return (data[:found.start()] + set_attribute(found.group(0), b"count", count)
            + data[found.end():at] + elements + data[at:])


def _column_names(data: bytes, prefix: bytes) -> list[str]:
    return [attributes(found.group(1)).get(b"name", b"").decode()
            for found in open_tag(prefix, b"tableColumn").finditer(data)]
