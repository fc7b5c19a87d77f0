"""``xl/styles.xml``: the cell formats (xfs) the write-back derives and recognises.

A style is never edited in place: a cell that needs a mark, a date format or a
quote prefix gets a *copy* of its own xf with that one change, reused when an
identical xf already exists. So every other cell keeps exactly its look.

The engine's mark is one fill, :data:`ENGINE_FILL_RGB` solid. It is one step
off Excel's own light red (``FFFFC7CE``, used by the built-in "Bad" style and
by conditional formats), so a person's "Bad" cells are never taken for marks.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from lxml import etree

from crm_office.writeback import numfmt
from crm_office.writeback.opc import parse_xml, serialize
from crm_office.writeback.shape import file_int

ENGINE_FILL_RGB = "FFFEC7CE"
"""ARGB of the engine's mark fill (solid pattern)."""
LINK_RGB = "FF0563C1"

NEW_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="'
    b'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz '
    b'val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill>'
    b'<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    b'</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
    b'</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    b'</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    b'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    b'builtinId="0"/></cellStyles></styleSheet>')
"""The styles of a package that has none (what a cell without ``s`` shows)."""

_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
          "dxfs", "tableStyles", "colors", "extLst")
_NO_FILL = ("", "none")

Key = tuple[Any, ...]


def _key(node: Any) -> Key:
    """Compare elements by name, attributes and children, ignoring whitespace."""
    children = tuple(_key(child) for child in node if isinstance(child.tag, str))
    return (etree.QName(node).localname, tuple(sorted(node.attrib.items())), children)


def _elements(parent: Any) -> list[Any]:
    return [child for child in parent if isinstance(child.tag, str)]


