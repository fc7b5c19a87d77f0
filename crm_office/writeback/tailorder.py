"""Where a new element goes in a worksheet's tail, in the order the schema (CT_Worksheet) wants.

Excel refuses a sheet whose elements are out of order, so an element the engine adds
(``<dataValidations>``, ``<hyperlinks>``, ``<legacyDrawing>``) is put before the first
existing element that the schema places after it.
"""

from __future__ import annotations

from crm_office.writeback.xmlbytes import children

WORKSHEET_ORDER = (
    b"sheetPr", b"dimension", b"sheetViews", b"sheetFormatPr", b"cols", b"sheetData",
    b"sheetCalcPr", b"sheetProtection", b"protectedRanges", b"scenarios", b"autoFilter",
    b"sortState", b"dataConsolidate", b"customSheetViews", b"mergeCells", b"phoneticPr",
    b"conditionalFormatting", b"dataValidations", b"hyperlinks", b"printOptions",
    b"pageMargins", b"pageSetup", b"headerFooter", b"rowBreaks", b"colBreaks",
    b"customProperties", b"cellWatches", b"ignoredErrors", b"smartTags", b"drawing",
    b"legacyDrawing", b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects", b"controls",
    b"webPublishItems", b"tableParts", b"extLst")
_RANK = {name: rank for rank, name in enumerate(WORKSHEET_ORDER)}
_LATE = len(WORKSHEET_ORDER) - 4
"""``mc:AlternateContent`` wraps oleObjects or controls in files Excel writes."""


def insert_in_order(tail: bytes, prefix: bytes, local: bytes, element: bytes) -> bytes:
    """``tail`` (from ``</sheetData>`` on) with ``element`` (a ``local``) in its place."""
    rank = _RANK[local]
    start = tail.find(b">") + 1
    at = None
    for child in children(tail, start, len(tail)):
        other = _RANK.get(child.local, _LATE if child.local == b"AlternateContent" else -1)
        if other > rank:
            at = child.start
            break
    if at is None:
        at = tail.rfind(b"</" + prefix + b"worksheet")
    return tail[:at] + element + tail[at:]


def find_child(tail: bytes, local: bytes) -> tuple[int, int] | None:
    """The byte span of the tail's top-level element ``local`` (None when there is none)."""
    start = tail.find(b">") + 1
    for child in children(tail, start, len(tail)):
        if child.local == local:
            return child.start, child.end
    return None
