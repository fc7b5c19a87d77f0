"""A sheet's comments part (``xl/commentsN.xml``): the engine's notes beside people's.

The engine's notes are the comments whose author is :data:`ENGINE_AUTHOR`, or
whose text ends with :data:`ENGINE_SIGNATURE`: LibreOffice does not keep comment
authors when it saves an .xlsx (it writes one blank author for all), so the
signature line is what still tells an engine note after such a round trip.
Notes are added, changed and removed by splicing single ``<comment>`` elements,
so a person's comments keep their exact bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from crm_office.writeback.opc import parse_xml
from crm_office.writeback.refs import parse_ref
from crm_office.writeback.shape import PackageShapeError, file_int
from crm_office.writeback.text import cell_text, needs_preserve, unescape_text
from crm_office.writeback.xmlbytes import prefix_of, root_tag

ENGINE_AUTHOR = "crm-office"
"""Author of every note the engine writes; how its notes are told from people's."""
ENGINE_SIGNATURE = "\n-- crm-office"
"""Last line of every engine note (survives LibreOffice, which drops authors)."""
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NEW_COMMENTS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="'
                + MAIN_NS.encode() + b'"><authors/><commentList/></comments>')


@dataclass(frozen=True)
class Note:
    """An existing comment: where it is, who wrote it, its text."""

    row: int
    column: int
    engine: bool
    text: str
    start: int
    end: int


class CommentsPart:
    """Read the comments of one sheet and change the engine's among them."""

    def __init__(self, data: bytes | None) -> None:
        self.existed = data is not None
        self.data = data if data is not None else NEW_COMMENTS
        self.prefix = prefix_of(root_tag(self.data))
        root = parse_xml(self.data)
        self.authors = [node.text or "" for node in root.iter() if _local(node) == "author"]
        self.notes = self._notes(root)
        self._new: dict[tuple[int, int], bytes] = {}
        self._removed: set[tuple[int, int]] = set()

    @property
    def changed(self) -> bool:
        return bool(self._new or self._removed)

    def set_engine(self, row: int, column: int, ref: str, text: str) -> bool:
        """Add or update the engine's note on a cell; False when it is already so."""
        existing = self.notes.get((row, column))
        if existing is not None and (not existing.engine or existing.text == text):
            return False
        self._new[(row, column)] = self._element(ref, text)
        return True

    def remove_engine(self, row: int, column: int) -> bool:
        existing = self.notes.get((row, column))
        if existing is None or not existing.engine:
            return False
        self._removed.add((row, column))
        return True

    def to_bytes(self) -> bytes:
        data = self._with_author(self.data)
        spans = {(note.row, note.column): note for note in _rescan(data, self.prefix, self.notes)}
        new = dict(self._new)
        out, position = [], 0
        for key, note in sorted(spans.items(), key=lambda item: item[1].start):
            out.append(data[position:note.start])
            if key in new:
                out.append(new.pop(key))
            elif key not in self._removed:
                out.append(data[note.start:note.end])
            position = note.end
        rest = data[position:]
        added = b"".join(new[key] for key in sorted(new))
        return b"".join(out) + _append_to_list(rest, self.prefix, added)

    def _notes(self, root: object) -> dict[tuple[int, int], Note]:
        nodes = [node for node in root.iter() if _local(node) == "comment"]  # type: ignore[attr-defined]
        spans = list(_comment_pattern(self.prefix).finditer(self.data))
        if len(spans) != len(nodes):
            raise PackageShapeError("the comments part cannot be read element by element")
        notes = {}
        for node, span in zip(nodes, spans, strict=True):
            row, column = parse_ref(node.get("ref", ""))
            author = file_int(node.get("authorId"), "a note's author", -1)
            text = _text(node)
            engine = text.endswith(ENGINE_SIGNATURE) or (
                0 <= author < len(self.authors) and self.authors[author] == ENGINE_AUTHOR)
            notes[(row, column)] = Note(row, column, engine, text.removesuffix(ENGINE_SIGNATURE),
                                        span.start(), span.end())
        return notes

    def _element(self, ref: str, text: str) -> bytes:
        text += ENGINE_SIGNATURE
        p = self.prefix.decode()
        space = ' xml:space="preserve"' if needs_preserve(text) else ""
        return (f'<{p}comment ref="{ref}" authorId="{self._engine_author()}" shapeId="0">'
                f"<{p}text><{p}t{space}>{cell_text(text)}</{p}t></{p}text></{p}comment>"
                ).encode()

    def _engine_author(self) -> int:
        if ENGINE_AUTHOR not in self.authors:
            self.authors.append(ENGINE_AUTHOR)
        return self.authors.index(ENGINE_AUTHOR)

    def _with_author(self, data: bytes) -> bytes:
        """Add the engine as an author when one of its notes is new."""
        if not self._new or _count_authors(data, self.prefix) > self.authors.index(
                ENGINE_AUTHOR):
            return data
        p = self.prefix
        author = b"<" + p + b"author>" + ENGINE_AUTHOR.encode() + b"</" + p + b"author>"
        empty = re.search(b"<" + re.escape(p) + rb"authors\s*/>", data)
        if empty:
            whole = b"<" + p + b"authors>" + author + b"</" + p + b"authors>"
            return data[:empty.start()] + whole + data[empty.end():]
        at = data.find(b"</" + p + b"authors>")
        if at < 0:
            raise PackageShapeError("the comments part has no list of authors")
        return data[:at] + author + data[at:]


def _local(node: object) -> str:
    tag = getattr(node, "tag", None)
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(node: object) -> str:
    """The plain text of a comment (runs joined, phonetic hints left out)."""
    parts = []
    for child in node.iter():  # type: ignore[attr-defined]
        if _local(child) == "t" and _local(child.getparent()) != "rPh":
            parts.append(child.text or "")
    return unescape_text("".join(parts))


def _comment_pattern(prefix: bytes) -> re.Pattern[bytes]:
    p = re.escape(prefix)
    return re.compile(b"<" + p + rb"""comment(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>.*?</"""
                      + p + b"comment>)", re.S)


def _rescan(data: bytes, prefix: bytes, notes: dict[tuple[int, int], Note]) -> list[Note]:
    """The same notes with their spans in ``data`` (which may have grown an author)."""
    spans = list(_comment_pattern(prefix).finditer(data))
    ordered = sorted(notes.values(), key=lambda note: note.start)
    return [Note(note.row, note.column, note.engine, note.text, span.start(), span.end())
            for note, span in zip(ordered, spans, strict=True)]


def _count_authors(data: bytes, prefix: bytes) -> int:
    return len(re.findall(b"<" + re.escape(prefix) + rb"author(?=[\s>])", data))


def _append_to_list(rest: bytes, prefix: bytes, added: bytes) -> bytes:
    """Put new comment elements at the end of ``<commentList>``."""
    if not added:
        return rest
    empty = re.search(b"<" + re.escape(prefix) + rb"commentList\s*/>", rest)
    if empty:
        whole = b"<" + prefix + b"commentList>" + added + b"</" + prefix + b"commentList>"
        return rest[:empty.start()] + whole + rest[empty.end():]
    at = rest.find(b"</" + prefix + b"commentList>")
    if at < 0:
        raise PackageShapeError("the comments part has no comment list")
    return rest[:at] + added + rest[at:]
