"""Workbooks shaped exactly as Microsoft Excel 365 saves them, written byte by byte.

Neither xlsxwriter nor LibreOffice writes what Excel 2010 and later put in every
package, so these are built by hand from the parts Excel writes:
``mc:Ignorable="x14ac xr xr2 xr3"`` with its namespace declarations on the
worksheet and workbook, ``spans`` and ``x14ac:dyDescent`` on every ``<row>``,
``xr:uid`` on sheets, autofilters, tables and validations, ``extLst`` blocks
(x14 data validations for lists on another sheet, x14 data bars, sparklines),
shared formulas, shared strings (one rich) and an inline string, error cells
(``t="e"``), ``t="str"`` formula results, cell metadata (``cm=`` and
``xl/metadata.xml``, as for a dynamic array), ``calcChain.xml``, the 1904 date
system, a table part with its autofilter, notes (comments + VML), and the odd
shapes of the public corpus: no styles part, no shared strings part (with the
content type still declared, which openpyxl cannot read), Windows-style
backslash part names.

    path = excel_workbook(tmp / "clients.xlsx", {"Clients": rows})
    path = excel_workbook(tmp / "deals.xlsx", [ExcelSheet("Deals", rows, table="Deals")])
    path = excel_staff_workbook(tmp / "staff.xlsx")   # the write-back tests' staff book
    write_workbook(path, {"Data": rows})               # tests/conftest.py's, Excel-shaped
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
XR2 = "http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"
XR3 = "http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
SHEET_NAMESPACES = (f'xmlns="{MAIN}" xmlns:r="{RELS}" xmlns:mc="{MC}" '
                    f'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="{X14AC}" xmlns:xr="{XR}" '
                    f'xmlns:xr2="{XR2}" xmlns:xr3="{XR3}"')
HEADER_STYLE, DATE_STYLE, DATETIME_STYLE, YELLOW_STYLE, MONEY_STYLE = 1, 2, 3, 4, 5
HEADER_FILL_RGB = "FFDDEBF7"
HOLDER = "Anna Petrova"
STATUSES = ["lead", "active", "inactive"]
REGIONS = ["North", "South", "East", "West"]


@dataclass(frozen=True)
class Formula:
    """A formula cell and the result Excel cached for it (number, text, bool or error)."""

    text: str
    cached: Any = None
    shared: str = ""
    """``"A2:A9"`` makes this the master of a shared formula over that range."""


@dataclass(frozen=True)
class SharedFollower:
    """A cell of a shared formula after its master (Excel writes only ``si``)."""

    cached: Any = None


@dataclass(frozen=True)
class ErrorValue:
    """An error cell without a formula (``t="e"``), e.g. ``#N/A`` pasted as a value."""

    code: str = "#N/A"


@dataclass(frozen=True)
class InlineText:
    """Text stored inline (``t="inlineStr"``) rather than in the shared strings."""

    text: str


@dataclass(frozen=True)
class DynamicArray:
    """A dynamic-array formula: ``cm="1"`` on the cell and ``xl/metadata.xml``."""

    text: str
    cached: Any = None


@dataclass
class ExcelSheet:
    """One worksheet and what a person built on it."""

    name: str
    rows: Sequence[Sequence[Any]]
    autofilter: bool = True
    """A sheet autofilter over the data (when there is no table)."""
    table: str = ""
    """Name of an Excel table over the data (then the table has the autofilter)."""
    lists: Mapping[int, Sequence[str] | str] = field(default_factory=dict)
    """Column -> dropdown: a list of values, or ``"Lists!$A$1:$A$4"`` (an x14 validation)."""
    notes: Mapping[str, str] = field(default_factory=dict)
    """Cell -> a person's note (written by :data:`HOLDER`)."""
    styles: Mapping[str, int] = field(default_factory=dict)
    """Cell -> style index (e.g. :data:`YELLOW_STYLE`)."""
    hidden: bool = False
    data_bar: int = 0
    """Column (1-based) with an x14 data bar over the data rows."""
    sparkline: str = ""
    """Cell holding a sparkline of the ``data_bar`` column."""
    merged: Sequence[str] = ()
    width: int = 0
    """Columns of the data range (default: the widest row)."""


