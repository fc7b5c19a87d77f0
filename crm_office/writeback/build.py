"""Turn a :class:`WorkbookPatch` into the parts to rewrite, add and remove.

Nothing is written to the workbook here: sheets are streamed into deflated
spools, small parts are kept as bytes. :mod:`crm_office.writeback.assemble`
then writes the new package in one go.
"""

from __future__ import annotations

from pathlib import Path

from crm_office.errors import CellValueError, WorkbookError
from crm_office.writeback.appxml import add_sheet_title
from crm_office.writeback.changes import Changes
from crm_office.writeback.edits import CellRefusedError, LinkedCell, Position
from crm_office.writeback.enginesheet import EngineSheet, engine_sheet_xml
from crm_office.writeback.hyperlinks import set_hyperlinks
from crm_office.writeback.notes import SheetNotes
from crm_office.writeback.opc import Relationships
from crm_office.writeback.package import SourcePackage, rels_name
from crm_office.writeback.patch import SheetPatch, WorkbookPatch
from crm_office.writeback.ranges import Bounds, autofilter_bounds
from crm_office.writeback.sheetjob import RangeSource, SheetJob
from crm_office.writeback.sheetparts import SheetHead
from crm_office.writeback.splice import sheet_tail, splice_sheet
from crm_office.writeback.styles import NEW_STYLES, StyleBook
from crm_office.writeback.tables import TablePart
from crm_office.writeback.validations import add_validations
from crm_office.writeback.values import CellValue
from crm_office.writeback.workbookxml import (
    SheetEntry,
    WorkbookInfo,
    add_sheet_entry,
    filter_name_bounds,
    grow_filter_name,
    read_workbook,
)
from crm_office.writeback.zipwriter import DeflateSpool

WORKSHEET_CONTENT_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml"
                          ".worksheet+xml")
APP_PART = "docProps/app.xml"
STYLES_PART = "xl/styles.xml"
RELS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"


