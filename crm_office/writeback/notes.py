"""The engine's notes on one sheet: comments part, VML drawing and their wiring.

A mark's note is added unless a person already commented the cell; a stale
engine note is removed by ``clear_marks``. A sheet's first note brings a new
comments part, a VML drawing (or reuses the one the sheet already has, e.g. for
form controls), relationships, content types and a ``<legacyDrawing>``.
"""

from __future__ import annotations

from crm_office.writeback.changes import Changes
from crm_office.writeback.comments import CommentsPart
from crm_office.writeback.edits import Position
from crm_office.writeback.opc import Relationships
from crm_office.writeback.patch import SheetPatch
from crm_office.writeback.refs import cell_ref
from crm_office.writeback.shape import PackageShapeError
from crm_office.writeback.sheetparts import SheetHead, legacy_drawing_rid, legacy_drawing_tail
from crm_office.writeback.vml import VML_CONTENT_TYPE, VmlDrawing, idmaps, new_vml

COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"


class SheetNotes:
    """Plans and writes the note changes of one sheet patch."""

    def __init__(self, patch: SheetPatch, changes: Changes, rels: Relationships) -> None:
        self.rels = rels
        self.changes = changes
        found = rels.of_kind("comments")
        self.part = found[0].part if found else None
        data = changes.source.read_or_none(self.part) if self.part else None
        self.comments = CommentsPart(data)
        self.updated: set[Position] = set()
        self.added: list[Position] = []
        self.removed: list[Position] = []
        self.drawing_rid: str | None = None
        self._plan(patch)

    @property
    def changed(self) -> bool:
        return self.comments.changed

    def _plan(self, patch: SheetPatch) -> None:
        for (row, column), mark in sorted(patch.marks.items()):
            if self.comments.set_engine(row, column, cell_ref(row, column), mark.note):
                self.updated.add((row, column))
                if (row, column) not in self.comments.notes:
                    self.added.append((row, column))
        if patch.clear:
            for key, note in sorted(self.comments.notes.items()):
                if note.engine and key not in patch.marks:
                    self.comments.remove_engine(*key)
                    self.removed.append(key)

    def tail(self, tail: bytes, head: SheetHead) -> bytes:
        """Splicer hook: make sure the sheet has a ``<legacyDrawing>`` when notes are new."""
        self.drawing_rid = legacy_drawing_rid(tail, head.prefix)
        if not self.added or self.drawing_rid is not None:
            return tail
        part = self.changes.new_name("xl/drawings/vmlDrawing{}.vml")
        self.changes.put(part, new_vml(self._free_idmap()))
        self.drawing_rid = self.rels.add("vmlDrawing", part)
        return legacy_drawing_tail(tail, head.prefix, self.drawing_rid, head.rels_prefix())

    def write(self) -> None:
        """Store the comments part and the VML drawing (after the sheet was spliced)."""
        if not self.changed:
            return
        if self.part is None:
            self.part = self.changes.new_name("xl/comments{}.xml")
            self.rels.add("comments", self.part)
            self.changes.content_types.ensure_override(self.part, COMMENTS_CONTENT_TYPE)
        self.changes.put(self.part, self.comments.to_bytes())
        self._write_drawing()

    def _write_drawing(self) -> None:
        relation = self.rels.get(self.drawing_rid) if self.drawing_rid else None
        if relation is None:
            if self.added:
                raise PackageShapeError("the sheet's notes have no drawing to show them")
            return
        data = self.changes.current(relation.part)
        if data is None:
            data = new_vml(self._free_idmap())
        drawing = VmlDrawing(data)
        for row, column in self.removed:
            drawing.remove_note(row, column)
        for row, column in self.added:
            drawing.add_note(row, column)
        if drawing.changed or not self.changes.source.has(relation.part):
            self.changes.put(relation.part, drawing.to_bytes())
        self.changes.content_types.ensure_default("vml", VML_CONTENT_TYPE)

    def _free_idmap(self) -> int:
        used: set[int] = set()
        names = [info.filename for info in self.changes.source.infos] + list(self.changes.added)
        for name in names:
            if name.lower().endswith(".vml"):
                used |= idmaps(self.changes.current(name) or b"")
        return max(used, default=0) + 1