def excel_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]]
                   | Sequence[ExcelSheet], *, date1904: bool = False, styles: bool = True,
                   shared_strings: bool = True, declared_strings: bool = False,
                   backslashes: bool = False, calc_chain: bool = True) -> Path:
    """Write the workbook; rows as in :class:`ExcelSheet` (dates become date cells).

    ``styles=False`` leaves out ``xl/styles.xml`` (cells then have no styles),
    ``shared_strings=False`` stores every text inline, and ``declared_strings`` with
    it keeps Excel's content type for a shared strings part that is not there
    (openpyxl cannot open that); ``backslashes`` names the parts as some Windows
    tools do (``xl\\worksheets\\sheet1.xml``).
    """
    specs = [ExcelSheet(name, rows) for name, rows in sheets.items()] if isinstance(
        sheets, Mapping) else list(sheets)
    book = _Book(date1904=date1904, styles=styles, shared=shared_strings)
    parts = book.parts(specs, calc_chain=calc_chain)
    if not shared_strings and declared_strings:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                        f'ContentType="{CT}.sharedStrings+xml"/></Types>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            stored = name.replace("/", "\\") if backslashes and "/" in name else name
            info = zipfile.ZipInfo(stored, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return path


def write_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]],
                   merge_title: str = "",
                   formulas: Mapping[str, tuple[str, Any]] | None = None) -> Path:
    """tests/conftest.py's ``write_workbook``, but the workbook is shaped as Excel saves it.

    A drop-in for tests that build an office: ``merge_title`` is typed into A1 and merged
    over A1:D1, ``formulas`` maps a cell (``"B3"``) to (``"=..."``, cached value).
    """
    specs = []
    for name, rows in sheets.items():
        grid = [list(row) for row in rows]
        for ref, (text, cached) in (formulas or {}).items():
            letters = "".join(ch for ch in ref if ch.isalpha())
            row, column = int(ref[len(letters):]), _column_number(letters)
            grid += [[] for _ in range(row - len(grid))]
            grid[row - 1] += [None] * (column - len(grid[row - 1]))
            grid[row - 1][column - 1] = Formula(text.removeprefix("="), cached)
        if merge_title:
            grid[0][:1] = [merge_title]
        specs.append(ExcelSheet(name, grid, merged=["A1:D1"] if merge_title else ()))
    return excel_workbook(path, specs)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def staff_sheets(rows: int = 20) -> list[ExcelSheet]:
    """The write-back tests' staff workbook, as Excel 365 would save it."""
    header = ["Client ID", "Client", "Status", "E-mail", "Region", "Amount", "Created", "Notes",
              "Score"]
    data: list[list[Any]] = [header]
    for row in range(1, rows + 1):
        data.append([f"C-{row:04d}", f"Client {row}", STATUSES[row % 3], f"client{row}@example.com",
                     REGIONS[row % 4], row * 150.5, dt.date(2025, 1, row), None,
                     Formula("F2*2", 301, shared=f"I2:I{rows + 1}") if row == 1
                     else SharedFollower(row * 301)])
    data[4][2] = "inactive"
    extras = ExcelSheet("Extras", [
        ["Kind", "Value", "Result"],
        ["text formula", InlineText("inline text"), Formula('A2&"!"', "text formula!")],
        ["error", ErrorValue("#N/A"), Formula("1/0", ErrorValue("#DIV/0!"))],
        ["array", 3, DynamicArray("_xlfn.SEQUENCE(2)", 1)],
        ["flag", True, None],
    ], autofilter=False)
    return [
        ExcelSheet("Clients", data, lists={3: STATUSES, 5: "Lists!$A$1:$A$4"},
                   notes={"B3": "Call before Friday - Anna"}, styles={"C5": YELLOW_STYLE},
                   data_bar=6, sparkline="Q2", merged=["K1:L1"]),
        ExcelSheet("Lists", [[region] for region in REGIONS], autofilter=False, hidden=True),
        ExcelSheet("Deals", [["Deal", "Client", "Amount"], ["D-1", "C-0001", 1200],
                             ["D-2", "C-0002", 900]], table="Deals"),
        extras,
    ]


