"""Write the weekly report workbook with xlsxwriter (an engine-owned file).

Summary first (the ten numbers with week-on-week arrows, then the findings), a sheet
per section with formatted tables (number formats, widths, frozen header, a filter on
the first table) and native Excel charts, the 12-week Trend and the History sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.grid import Grid
from crm_office.analysis.labels import DATE_FORMATS, NUMBER_FORMATS, Labels
from crm_office.analysis.report_charts import add_charts
from crm_office.analysis.summary_sheet import write_history, write_summary, write_trend

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

    from crm_office.analysis.weekly import WeeklyAnalysis
    from crm_office.config.model import Funnel

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sheet_funnel", ("open_by_stage", "conversion", "deal_flow")),
    ("sheet_refusals", ("refusal_reasons", "refusals_by_stage")),
    ("sheet_managers", ("manager_results", "contacts_by_type", "stalled_deals")),
    ("sheet_receivables", ("ageing", "debt_by_manager", "planned_actual", "debt_by_client")),
    ("sheet_sources", ("by_source", "by_segment", "by_region", "by_industry", "campaigns")),
    ("sheet_clients", ("abc", "client_counts", "satisfaction", "top_clients")),
)


@dataclass(frozen=True)
class Placed:
    """Where a table landed: its sheet, header row and last data row (0-based)."""

    sheet: str
    header_row: int
    last_row: int
    columns: tuple[str, ...]

    def column(self, name: str) -> int:
        return self.columns.index(name)


class ReportFormats:
    def __init__(self, book: Workbook, locale: str) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.caption = book.add_format({"bold": True, "font_size": 11})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "vcenter",
                                       "bottom": 1, "bg_color": "#DDEBF7"})
        self.kinds = {kind: book.add_format({"num_format": code})
                      for kind, code in NUMBER_FORMATS.items()}
        self.kinds["date"] = book.add_format({"num_format": DATE_FORMATS.get(locale,
                                                                            "dd/mm/yyyy")})
        self.up = book.add_format({"font_color": "#2E7D32"})
        self.down = book.add_format({"font_color": "#C62828"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})


def write_report(analysis: WeeklyAnalysis, funnel: Funnel, locale: str, office: str,
                 history: list[dict[str, Any]] | None,
                 now: datetime | None = None) -> bytes:
    """The report's bytes; ``history`` None leaves the History sheet out (a manager's own)."""
    from xlsxwriter import Workbook

    stream = io.BytesIO()
    labels = Labels(locale, funnel)
    book = Workbook(stream, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": _title(analysis, labels), "company": office,
                         "created": now or datetime.now()})
    formats = ReportFormats(book, locale)
    summary = book.add_worksheet(labels.text("sheet_summary"))
    grids = {grid.key: grid for grid in analysis.grids()}
    placed: dict[str, Placed] = {}
    for sheet_key, keys in SECTIONS:
        sheet = book.add_worksheet(labels.text(sheet_key))
        placed.update(write_grids(sheet, [grids[key] for key in keys], labels, formats))
    trend = write_trend(book, analysis, labels, formats)
    write_summary(summary, analysis, labels, formats, _title(analysis, labels))
    if history is not None:
        write_history(book, history, labels, formats)
    add_charts(book, placed, trend, labels)
    book.close()
    return stream.getvalue()


def _title(analysis: WeeklyAnalysis, labels: Labels) -> str:
    if analysis.manager:
        return labels.text("report_title_manager", week=analysis.week.label,
                           manager=analysis.manager)
    return labels.text("report_title", week=analysis.week.label)


def write_grids(sheet: Worksheet, grids: list[Grid], labels: Labels,
                formats: ReportFormats) -> dict[str, Placed]:
    """Tables one under the other; the first gets the frozen header and the filter."""
    placed: dict[str, Placed] = {}
    row = 0
    widths: dict[int, float] = {}
    for number, grid in enumerate(grids):
        sheet.write_string(row, 0, labels.text(grid.key), formats.caption)
        header = row + 1
        for col, name in enumerate(grid.columns):
            title = labels.header(name)
            sheet.write_string(header, col, title, formats.header)
            widths[col] = max(widths.get(col, 8), min(len(title) + 2, 28))
        for offset, values in enumerate(grid.rows, start=1):
            for col, (kind, value) in enumerate(zip(grid.kinds, values, strict=True)):
                shown = labels.show(kind, value)
                write_value(sheet, header + offset, col, shown, kind, formats)
                if isinstance(shown, str):
                    widths[col] = max(widths[col], min(len(shown) + 2, 40))
        last = header + max(len(grid.rows), 1)
        if number == 0:
            sheet.freeze_panes(header + 1, 0)
            sheet.autofilter(header, 0, last, len(grid.columns) - 1)
        placed[grid.key] = Placed(sheet.name, header, header + len(grid.rows), grid.columns)
        row = last + 3
    for col, width in widths.items():
        sheet.set_column(col, col, width)
    return placed


def write_value(sheet: Worksheet, row: int, col: int, value: Any, kind: str,
                formats: ReportFormats) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, col, float(value), formats.kinds.get(kind))
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value, formats.kinds["date"])
    else:
        sheet.write_string(row, col, str(value))