class StyleBook:
    """The workbook's styles, with memoised derivations of cell xfs."""

    def __init__(self, data: bytes) -> None:
        self._root = parse_xml(data)
        self._ns = etree.QName(self._root).namespace or ""
        self.changed = False
        self._xfs = _elements(self._section("cellXfs"))
        self._xf_keys: dict[Key, int] = {}
        for index, node in enumerate(self._xfs):
            self._xf_keys.setdefault(_key(node), index)
        self._memo: dict[tuple[str, int], int] = {}
        self._custom = {file_int(node.get("numFmtId"), "a number format id"):
                        node.get("formatCode", "") for node in _elements(self._section("numFmts"))}

    # -- what a cell's style is -------------------------------------------------
    def fill_kind(self, xf: int) -> str:
        """``none``, ``engine`` (the mark) or ``person`` (any fill a person chose)."""
        fills = _elements(self._section("fills"))
        index = file_int(self._xf(xf).get("fillId"), "a fill id")
        if index >= len(fills):
            return "none"
        return _fill_kind(fills[index])

    def engine_xfs(self) -> set[int]:
        """Every xf that carries the engine's fill."""
        return {index for index in range(len(self._xfs)) if self.fill_kind(index) == "engine"}

    def is_date(self, xf: int) -> bool:
        return numfmt.is_date_format(file_int(self._xf(xf).get("numFmtId"), "a number format id"),
                                      self._custom)

    # -- derived styles -----------------------------------------------------------
    def with_engine_fill(self, xf: int) -> int:
        """``xf`` with the mark fill (a person's fill is kept: then ``xf`` itself)."""
        if self.fill_kind(xf) != "none":
            return xf
        fill = self._engine_fill()
        return self._derive("mark", xf, lambda node: _set(node, fillId=str(fill),
                                                          applyFill="1"))

    def without_engine_fill(self, xf: int) -> int:
        """The xf that ``xf`` was before it was marked (same look, no fill)."""
        if self.fill_kind(xf) != "engine":
            return xf
        return self._derive("unmark", xf, self._clear_fill, relaxed=True)

    def with_date(self, xf: int, with_time: bool) -> int:
        """``xf`` showing a date (kept as it is when it already shows one)."""
        if self.is_date(xf):
            return xf
        format_id = self._date_format(with_time)
        return self._derive("datetime" if with_time else "date", xf, lambda node: _set(
            node, numFmtId=str(format_id), applyNumberFormat="1"))

    def with_quote_prefix(self, xf: int) -> int:
        """``xf`` with Excel's quote prefix: retyping the cell keeps it text."""
        if self._xf(xf).get("quotePrefix") in ("1", "true"):
            return xf
        return self._derive("quote", xf, lambda node: _set(node, quotePrefix="1"))

    def header(self) -> int:
        """Bold text, for the header row of an engine-owned sheet."""
        font = self._derived_font(lambda node: node.insert(0, self._make("b")))
        return self._derive("header", 0, lambda node: _set(node, fontId=str(font),
                                                           applyFont="1"))

    def link(self) -> int:
        """Blue underlined text, for hyperlinks."""
        def restyle(node: Any) -> None:
            for child in _elements(node):
                if etree.QName(child).localname in ("u", "color"):
                    node.remove(child)
            node.insert(0, self._make("u"))
            node.insert(1, self._make("color", rgb=LINK_RGB))
        font = self._derived_font(restyle)
        return self._derive("link", 0, lambda node: _set(node, fontId=str(font),
                                                         applyFont="1"))

    def to_bytes(self) -> bytes:
        return serialize(self._root)

    # -- machinery ----------------------------------------------------------------
    def _xf(self, xf: int) -> Any:
        if not self._xfs:
            self._append_xf(self._make("xf", numFmtId="0", fontId="0", fillId="0",
                                       borderId="0"))
        return self._xfs[xf] if 0 <= xf < len(self._xfs) else self._xfs[0]

    def _derive(self, operation: str, xf: int, change: Callable[[Any], None],
                relaxed: bool = False) -> int:
        memo = (operation, xf)
        if memo not in self._memo:
            node = copy.deepcopy(self._xf(xf))
            node.tail = None
            change(node)
            found = self._equivalent(node) if relaxed else self._xf_keys.get(_key(node))
            self._memo[memo] = found if found is not None else self._append_xf(node)
        return self._memo[memo]

    def _equivalent(self, node: Any) -> int | None:
        """An existing xf that looks the same as ``node``, whatever its apply* flags."""
        wanted = _loose_key(node)
        for index, other in enumerate(self._xfs):
            if _loose_key(other) == wanted and self.fill_kind(index) == "none":
                return index
        return None

    def _append_xf(self, node: Any) -> int:
        section = self._section("cellXfs")
        section.append(node)
        self._xfs.append(node)
        section.set("count", str(len(self._xfs)))
        self._xf_keys.setdefault(_key(node), len(self._xfs) - 1)
        self.changed = True
        return len(self._xfs) - 1

    def _clear_fill(self, node: Any) -> None:
        fills = _elements(self._section("fills"))
        empty = next((i for i, fill in enumerate(fills) if _fill_kind(fill) == "none"), 0)
        node.set("fillId", str(empty))
        node.attrib.pop("applyFill", None)

    def _engine_fill(self) -> int:
        section = self._section("fills")
        fills = _elements(section)
        for index, fill in enumerate(fills):
            if _fill_kind(fill) == "engine":
                return index
        if not fills:
            for pattern in ("none", "gray125"):
                self._add(section, self._make("fill", self._make("patternFill",
                                                                 patternType=pattern)))
        pattern = self._make("patternFill", self._make("fgColor", rgb=ENGINE_FILL_RGB),
                             self._make("bgColor", indexed="64"), patternType="solid")
        return self._add(section, self._make("fill", pattern))

    def _derived_font(self, change: Callable[[Any], None]) -> int:
        section = self._section("fonts")
        fonts = _elements(section)
        node = copy.deepcopy(fonts[0]) if fonts else self._make("font")
        node.tail = None
        change(node)
        wanted = _key(node)
        found = next((i for i, font in enumerate(fonts) if _key(font) == wanted), None)
        return found if found is not None else self._add(section, node)

    def _date_format(self, with_time: bool) -> int:
        """A date format the workbook already uses, else Excel's built-in one."""
        for node in self._xfs:
            format_id = file_int(node.get("numFmtId"), "a number format id")
            if (numfmt.is_date_format(format_id, self._custom)
                    and numfmt.has_time(format_id, self._custom) == with_time):
                return format_id
        return numfmt.DATETIME_FORMAT_ID if with_time else numfmt.DATE_FORMAT_ID

    def _add(self, section: Any, node: Any) -> int:
        section.append(node)
        count = len(_elements(section))
        section.set("count", str(count))
        self.changed = True
        return count - 1

    def _section(self, name: str) -> Any:
        for child in _elements(self._root):
            if etree.QName(child).localname == name:
                return child
        node = self._make(name, count="0")
        later = [child for child in _elements(self._root)
                 if etree.QName(child).localname in _ORDER[_ORDER.index(name) + 1:]]
        if later:
            later[0].addprevious(node)
        else:
            self._root.append(node)
        return node

    def _make(self, local: str, *children: Any, **attributes: str) -> Any:
        node = etree.Element(f"{{{self._ns}}}{local}" if self._ns else local, attributes)
        node.extend(children)
        return node


def _set(node: Any, **attributes: str) -> None:
    for name, value in attributes.items():
        node.set(name, value)


def _loose_key(node: Any) -> Key:
    local, attributes, children = _key(node)
    kept = tuple((name, value) for name, value in attributes
                 if not name.startswith("apply") and name != "fillId")
    return (local, kept, children)


def _fill_kind(fill: Any) -> str:
    """Classify one ``<fill>`` element."""
    pattern = next((child for child in _elements(fill)
                    if etree.QName(child).localname == "patternFill"), None)
    if pattern is None:
        return "person" if _elements(fill) else "none"
    kind = pattern.get("patternType", "")
    if kind in _NO_FILL:
        return "none"
    colour = next((child.get("rgb", "") for child in _elements(pattern)
                   if etree.QName(child).localname == "fgColor"), "")
    return "engine" if kind == "solid" and colour.upper() == ENGINE_FILL_RGB else "person"