def excel_staff_workbook(path: Path, **options: Any) -> Path:
    """The staff workbook of :func:`staff_sheets`; ``options`` as for :func:`excel_workbook`."""
    return excel_workbook(path, staff_sheets(), **options)


class _Book:
    """Collects shared strings, tables, notes and formula cells while sheets are written."""

    def __init__(self, *, date1904: bool, styles: bool, shared: bool) -> None:
        self.date1904 = date1904
        self.styled = styles
        self.shared = shared
        self.strings: dict[str, int] = {}
        self.string_count = 0
        self.formula_cells: list[tuple[int, str]] = []
        self.has_metadata = False
        self.parts_out: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.tables = 0
        self.notes = 0

    def parts(self, sheets: list[ExcelSheet], *, calc_chain: bool) -> dict[str, str]:
        sheet_parts = {}
        for index, sheet in enumerate(sheets, start=1):
            sheet_parts[f"xl/worksheets/sheet{index}.xml"] = _Sheet(self, sheet, index).xml()
        workbook_rels = [(f"rId{index}", "worksheet", f"worksheets/sheet{index}.xml")
                         for index in range(1, len(sheets) + 1)]
        extra = [("theme", "theme/theme1.xml")]
        if self.styled:
            extra.append(("styles", "styles.xml"))
        if self.shared:
            extra.append(("sharedStrings", "sharedStrings.xml"))
        if self.has_metadata:
            extra.append(("sheetMetadata", "metadata.xml"))
        if calc_chain and self.formula_cells:
            extra.append(("calcChain", "calcChain.xml"))
        workbook_rels += [(f"rId{len(sheets) + n}", kind, target)
                          for n, (kind, target) in enumerate(extra, start=1)]
        out = {"[Content_Types].xml": "", "_rels/.rels": _package_rels(),
               "docProps/app.xml": _app(sheets), "docProps/core.xml": _core(),
               "xl/workbook.xml": _workbook(sheets, self.date1904),
               "xl/_rels/workbook.xml.rels": _rels(workbook_rels),
               "xl/theme/theme1.xml": _THEME}
        out.update(sheet_parts)
        out.update(self.parts_out)
        if self.styled:
            out["xl/styles.xml"] = _STYLES
        if self.shared:
            out["xl/sharedStrings.xml"] = self._shared_strings()
        if self.has_metadata:
            out["xl/metadata.xml"] = _METADATA
        if calc_chain and self.formula_cells:
            out["xl/calcChain.xml"] = (DECLARATION + f'<calcChain xmlns="{MAIN}">' + "".join(
                f'<c r="{ref}" i="{sheet}"/>' for sheet, ref in self.formula_cells)
                + "</calcChain>")
        out["[Content_Types].xml"] = self._content_types(out)
        return out

    def string(self, text: str) -> int:
        self.string_count += 1
        return self.strings.setdefault(text, len(self.strings))

    def _shared_strings(self) -> str:
        items = []
        for text in self.strings:
            if text == "Client 1":
                items.append('<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont '
                             'val="Calibri"/><family val="2"/><scheme val="minor"/></rPr>'
                             '<t>Client</t></r><r><rPr><sz val="11"/><color theme="1"/><rFont '
                             'val="Calibri"/><family val="2"/><scheme val="minor"/></rPr>'
                             '<t xml:space="preserve"> 1</t></r></si>')
                continue
            space = ' xml:space="preserve"' if text != text.strip() else ""
            items.append(f"<si><t{space}>{escape(text)}</t></si>")
        return (DECLARATION + f'<sst xmlns="{MAIN}" count="{self.string_count}" '
                f'uniqueCount="{len(self.strings)}">' + "".join(items) + "</sst>")

    def _content_types(self, parts: dict[str, str]) -> str:
        kinds = {"xl/workbook.xml": f"{CT}.sheet.main+xml", "xl/styles.xml": f"{CT}.styles+xml",
                 "xl/sharedStrings.xml": f"{CT}.sharedStrings+xml",
                 "xl/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
                 "xl/calcChain.xml": f"{CT}.calcChain+xml",
                 "xl/metadata.xml": f"{CT}.sheetMetadata+xml",
                 "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 "docProps/app.xml": "application/vnd.openxmlformats-officedocument"
                                     ".extended-properties+xml"}
        overrides = []
        for name in parts:
            kind = kinds.get(name) or self.overrides.get(name)
            if kind is None and name.startswith("xl/worksheets/sheet"):
                kind = f"{CT}.worksheet+xml"
            if kind is not None:
                overrides.append(f'<Override PartName="/{name}" ContentType="{kind}"/>')
        return (DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Default Extension="bin" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.printerSettings"/><Default '
                'Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                '<Default Extension="vml" ContentType="application/vnd.openxmlformats-'
                'officedocument.vmlDrawing"/>' + "".join(overrides) + "</Types>")


