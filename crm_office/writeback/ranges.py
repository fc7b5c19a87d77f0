"""Ranges that grow with the data: autofilter, Excel tables, dropdowns, conditional formats.

When rows are appended after the last row with data, a range that ended at that
row (and spans more than one row) is made to end at the last appended row, as
Excel does when a person types below a table. When engine columns are added
right of a range's last column, with a text in its top (header) row, an
autofilter or table range grows to include them. Everything is edited in place
as bytes; ranges that do not qualify keep their exact bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from crm_office.writeback.refs import parse_range, range_ref
from crm_office.writeback.xmlbytes import attributes, open_tag, set_attribute

Bounds = tuple[int, int, int, int]
"""(top, left, bottom, right), 1-based."""

_GROWING = re.compile(rb"""<((?:[\w.-]+:)?)(dataValidation|conditionalFormatting)(?=[\s/>])"""
                      rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_SQREF = re.compile(rb"(<((?:[\w.-]+:)?)sqref>)([^<]*)(</\2sqref>)")


@dataclass(frozen=True)
class Growth:
    """How a sheet's data grows in one patch."""

    last_row: int = 0
    """The last row with data before the patch (0: no rows appended)."""
    new_last_row: int = 0
    """The last appended row."""
    headers: dict[int, set[int]] = field(default_factory=dict)
    """Row -> columns where a text is written into a cell that is new in that row."""

    @property
    def empty(self) -> bool:
        return self.new_last_row <= self.last_row and not self.headers

    def rows(self, bounds: Bounds, *, single_row: bool = True) -> Bounds:
        """``bounds`` grown down to the appended rows when it ended at the last data row."""
        top, left, bottom, right = bounds
        if not self.last_row or not top <= self.last_row <= bottom < self.new_last_row:
            return bounds
        if not single_row and top == bottom:
            return bounds
        return top, left, self.new_last_row, right

    def columns(self, bounds: Bounds) -> Bounds:
        """``bounds`` grown right over new header cells just after its last column."""
        top, left, bottom, right = bounds
        headers = self.headers.get(top, set())
        while right + 1 in headers:
            right += 1
        return top, left, bottom, right

    def both(self, bounds: Bounds) -> Bounds:
        return self.columns(self.rows(bounds))


def plan_growth(values: Mapping[tuple[int, int], object], used_right: int,
                ranges: list[Bounds], rows: tuple[int, int]) -> Growth:
    """How the sheet grows: ``values`` are the cells written, ``used_right`` the last
    column the sheet used (0: unknown), ``ranges`` the autofilter and table ranges,
    ``rows`` (last data row before, last appended row).

    Header cells are texts written just right of a range's top row; without such a
    range, the topmost cells of the new columns right of the used area when they
    are all texts in one row.
    """
    texts = {key for key, value in values.items() if isinstance(value, str) and value.strip()}
    headers: dict[int, set[int]] = {}
    for top, _, _, right in ranges:
        column = right + 1
        while (top, column) in texts:
            headers.setdefault(top, set()).add(column)
            column += 1
    if not headers and used_right:
        tops: dict[int, int] = {}
        for row, column in sorted(values):
            if column > used_right:
                tops.setdefault(column, row)
        if len(set(tops.values())) == 1 and all((row, column) in texts
                                                  for column, row in tops.items()):
            headers = {next(iter(tops.values())): set(tops)}
    return Growth(rows[0], rows[1], headers)


def grow_ref(ref: str, growth: Growth, *, columns: bool) -> str:
    """A range reference grown by ``growth`` (returned unchanged when it does not qualify)."""
    try:
        bounds = parse_range(ref)
    except ValueError:
        return ref
    grown = growth.both(bounds) if columns else growth.rows(bounds, single_row=False)
    return ref if grown == bounds else range_ref(*grown)


def grow_sqref(sqref: str, growth: Growth) -> str:
    """Each range of a space-separated ``sqref`` grown down (never sideways)."""
    parts = sqref.split()
    grown = [grow_ref(part, growth, columns=False) for part in parts]
    return sqref if grown == parts else " ".join(grown)


def autofilter_bounds(tail: bytes, prefix: bytes) -> Bounds | None:
    """The sheet's own autofilter range (None when it has none)."""
    found = open_tag(prefix, b"autoFilter").search(tail)
    ref = attributes(found.group(1)).get(b"ref") if found else None
    try:
        return parse_range(ref.decode()) if ref else None
    except ValueError:
        return None


def grow_tail(tail: bytes, prefix: bytes, growth: Growth) -> bytes:
    """The sheet's tail with its autofilter, validations and conditional formats grown."""
    if growth.empty:
        return tail
    found = open_tag(prefix, b"autoFilter").search(tail)
    if found is not None:
        tail = tail[:found.start()] + _grow_attribute(found.group(0), b"ref", growth,
                                                      columns=True) + tail[found.end():]
    out, position = [], 0
    for element in _GROWING.finditer(tail):
        if element.start() < position:
            continue
        out += [tail[position:element.start()],
                _grow_attribute(element.group(0), b"sqref", growth, columns=False)]
        position = element.end()
        if element.group(3).rstrip().endswith(b"/"):
            continue
        close = b"</" + element.group(1) + element.group(2) + b">"
        end = tail.find(close, position)
        if end < 0:
            continue
        out.append(_SQREF.sub(lambda hit: hit.group(1) + grow_sqref(
            hit.group(3).decode(), growth).encode() + hit.group(4), tail[position:end]))
        position = end
    out.append(tail[position:])
    return b"".join(out)


def _grow_attribute(tag: bytes, name: bytes, growth: Growth, *, columns: bool) -> bytes:
    value = attributes(tag).get(name)
    if value is None:
        return tag
    text = value.decode()
    grown = grow_ref(text, growth, columns=True) if columns else grow_sqref(text, growth)
    return tag if grown == text else set_attribute(tag, name, grown.encode())
