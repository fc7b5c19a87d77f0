"""Sheets the engine owns ("Issues", "Conflicts"): generated whole, every time.

Bold header, frozen header row, autofilter, column widths from the content and
hyperlinks (``<hyperlink location=...>``, no relationship needed) for
:class:`LinkedCell` values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crm_office.writeback.edits import LinkedCell
from crm_office.writeback.refs import cell_ref, parse_ref, quote_sheet, range_ref
from crm_office.writeback.styles import StyleBook
from crm_office.writeback.text import xml_attr
from crm_office.writeback.values import FORMULA_STARTS, CellValue, Kind, cell_xml, kind_of

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MIN_WIDTH, MAX_WIDTH = 8, 60
EngineValue = CellValue | LinkedCell


@dataclass(frozen=True)
class EngineSheet:
    """The whole content of an engine-owned sheet."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[EngineValue, ...], ...]

    @classmethod
    def of(cls, name: str, header: Sequence[str],
           rows: Sequence[Sequence[EngineValue]]) -> EngineSheet:
        return cls(name, tuple(header), tuple(tuple(row) for row in rows))

    @property
    def width(self) -> int:
        return max([len(self.header)] + [len(row) for row in self.rows] + [1])


def engine_sheet_xml(sheet: EngineSheet, styles: StyleBook, date1904: bool) -> bytes:
    """The worksheet part for ``sheet``."""
    last = cell_ref(len(sheet.rows) + 1, sheet.width)
    links: list[tuple[str, LinkedCell]] = []
    rows = [_row(1, list(sheet.header), styles, date1904, links, header=True)]
    rows += [_row(number, list(values), styles, date1904, links)
             for number, values in enumerate(sheet.rows, start=2)]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
        f'<dimension ref="{range_ref(1, 1, *parse_ref(last))}"/>',
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
        'sqref="A2"/></sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
        _cols(sheet),
        "<sheetData>", *rows, "</sheetData>",
        f'<autoFilter ref="A1:{last}"/>',
        _hyperlinks(links),
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/>',
        "</worksheet>",
    ]
    return "".join(parts).encode("utf-8")


def _row(number: int, values: list[EngineValue], styles: StyleBook, date1904: bool,
         links: list[tuple[str, LinkedCell]], header: bool = False) -> str:
    cells = []
    for column, value in enumerate(values, start=1):
        ref = cell_ref(number, column)
        if isinstance(value, LinkedCell):
            links.append((ref, value))
            cells.append(cell_xml("", ref, styles.link(), value.text, date1904))
            continue
        style = styles.header() if header else _style(value, styles)
        cells.append(cell_xml("", ref, style, value, date1904))
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def _style(value: CellValue, styles: StyleBook) -> int:
    kind = kind_of(value)
    if kind in (Kind.DATE, Kind.DATETIME):
        return styles.with_date(0, kind is Kind.DATETIME)
    if kind is Kind.TEXT and str(value).startswith(FORMULA_STARTS):
        return styles.with_quote_prefix(0)
    return 0


def _cols(sheet: EngineSheet) -> str:
    widths = [len(text) for text in sheet.header] + [0] * (sheet.width - len(sheet.header))
    for row in sheet.rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _shown_length(value))
    cols = "".join(f'<col min="{index}" max="{index}" width="{_width(length)}" '
                   'customWidth="1"/>' for index, length in enumerate(widths, start=1))
    return f"<cols>{cols}</cols>"


def _shown_length(value: EngineValue) -> int:
    if isinstance(value, LinkedCell):
        value = value.text
    kind = kind_of(value)
    if kind is Kind.EMPTY:
        return 0
    if kind in (Kind.DATE, Kind.DATETIME):
        return 10 if kind is Kind.DATE else 16
    return max(len(line) for line in str(value).splitlines() or [""])


def _width(length: int) -> float:
    return float(min(MAX_WIDTH, max(MIN_WIDTH, length + 2)))


def _hyperlinks(links: list[tuple[str, LinkedCell]]) -> str:
    if not links:
        return ""
    items = "".join(f'<hyperlink ref="{ref}" location="{xml_attr(_target(link))}" '
                    f'display="{xml_attr(link.text[:255])}"/>' for ref, link in links)
    return f"<hyperlinks>{items}</hyperlinks>"


def _target(link: LinkedCell) -> str:
    return f"{quote_sheet(link.sheet)}!{link.cell}"