class _Sheet:
    """The worksheet part of one :class:`ExcelSheet`, and its tables and notes."""

    def __init__(self, book: _Book, spec: ExcelSheet, index: int) -> None:
        self.book = book
        self.spec = spec
        self.index = index
        self.width = spec.width or max([len(row) for row in spec.rows] + [1])
        self.last = max(len(spec.rows), 1)
        self.rels: list[tuple[str, str, str]] = []
        self.cells = 0

    @property
    def data_ref(self) -> str:
        return f"A1:{column_letter(self.width)}{self.last}"

    def xml(self) -> str:
        rows = "".join(self._row(number, row) for number, row in enumerate(self.spec.rows, 1))
        head = (DECLARATION + f'<worksheet {SHEET_NAMESPACES} xr:uid="{_uid(1, self.index)}">'
                + ('<sheetPr filterMode="0"/>' if self.spec.autofilter else "")
                + f'<dimension ref="{self.data_ref}"/>' + self._views()
                + '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
                + '<cols><col min="2" max="2" width="24.7109375" customWidth="1"/></cols>')
        data = f"<sheetData>{rows}</sheetData>" if rows else "<sheetData/>"
        return (head + data + self._after_data()
                + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                  'footer="0.3"/>' + self._drawing_parts() + self._ext() + "</worksheet>")

    def _views(self) -> str:
        selected = ' tabSelected="1"' if self.index == 1 else ""
        return (f'<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" '
                'topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection '
                'pane="bottomLeft" activeCell="B2" sqref="B2"/></sheetView></sheetViews>')

    def _row(self, number: int, values: Sequence[Any]) -> str:
        cells = "".join(self._cell(number, column, value)
                        for column, value in enumerate(values, start=1))
        if not cells:
            return ""
        return (f'<row r="{number}" spans="1:{self.width}" x14ac:dyDescent="0.25">'
                f"{cells}</row>")

    def _cell(self, number: int, column: int, value: Any) -> str:
        ref = f"{column_letter(column)}{number}"
        style = self.spec.styles.get(ref, HEADER_STYLE if (number == 1 and self.spec.autofilter)
                                     or (number == 1 and self.spec.table) else 0)
        if isinstance(value, (dt.date, dt.datetime)) and ref not in self.spec.styles:
            style = DATETIME_STYLE if isinstance(value, dt.datetime) else DATE_STYLE
        if not self.book.styled:
            style = 0
        if value is None:
            return f'<c r="{ref}" s="{style}"/>' if style else ""
        s = f' s="{style}"' if style else ""
        return self._content(ref, s, value)

    def _content(self, ref: str, s: str, value: Any) -> str:
        if isinstance(value, (Formula, DynamicArray, SharedFollower)):
            self.book.formula_cells.append((self.index, ref))
            return self._formula(ref, s, value)
        kind, text = self._typed(value)
        if kind == "inlineStr":
            return f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        t = f' t="{kind}"' if kind else ""
        return f'<c r="{ref}"{s}{t}><v>{text}</v></c>'

    def _typed(self, value: Any) -> tuple[str, str]:
        if isinstance(value, InlineText) or (isinstance(value, str) and not self.book.shared):
            return "inlineStr", value.text if isinstance(value, InlineText) else value
        if isinstance(value, str):
            return "s", str(self.book.string(value))
        if isinstance(value, ErrorValue):
            return "e", value.code
        if isinstance(value, bool):
            return "b", str(int(value))
        if isinstance(value, (dt.date, dt.datetime)):
            return "", _number(serial(value, self.book.date1904))
        if isinstance(value, (int, float, Decimal)):
            return "", _number(value)
        raise TypeError(f"no Excel shape for {value!r}")

    def _formula(self, ref: str, s: str, value: Any) -> str:
        cached = getattr(value, "cached", None)
        kind, text = ("", "") if cached is None else self._typed(cached)
        if isinstance(cached, str):
            kind, text = "str", escape(cached)
        t = f' t="{kind}"' if kind else ""
        v = f"<v>{text}</v>" if cached is not None else ""
        if isinstance(value, SharedFollower):
            return f'<c r="{ref}"{s}{t}><f t="shared" si="0"/>{v}</c>'
        if isinstance(value, DynamicArray):
            self.book.has_metadata = True
            return (f'<c r="{ref}"{s}{t} cm="1"><f t="array" ref="{ref}:{ref[0]}'
                    f'{int(ref[1:]) + 1}">{escape(value.text)}</f>{v}</c>')
        shared = f' t="shared" ref="{value.shared}" si="0"' if value.shared else ""
        return f'<c r="{ref}"{s}{t}><f{shared}>{escape(value.text)}</f>{v}</c>'

    def _after_data(self) -> str:
        spec, out = self.spec, []
        if spec.autofilter and not spec.table:
            out.append(f'<autoFilter ref="{self.data_ref}" xr:uid="{_uid(2, self.index)}"/>')
        if spec.merged:
            out.append(f'<mergeCells count="{len(spec.merged)}">' + "".join(
                f'<mergeCell ref="{ref}"/>' for ref in spec.merged) + "</mergeCells>")
        if spec.data_bar:
            cell_is = ('<cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan">'
                       '<formula>2000</formula></cfRule>') if self.book.styled else ""
            out.append(f'<conditionalFormatting sqref="{self._column_ref(spec.data_bar)}">'
                       f'{cell_is}<cfRule type="dataBar" priority="1">'
                       '<dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/>'
                       f'</dataBar><extLst><ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" '
                       f'xmlns:x14="{X14}"><x14:id>{_uid(3, self.index)}</x14:id></ext>'
                       "</extLst></cfRule></conditionalFormatting>")
        inline = {column: values for column, values in spec.lists.items()
                  if not isinstance(values, str)}
        if inline:
            out.append(f'<dataValidations count="{len(inline)}">' + "".join(
                '<dataValidation type="list" allowBlank="1" showInputMessage="1" '
                f'showErrorMessage="1" sqref="{self._column_ref(column)}" '
                f'xr:uid="{_uid(4, column)}"><formula1>"{",".join(values)}"</formula1>'
                "</dataValidation>" for column, values in inline.items()) + "</dataValidations>")
        return "".join(out)

    def _column_ref(self, column: int) -> str:
        letter = column_letter(column)
        return f"{letter}2:{letter}{self.last}"

    def _drawing_parts(self) -> str:
        out = ""
        if self.spec.notes:
            out += f'<legacyDrawing r:id="{self._notes()}"/>'
        if self.spec.table:
            out += f'<tableParts count="1"><tablePart r:id="{self._table()}"/></tableParts>'
        if self.rels:
            self.book.parts_out[f"xl/worksheets/_rels/sheet{self.index}.xml.rels"] = _rels(
                self.rels)
        return out

    def _table(self) -> str:
        self.book.tables += 1
        number = self.book.tables
        part = f"xl/tables/table{number}.xml"
        header = self.spec.rows[0] if self.spec.rows else []
        columns = "".join(f'<tableColumn id="{n}" xr3:uid="{_uid(5, n)}" '
                          f'name={quoteattr(str(name))}/>' for n, name in enumerate(header, 1))
        self.book.parts_out[part] = (
            DECLARATION + f'<table xmlns="{MAIN}" xmlns:mc="{MC}" mc:Ignorable="xr xr3" '
            f'xmlns:xr="{XR}" xmlns:xr3="{XR3}" id="{number}" xr:uid="{_uid(6, number)}" '
            f'name="{self.spec.table}" displayName="{self.spec.table}" ref="{self.data_ref}" '
            f'totalsRowShown="0"><autoFilter ref="{self.data_ref}" xr:uid="{_uid(7, number)}"/>'
            f'<tableColumns count="{len(header)}">{columns}</tableColumns><tableStyleInfo '
            'name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" '
            'showRowStripes="1" showColumnStripes="0"/></table>')
        self.book.overrides[part] = f"{CT}.table+xml"
        return self._rel("table", f"../tables/table{number}.xml")

    def _notes(self) -> str:
        self.book.notes += 1
        number = self.book.notes
        comments = "".join(f'<comment ref="{ref}" authorId="0" shapeId="0" '
                           f'xr:uid="{_uid(8, n)}"><text><r><rPr><b/><sz val="9"/><color '
                           f'indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>'
                           f'{HOLDER}:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont '
                           'val="Tahoma"/><family val="2"/></rPr><t xml:space="preserve">\n'
                           f"{escape(text)}</t></r></text></comment>"
                           for n, (ref, text) in enumerate(self.spec.notes.items(), 1))
        part = f"xl/comments{number}.xml"
        self.book.parts_out[part] = (
            DECLARATION + f'<comments xmlns="{MAIN}" xmlns:mc="{MC}" mc:Ignorable="xr" '
            f'xmlns:xr="{XR}"><authors><author>{HOLDER}</author></authors><commentList>'
            f"{comments}</commentList></comments>")
        self.book.overrides[part] = f"{CT}.comments+xml"
        self.book.parts_out[f"xl/drawings/vmlDrawing{number}.vml"] = _vml(self.spec.notes, number)
        self._rel("comments", f"../comments{number}.xml")
        return self._rel("vmlDrawing", f"../drawings/vmlDrawing{number}.vml")

    def _rel(self, kind: str, target: str) -> str:
        rid = f"rId{len(self.rels) + 1}"
        self.rels.append((rid, kind, target))
        return rid

    def _ext(self) -> str:
        spec, exts = self.spec, []
        if spec.data_bar:
            exts.append(f'<ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
                        f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}">'
                        f'<x14:cfRule type="dataBar" id="{_uid(3, self.index)}"><x14:dataBar '
                        'minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/>'
                        '<x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/>'
                        '<x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>'
                        f"<xm:sqref>{self._column_ref(spec.data_bar)}</xm:sqref>"
                        "</x14:conditionalFormatting></x14:conditionalFormattings></ext>")
        ranged = {column: source for column, source in spec.lists.items()
                  if isinstance(source, str)}
        if ranged:
            exts.append(f'<ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14}">'
                        f'<x14:dataValidations count="{len(ranged)}" xmlns:xm="{XM}">' + "".join(
                            '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1"'
                            f' showErrorMessage="1" xr:uid="{_uid(9, column)}"><x14:formula1>'
                            f"<xm:f>{source}</xm:f></x14:formula1><xm:sqref>"
                            f"{self._column_ref(column)}</xm:sqref></x14:dataValidation>"
                            for column, source in ranged.items())
                        + "</x14:dataValidations></ext>")
        if spec.sparkline:
            exts.append(f'<ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
                        f'<x14:sparklineGroups xmlns:xm="{XM}"><x14:sparklineGroup '
                        f'displayEmptyCellsAs="gap" xr2:uid="{_uid(10, self.index)}">'
                        '<x14:colorSeries theme="4" tint="-0.499984740745262"/>'
                        '<x14:colorNegative theme="5"/><x14:colorAxis rgb="FF000000"/>'
                        '<x14:colorMarkers theme="4" tint="-0.499984740745262"/>'
                        '<x14:colorFirst theme="4" tint="0.39997558519241921"/>'
                        '<x14:colorLast theme="4" tint="0.39997558519241921"/>'
                        '<x14:colorHigh theme="4"/><x14:colorLow theme="4"/><x14:sparklines>'
                        f"<x14:sparkline><xm:f>{spec.name}!"
                        f"{self._column_ref(spec.data_bar or 1)}</xm:f>"
                        f"<xm:sqref>{spec.sparkline}</xm:sqref></x14:sparkline></x14:sparklines>"
                        "</x14:sparklineGroup></x14:sparklineGroups></ext>")
        return f"<extLst>{''.join(exts)}</extLst>" if exts else ""


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def serial(value: dt.date, date1904: bool = False) -> float:
    """Excel's serial number of a date (1900 or 1904 system)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    delta = moment - epoch
    return delta.days + delta.seconds / 86_400


def _number(value: float | int | Decimal) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def _uid(kind: int, number: int) -> str:
    return f"{{{kind:08X}-{number:04X}-4A5B-8C9D-{kind * 7919 + number:012X}}}"


def _rels(items: Sequence[tuple[str, str, str]]) -> str:
    return (DECLARATION + f'<Relationships xmlns="{PKG_RELS}">' + "".join(
        f'<Relationship Id="{rid}" Type="{RELS}/{kind}" Target="{target}"/>'
        for rid, kind, target in items) + "</Relationships>")


def _package_rels() -> str:
    return (DECLARATION + f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId3" '
            f'Type="{RELS}/extended-properties" Target="docProps/app.xml"/><Relationship '
            'Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def _workbook(sheets: list[ExcelSheet], date1904: bool) -> str:
    entries = "".join(f'<sheet name={quoteattr(sheet.name)} sheetId="{index}"'
                      + (' state="hidden"' if sheet.hidden else "") + f' r:id="rId{index}"/>'
                      for index, sheet in enumerate(sheets, start=1))
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index - 1}" hidden="1">'
        f"{_quoted(sheet.name)}!$A$1:${column_letter(_width(sheet))}${max(len(sheet.rows), 1)}"
        "</definedName>" for index, sheet in enumerate(sheets, start=1)
        if sheet.autofilter and not sheet.table)
    pr = '<workbookPr date1904="1" defaultThemeVersion="202300"/>' if date1904 else \
        '<workbookPr defaultThemeVersion="202300"/>'
    return (DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}" xmlns:mc="{MC}" '
            'mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/'
            f'spreadsheetml/2010/11/main" xmlns:xr="{XR}" xmlns:xr6="http://schemas.microsoft.com/'
            'office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/'
            f'spreadsheetml/2016/revision10" xmlns:xr2="{XR2}"><fileVersion appName="xl" '
            f'lastEdited="7" lowestEdited="7" rupBuild="28217"/>{pr}<mc:AlternateContent '
            f'xmlns:mc="{MC}"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\anna\\'
            'Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/'
            'ac"/></mc:Choice></mc:AlternateContent><xr:revisionPtr revIDLastSave="0" '
            'documentId="13_ncr:1_{6C0E8A4B-2F4D-4A47-9C7B-0B4F6E0A1D2E}" '
            'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" '
            'xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/><bookViews>'
            '<workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720"'
            f' xr2:uid="{_uid(11, 1)}"/></bookViews><sheets>{entries}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + '<calcPr calcId="191029"/><extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"'
            ' xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
            '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>')


def _width(sheet: ExcelSheet) -> int:
    return sheet.width or max([len(row) for row in sheet.rows] + [1])


def _quoted(name: str) -> str:
    return name if name.isalnum() else "'" + name.replace("'", "''") + "'"


def _app(sheets: list[ExcelSheet]) -> str:
    titles = "".join(f"<vt:lpstr>{escape(sheet.name)}</vt:lpstr>" for sheet in sheets)
    return (DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
            'officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>'
            '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector '
            'size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
            f'<vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
            f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{titles}'
            "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<AppVersion>16.0300</AppVersion></Properties>")


def _core() -> str:
    return (DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>'
            f"{HOLDER}</dc:creator><cp:lastModifiedBy>{HOLDER}</cp:lastModifiedBy>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-06T09:12:03Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-12T15:40:41Z</dcterms:modified>'
            "</cp:coreProperties>")


def _vml(notes: Mapping[str, str], number: int) -> str:
    shapes = []
    for index, ref in enumerate(notes, start=1):
        letters = "".join(ch for ch in ref if ch.isalpha())
        column = sum((ord(ch) - 64) * 26 ** power for power, ch in enumerate(reversed(letters)))
        row = int(ref[len(letters):])
        shapes.append(
            f'<v:shape id="_x0000_s{1024 * number + index}" type="#_x0000_t202" style=\'position:'
            "absolute;margin-left:107.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;"
            "visibility:hidden' fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill "
            'color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path '
            'o:connecttype="none"/><v:textbox style=\'mso-direction-alt:auto\'><div '
            "style='text-align:left'></div></v:textbox><x:ClientData ObjectType=\"Note\">"
            "<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\r\n    2, 15, 0, 2, 4, 15, 4, 4"
            f"</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row>"
            f"<x:Column>{column - 1}</x:Column></x:ClientData></v:shape>")
    return ('<xml xmlns:v="urn:schemas-microsoft-com:vml"\r\n xmlns:o="urn:schemas-microsoft-com:'
            'office:office"\r\n xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n '
            f'<o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="{number}"/>\r\n '
            '</o:shapelayout>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\r\n  '
            'path="m,l,21600r21600,l21600,xe">\r\n  <v:stroke joinstyle="miter"/>\r\n  <v:path '
            'gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype>' + "".join(shapes)
            + "</xml>")


_STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN}" xmlns:mc="{MC}" mc:Ignorable="x14ac x16r2 xr" '
    f'xmlns:x14ac="{X14AC}" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/'
    f'02/main" xmlns:xr="{XR}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="dd\\.mm\\.yyyy"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><sz '
    'val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>'
    '</font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font></fonts><fills count="4"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill '
    'patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill>'
    f'<fill><patternFill patternType="solid"><fgColor rgb="{HEADER_FILL_RGB}"/><bgColor '
    'indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/>'
    '<bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color '
    'indexed="64"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" '
    'fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/><xf '
    'numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf '
    'numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf '
    'numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="4" '
    'fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles '
    'count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1">'
    '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/>'
    '</patternFill></fill></dxf></dxfs><tableStyles count="0" defaultTableStyle='
    '"TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{EB79DEF2-80B8-'
    f'43e5-95BD-54CBDDF9020C}}" xmlns:x14="{X14}"><x14:slicerStyles defaultSlicerStyle='
    '"SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:'
    'timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>')

_METADATA = (
    DECLARATION + f'<metadata xmlns="{MAIN}" xmlns:xda="http://schemas.microsoft.com/office/'
    'spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" '
    'minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" '
    'splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" '
    'cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext '
    'uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" '
    'fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc '
    't="1" v="0"/></bk></cellMetadata></metadata>')

_THEME = (
    DECLARATION + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr '
    'val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/>'
    '</a:lt1><a:dk2><a:srgbClr val="0E2841"/></a:dk2><a:lt2><a:srgbClr val="E8E8E8"/></a:lt2>'
    '<a:accent1><a:srgbClr val="156082"/></a:accent1><a:accent2><a:srgbClr val="E97132"/>'
    '</a:accent2><a:accent3><a:srgbClr val="196B24"/></a:accent3><a:accent4><a:srgbClr '
    'val="0F9ED5"/></a:accent4><a:accent5><a:srgbClr val="A02B93"/></a:accent5><a:accent6>'
    '<a:srgbClr val="4EA72E"/></a:accent6><a:hlink><a:srgbClr val="467886"/></a:hlink>'
    '<a:folHlink><a:srgbClr val="96607D"/></a:folHlink></a:clrScheme><a:fontScheme '
    'name="Office"><a:majorFont><a:latin typeface="Aptos Display"/><a:ea typeface=""/><a:cs '
    'typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Aptos Narrow"/><a:ea '
    'typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office">'
    '<a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill>'
    '<a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/>'
    '</a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="12700"><a:solidFill><a:schemeClr '
    'val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/>'
    '</a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '</a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle>'
    '<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>'
    '</a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr '
    'val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
    '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')
