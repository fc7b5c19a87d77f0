"""The VML drawing that shows a sheet's notes (``xl/drawings/vmlDrawingN.vml``).

Excel draws each legacy comment as a VML shape anchored to its cell. VML written
by Excel is not always well-formed XML, so it is edited as bytes: one
``<v:shape>`` is added per new note and removed per removed note; every other
shape (people's notes, form controls) keeps its bytes.
"""

from __future__ import annotations

import re

from crm_office.writeback.xmlbytes import namespaces, root_tag

VML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_URIS = {b"v": b"urn:schemas-microsoft-com:vml", b"o": b"urn:schemas-microsoft-com:office:office",
         b"x": b"urn:schemas-microsoft-com:office:excel"}
_SHAPE = re.compile(rb"<([\w.-]+):shape(?=[\s>/]).*?</\1:shape>\s*", re.S)
_ROW = re.compile(rb"<(?:[\w.-]+:)?Row>\s*(\d+)\s*</")
_COLUMN = re.compile(rb"<(?:[\w.-]+:)?Column>\s*(\d+)\s*</")
_SHAPE_ID = re.compile(rb"_x0000_s(\d+)")
_IDMAP = re.compile(rb"""idmap\b[^>]*?\sdata\s*=\s*["']([\d,\s]+)["']""")
_NOTE_TYPE = (b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
              b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
              b'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')


def new_vml(idmap: int) -> bytes:
    """An empty VML drawing whose shape ids come from block ``idmap``."""
    declarations = b" ".join(b'xmlns:' + prefix + b'="' + uri + b'"'
                             for prefix, uri in _URIS.items())
    return (b"<xml " + declarations + b'><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" '
            b'data="' + str(idmap).encode() + b'"/></o:shapelayout>' + _NOTE_TYPE + b"</xml>")


def idmaps(data: bytes) -> set[int]:
    """The shape-id blocks a VML drawing claims."""
    found = _IDMAP.search(data)
    if found is None:
        return set()
    return {int(part) for part in re.split(rb"[,\s]+", found.group(1)) if part.strip()}


class VmlDrawing:
    """Add and remove note shapes in one VML drawing."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._removed: set[tuple[int, int]] = set()
        self._added: list[tuple[int, int]] = []
        declared = namespaces(root_tag(data).group(0))
        self._declare = b"".join(b" xmlns:" + prefix + b'="' + uri + b'"'
                                 for prefix, uri in _URIS.items() if declared.get(prefix) != uri)

    @property
    def changed(self) -> bool:
        return bool(self._removed or self._added)

    def add_note(self, row: int, column: int) -> None:
        self._added.append((row, column))

    def remove_note(self, row: int, column: int) -> None:
        self._removed.add((row, column))

    def to_bytes(self) -> bytes:
        out, position = [], 0
        for shape in _SHAPE.finditer(self.data):
            if _note_cell(shape.group(0)) in self._removed:
                out.append(self.data[position:shape.start()])
                position = shape.end()
        out.append(self.data[position:])
        data = b"".join(out)
        if not self._added:
            return data
        new = b"" if b"_x0000_t202" in data else _NOTE_TYPE
        first = self._next_id(data)
        new += b"".join(self._shape(first + index, row, column)
                        for index, (row, column) in enumerate(self._added))
        at = data.rfind(b"</xml>")
        at = at if at >= 0 else data.rfind(b"</")
        return data[:at] + new + data[at:]

    def _next_id(self, data: bytes) -> int:
        used = [int(number) for number in _SHAPE_ID.findall(data)]
        blocks = idmaps(data) or {1}
        return max([*used, min(blocks) * 1024]) + 1

    def _shape(self, number: int, row: int, column: int) -> bytes:
        row0, column0 = row - 1, column - 1
        anchor = f"{column0 + 1}, 15, {max(row0 - 1, 0)}, 10, {column0 + 3}, 15, {row0 + 3}, 4"
        return (f'<v:shape id="_x0000_s{number}" type="#_x0000_t202"{self._declare.decode()} '
                'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:144pt;'
                'height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
                'o:insetmode="auto"><v:fill color2="#ffffe1"/>'
                '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
                '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
                '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
                f"<x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>"
                f"<x:Row>{row0}</x:Row><x:Column>{column0}</x:Column></x:ClientData></v:shape>"
                ).encode()


def _note_cell(shape: bytes) -> tuple[int, int] | None:
    """The 1-based cell a note shape belongs to (None for other shapes)."""
    if b'ObjectType="Note"' not in shape and b"ObjectType='Note'" not in shape:
        return None
    row, column = _ROW.search(shape), _COLUMN.search(shape)
    if row is None or column is None:
        return None
    return int(row.group(1)) + 1, int(column.group(1)) + 1
