"""Dropdowns the engine adds to a sheet: list data validations in ``<dataValidations>``.

A new validation is appended to the sheet's ``<dataValidations>`` (its ``count`` fixed),
or the element is added where the schema wants it. A validation is never added twice:
when any validation (the sheet's own, or an Excel 2010 one in ``extLst``, which is kept
as it is) already covers a cell of the range, the person's or the earlier one stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crm_office.writeback.refs import MAX_COLUMN, MAX_ROW, column_number, range_ref
from crm_office.writeback.tailorder import find_child, insert_in_order
from crm_office.writeback.text import xml_text
from crm_office.writeback.xmlbytes import attributes, open_tag, set_attribute

Bounds = tuple[int, int, int, int]
MAX_LIST = 255
"""Excel's limit for a list typed into a validation (the items joined with commas)."""

_VALIDATION = re.compile(rb"""<(?:[\w.-]+:)?dataValidation(?=[\s/>])"""
                         rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_SQREF_TEXT = re.compile(rb"<(?:[\w.-]+:)?sqref>([^<]*)</")
_PART = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{0,7})")


@dataclass(frozen=True)
class ListValidation:
    """A dropdown of ``choices`` on rows ``top``..``bottom`` of ``column``."""

    top: int
    column: int
    bottom: int
    choices: tuple[str, ...]

    @property
    def bounds(self) -> Bounds:
        return self.top, self.column, self.bottom, self.column

    @property
    def formula(self) -> str:
        return '"' + ",".join(self.choices) + '"'


def list_problem(choices: Sequence[str]) -> str:
    """Why ``choices`` cannot be a dropdown list ("" when they can)."""
    if not choices or any(not choice.strip() for choice in choices):
        return "a dropdown needs at least one choice and no empty one"
    if any("," in choice or '"' in choice for choice in choices):
        return "a dropdown choice cannot hold a comma or a double quote"
    if len(",".join(choices)) > MAX_LIST:
        return f"the dropdown's choices are longer than Excel allows ({MAX_LIST} characters)"
    return ""


def add_validations(tail: bytes, prefix: bytes, wanted: Sequence[ListValidation]) -> bytes:
    """``tail`` (from ``</sheetData>`` on) with the ``wanted`` validations no range covers."""
    covered = covered_ranges(tail)
    new = [item for item in wanted if not any(_overlap(item.bounds, old) for old in covered)]
    if not new:
        return tail
    items = b"".join(_element(prefix, item) for item in new)
    span = find_child(tail, b"dataValidations")
    if span is None:
        element = (b"<" + prefix + b'dataValidations count="' + str(len(new)).encode() + b'">'
                   + items + b"</" + prefix + b"dataValidations>")
        return insert_in_order(tail, prefix, b"dataValidations", element)
    start, end = span
    block = tail[start:end]
    head = open_tag(prefix, b"dataValidations").match(block)
    if head is None:
        return tail
    count = len(open_tag(prefix, b"dataValidation").findall(block)) + len(new)
    tag = set_attribute(head.group(0), b"count", str(count).encode())
    if tag.endswith(b"/>"):
        block = tag[:-2].rstrip() + b">" + items + b"</" + prefix + b"dataValidations>"
    else:
        close = block.rfind(b"</")
        block = tag + block[head.end():close] + items + block[close:]
    return tail[:start] + block + tail[end:]


def covered_ranges(tail: bytes) -> list[Bounds]:
    """Every range a validation of the sheet covers (extLst's x14 validations too)."""
    texts = [attributes(found.group(1)).get(b"sqref", b"") for found in _VALIDATION.finditer(tail)]
    texts += [found.group(1) for found in _SQREF_TEXT.finditer(tail)]
    return [bounds for text in texts for part in text.decode(errors="replace").split()
            if (bounds := sqref_bounds(part)) is not None]


def sqref_bounds(part: str) -> Bounds | None:
    """``J2:J1048576``, ``J:J``, ``3:3`` or ``C4`` as bounds (None when unreadable)."""
    ends = []
    for piece in part.split(":"):
        found = _PART.fullmatch(piece.strip())
        if found is None:
            if piece.strip().lstrip("$").isdigit():
                row = int(piece.strip().lstrip("$"))
                ends.append((row, 1, row, MAX_COLUMN))
                continue
            return None
        column, digits = column_number(found.group(1)), found.group(2)
        ends.append((int(digits), column, int(digits), column) if digits
                    else (1, column, MAX_ROW, column))
    if not ends or len(ends) > 2:
        return None
    first, last = ends[0], ends[-1]
    return (min(first[0], last[0]), min(first[1], last[1]),
            max(first[2], last[2]), max(first[3], last[3]))


def _overlap(one: Bounds, other: Bounds) -> bool:
    return not (one[2] < other[0] or other[2] < one[0] or one[3] < other[1]
                or other[3] < one[1])


def _element(prefix: bytes, item: ListValidation) -> bytes:
    sqref = range_ref(*item.bounds).encode()
    formula = xml_text(item.formula).encode()
    return (b"<" + prefix + b'dataValidation type="list" errorStyle="warning" allowBlank="1" '
            b'showInputMessage="1" showErrorMessage="1" sqref="' + sqref + b'"><' + prefix
            + b"formula1>" + formula + b"</" + prefix + b"formula1></" + prefix
            + b"dataValidation>")