class Builder:
    """Works out every part a patch changes."""

    def __init__(self, patch: WorkbookPatch, source: SourcePackage, spool_dir: Path) -> None:
        self.patch = patch
        self.source = source
        self.spool_dir = spool_dir
        self.changes = Changes.start(source)
        self.info: WorkbookInfo = read_workbook(source)
        styles = self.info.rels.of_kind("styles")
        self.styles_part = styles[0].part if styles else None
        data = source.read_or_none(self.styles_part) if self.styles_part else None
        self.styles = StyleBook(data if data is not None else NEW_STYLES)
        self.changes.date1904 = self.info.date1904
        self.formula_removed = False

    def build(self) -> Changes:
        """All changes; the caller closes them when done."""
        try:
            for sheet in self.patch.engine_sheets:
                self._engine_sheet(sheet)
            for sheet_patch in self.patch.sheet_patches:
                self._sheet(sheet_patch)
            self._finish()
        except BaseException:
            self.changes.close()
            raise
        return self.changes

    def _sheet(self, patch: SheetPatch) -> None:
        entry = self._entry(patch.name)
        rels = Relationships(entry.part, self.source.read_or_none(rels_name(entry.part)))
        notes = SheetNotes(patch, self.changes, rels)
        tables = [TablePart.parse(rel.part, self.source.read(rel.part))
                  for rel in rels.of_kind("table") if self.source.has(rel.part)]
        ranges = RangeSource(tuple(table.bounds for table in tables if table.growable),
                             lambda scan: self._autofilter(entry, scan))
        def on_tail(tail: bytes, head: SheetHead) -> bytes:
            tail = add_validations(notes.tail(tail, head), head.prefix, patch.validations)
            return set_hyperlinks(tail, head.prefix, patch.links, rels, head.rels_prefix())

        job = SheetJob(patch, self.styles, date1904=self.info.date1904, on_tail=on_tail,
                       ranges=ranges)
        spool = DeflateSpool(self.spool_dir)
        try:
            with self.source.open(entry.part) as stream:
                splice_sheet(stream, spool.write, job)
        except CellRefusedError as exc:
            spool.close()
            raise CellValueError(exc.reason, path=self.patch.path, sheet=patch.name,
                                 cell=exc.cell, hint="write into another cell") from exc
        except BaseException:
            spool.close()
            raise
        spool.finish()
        if job.changed:
            self.changes.put(entry.part, spool)
        else:
            spool.close()
        notes.write()
        if rels.changed:
            self.changes.put(rels_name(entry.part), rels.to_bytes())
            self.changes.content_types.ensure_default("rels", RELS_CONTENT_TYPE)
        self._grow(entry, tables, job)
        self._count(patch, job, notes)

    def _autofilter(self, entry: SheetEntry, scan: bool) -> Bounds | None:
        """From the filter's defined name; else, when ``scan``, from the sheet's tail."""
        workbook = self.changes.current(self.info.part) or b""
        named = filter_name_bounds(workbook, self.info.sheets.index(entry))
        if named is not None or not scan:
            return named
        with self.source.open(entry.part) as stream:
            prefix, tail = sheet_tail(stream)
        return autofilter_bounds(tail, prefix)

    def _grow(self, entry: SheetEntry, tables: list[TablePart], job: SheetJob) -> None:
        """Tables and the filter's defined name follow the sheet's grown ranges."""
        texts = {column: str(value) for (row, column), value in job.patch.values().items()
                 if column in job.growth.headers.get(row, set())}
        for table in tables:
            grown = table.grown(job.growth, texts)
            if grown is not None:
                self.changes.put(table.part, grown)
        old, new = job.filter_bounds
        if old is not None and new is not None and old != new:
            workbook = self.changes.current(self.info.part) or b""
            index = self.info.sheets.index(entry)
            updated = grow_filter_name(workbook, index, old, new)
            if updated != workbook:
                self.changes.put(self.info.part, updated)

    def _count(self, patch: SheetPatch, job: SheetJob, notes: SheetNotes) -> None:
        tally = job.tally
        self.formula_removed |= tally.formula_removed
        self.changes.expected[patch.name] = patch.values()
        self.changes.sheet_parts[patch.name] = self._entry(patch.name).part
        self.changes.cells_written += len(tally.written)
        self.changes.marks_added += len(tally.fill_added | notes.updated)
        self.changes.marks_removed += len(tally.fill_removed | set(notes.removed))

    def _engine_sheet(self, sheet: EngineSheet) -> None:
        xml = engine_sheet_xml(sheet, self.styles, self.info.date1904)
        entry = self.info.find(sheet.name)
        if entry is None:
            entry = self._add_sheet(sheet.name)
        elif entry.kind != "worksheet":
            raise WorkbookError("is not a worksheet, so the engine cannot replace it",
                                path=self.patch.path, sheet=sheet.name)
        else:
            self.changes.remove(rels_name(entry.part))
        self.changes.put(entry.part, xml)
        self.changes.expected[entry.name] = _engine_values(sheet)
        self.changes.sheet_parts[entry.name] = entry.part

    def _add_sheet(self, name: str) -> SheetEntry:
        part = self.changes.new_name("xl/worksheets/sheet{}.xml")
        rid = self.info.rels.add("worksheet", part)
        sheet_id = max((sheet.sheet_id for sheet in self.info.sheets), default=0) + 1
        workbook = self.changes.current(self.info.part) or b""
        self.changes.put(self.info.part, add_sheet_entry(workbook, name, sheet_id, rid))
        self.changes.content_types.ensure_override(part, WORKSHEET_CONTENT_TYPE)
        worksheets = sum(1 for sheet in self.info.sheets if sheet.kind == "worksheet")
        app = self.changes.current(APP_PART)
        updated = add_sheet_title(app, name, worksheets) if app else None
        if updated is not None:
            self.changes.put(APP_PART, updated)
        entry = SheetEntry(name, sheet_id, rid, part, "worksheet")
        self.info.sheets.append(entry)
        return entry

    def _finish(self) -> None:
        if self.formula_removed:
            self._drop_calc_chain()
        if self.styles.changed:
            self._put_styles()
        if self.info.rels.changed:
            self.changes.put(rels_name(self.info.part), self.info.rels.to_bytes())
        self.changes.finish()

    def _put_styles(self) -> None:
        """Store the styles; a package that had none gets a styles part (wired in)."""
        if self.styles_part is None:
            free = not self.changes.source.has(STYLES_PART)
            self.styles_part = STYLES_PART if free else self.changes.new_name("xl/styles{}.xml")
            self.info.rels.add("styles", self.styles_part)
        if not self.source.has(self.styles_part):
            self.changes.content_types.ensure_override(self.styles_part, STYLES_CONTENT_TYPE)
        self.changes.put(self.styles_part, self.styles.to_bytes())

    def _drop_calc_chain(self) -> None:
        """Excel's calculation chain lists formula cells; it is rebuilt when missing."""
        for relation in self.info.rels.of_kind("calcChain"):
            self.info.rels.remove(relation.id)
            self.changes.remove(relation.part)
            self.changes.content_types.remove_override(relation.part)

    def _entry(self, name: str) -> SheetEntry:
        entry = self.info.find(name)
        if entry is None or not self.source.has(entry.part):
            raise WorkbookError("has no such worksheet", path=self.patch.path, sheet=name)
        return entry


def _engine_values(sheet: EngineSheet) -> dict[Position, CellValue]:
    values: dict[Position, CellValue] = {}
    for column, text in enumerate(sheet.header, start=1):
        values[(1, column)] = text
    for number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            values[(number, column)] = value.text if isinstance(value, LinkedCell) else value
    return values
