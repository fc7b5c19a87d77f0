"""Rewrite one ``<row>``: new values, marks added or cleared, everything else kept.

A row is split into its cells with a quote-aware pattern; cells that do not
change are copied byte for byte, and whatever else the row holds (its
attributes, an ``extLst``) stays where it was. An edited cell is written anew
with its old style (or a copy of it with a date format, a quote prefix, or the
mark fill added or taken away).
"""

from __future__ import annotations

import re

from crm_office.writeback.edits import CellEdit, CellRefusedError, Tally
from crm_office.writeback.refs import cell_ref, parse_range, parse_ref
from crm_office.writeback.shape import PackageShapeError, file_int
from crm_office.writeback.sheetparts import SheetHead
from crm_office.writeback.styles import StyleBook
from crm_office.writeback.values import FORMULA_STARTS, Kind, cell_xml, kind_of
from crm_office.writeback.xmlbytes import attributes, open_tag, set_attribute

_QUOTED_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*?"""


class RowEditor:
    """Edits rows of one sheet; counts what it changed in ``tally``."""

    def __init__(self, head: SheetHead, styles: StyleBook, *, date1904: bool, clear: bool,
                 tally: Tally, headers: set[tuple[int, int]] | None = None) -> None:
        self.head = head
        self.headers = headers or set()
        self.styles = styles
        self.date1904 = date1904
        self.clear = clear
        self.tally = tally
        prefix = re.escape(head.prefix)
        self._row = open_tag(head.prefix, b"row")
        self._cell = re.compile(b"<" + prefix + b"c(?=[\\s/>])(" + _QUOTED_ATTRS + b")(/>|>(.*?)</"
                                + prefix + b"c>)", re.S)
        self._formula = open_tag(head.prefix, b"f")
        self._close = b"</" + head.prefix + b"row>"

    def create(self, number: int, edits: dict[int, CellEdit]) -> bytes:
        """A new ``<row>`` for a row the sheet does not have yet."""
        cells = b"".join(self._new_cell(number, column, edits[column], None)
                         for column in sorted(edits))
        if not cells:
            return b""
        self.tally.rows_changed += 1
        prefix = self.head.prefix
        return b"<" + prefix + b'row r="' + str(number).encode() + b'">' + cells + self._close

    def edit(self, row: bytes, number: int, edits: dict[int, CellEdit]) -> bytes:
        """``row`` with ``edits`` applied (and stale marks cleared when asked)."""
        found = self._row.match(row)
        if found is None:
            raise PackageShapeError(f"row {number} cannot be read")
        attrs = found.group(1)
        empty = attrs.rstrip().endswith(b"/")
        inner = b"" if empty else row[found.end():len(row) - len(self._close)]
        new_inner, columns = self._edit_cells(inner, number, edits, _row_style(attrs))
        if new_inner == inner:
            return row
        self.tally.rows_changed += 1
        tag = _with_spans(found.group(0), columns)
        if empty:
            tag = tag[:-2].rstrip() + b">"
        return tag + new_inner + self._close

    def _edit_cells(self, inner: bytes, number: int, edits: dict[int, CellEdit],
                    row_style: int | None) -> tuple[bytes, list[int]]:
        pending = sorted(edits)
        out: list[bytes] = []
        position, column, after_cells = 0, 0, 0
        columns: list[int] = []
        last_style: int | None = None
        for cell in self._cell.finditer(inner):
            attrs = attributes(cell.group(1))
            column = parse_ref(attrs[b"r"].decode())[1] if b"r" in attrs else column + 1
            while pending and pending[0] < column:
                new = pending.pop(0)
                out += [inner[position:cell.start()],
                        self._new_cell(number, new, edits[new], row_style,
                                       self._like(number, new, last_style))]
                position = cell.start()
            last_style = file_int(attrs.get(b"s"), "a cell style")
            if pending and pending[0] == column:
                replacement = self._replace(cell, attrs, number, column, edits[pending.pop(0)])
            else:
                replacement = self._unmark(cell, attrs, number, column)
            if replacement is None and b"r" not in attrs:
                replacement = _with_attribute(cell, b"r", cell_ref(number, column))
            if replacement is not None:
                out += [inner[position:cell.start()], replacement]
                position = cell.end()
            after_cells = cell.end()
            columns.append(column)
        out.append(inner[position:max(after_cells, position)])
        out += [self._new_cell(number, column, edits[column], row_style,
                               self._like(number, column, last_style)) for column in pending]
        out.append(inner[max(after_cells, position):])
        return b"".join(out), columns + pending

    def _replace(self, cell: re.Match[bytes], attrs: dict[bytes, bytes], number: int,
                 column: int, edit: CellEdit) -> bytes | None:
        current = file_int(attrs.get(b"s"), "a cell style")
        style = self._style(current, edit, (number, column))
        if not edit.has_value:
            if style == current:
                return None
            return _with_attribute(cell, b"s", str(style))
        self._check_formula(cell.group(3) or b"", number, column)
        self.tally.written.add((number, column))
        xml = cell_xml(self.head.prefix.decode(), cell_ref(number, column), style, edit.value,
                       self.date1904).encode()
        return None if xml == cell.group(0) else xml

    def _unmark(self, cell: re.Match[bytes], attrs: dict[bytes, bytes], number: int,
                column: int) -> bytes | None:
        if not self.clear:
            return None
        current = file_int(attrs.get(b"s"), "a cell style")
        if self.styles.fill_kind(current) != "engine":
            return None
        self.tally.fill_removed.add((number, column))
        return _with_attribute(cell, b"s", str(self.styles.without_engine_fill(current)))

    def _like(self, number: int, column: int, before: int | None) -> int | None:
        """The style a new header cell copies: the cell before it in its row."""
        return before if (number, column) in self.headers else None

    def _new_cell(self, number: int, column: int, edit: CellEdit, row_style: int | None,
                  like: int | None = None) -> bytes:
        """A cell the row lacks; a new header cell (``like``) looks like the one before it."""
        if like is not None:
            base = self.styles.without_engine_fill(like)
        else:
            base = row_style if row_style is not None else self.head.column_style(column)
        style = self._style(base, edit, (number, column))
        ref = cell_ref(number, column)
        if edit.has_value:
            self.tally.written.add((number, column))
            return cell_xml(self.head.prefix.decode(), ref, style, edit.value,
                            self.date1904).encode()
        if style == base == 0:
            return b""
        return b"<" + self.head.prefix + b'c r="' + ref.encode() + b'" s="' + \
            str(style).encode() + b'"/>'

    def _style(self, style: int, edit: CellEdit, where: tuple[int, int]) -> int:
        """The style after a value and a mark: derived copies, never edits in place."""
        if edit.has_value:
            kind = kind_of(edit.value)
            if kind in (Kind.DATE, Kind.DATETIME):
                style = self.styles.with_date(style, kind is Kind.DATETIME)
            elif kind is Kind.TEXT and str(edit.value).startswith(FORMULA_STARTS):
                style = self.styles.with_quote_prefix(style)
        if edit.marked:
            if self.styles.fill_kind(style) == "none":
                self.tally.fill_added.add(where)
            return self.styles.with_engine_fill(style)
        if self.clear and self.styles.fill_kind(style) == "engine":
            self.tally.fill_removed.add(where)
            return self.styles.without_engine_fill(style)
        return style

    def _check_formula(self, body: bytes, number: int, column: int) -> None:
        found = self._formula.search(body)
        if found is None:
            return
        attrs = attributes(found.group(1))
        spans = attrs.get(b"ref", b"")
        if attrs.get(b"t") in (b"shared", b"array") and spans and ":" in spans.decode():
            top, left, bottom, right = parse_range(spans.decode())
            if (top, left) != (bottom, right):
                raise CellRefusedError(cell_ref(number, column),
                                       f"holds a formula shared with {spans.decode()}; "
                                       "the engine will not break it")
        self.tally.formula_removed = True


def _row_style(attrs: bytes) -> int | None:
    """A row's own format, when a person gave the whole row one."""
    values = attributes(attrs)
    if values.get(b"customFormat") in (b"1", b"true") and b"s" in values:
        return file_int(values[b"s"], "a row style")
    return None


def _with_attribute(cell: re.Match[bytes], name: bytes, value: str) -> bytes:
    """The cell's bytes with one attribute of its start tag set."""
    whole, start = cell.group(0), cell.start()
    tag_end = cell.end(1) - start + (2 if cell.group(2) == b"/>" else 1)
    return set_attribute(whole[:tag_end], name, value.encode()) + whole[tag_end:]


def _with_spans(tag: bytes, columns: list[int]) -> bytes:
    """Widen a row's ``spans`` hint so it covers every cell (left alone when absent)."""
    spans = attributes(tag).get(b"spans")
    if spans is None or not columns:
        return tag
    try:
        numbers = [int(part) for part in re.split(rb"[:\s]+", spans.strip()) if part]
    except ValueError:
        return set_attribute(tag, b"spans", f"{min(columns)}:{max(columns)}".encode())
    low, high = min(numbers + columns), max(numbers + columns)
    if (low, high) == (min(numbers), max(numbers)):
        return tag
    return set_attribute(tag, b"spans", f"{low}:{high}".encode())
