"""Native Excel charts of the weekly report: funnel, revenue by manager, ageing,
refusal reasons and the 12-week trend (each references its table's cells)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter import Workbook

    from crm_office.analysis.labels import Labels
    from crm_office.analysis.report_writer import Placed

# (table, category column, value column, chart type, title key)
CHARTS = (
    ("conversion", "stage", "reached", "bar", "sheet_funnel"),
    ("manager_results", "manager", "revenue", "column", "revenue"),
    ("ageing", "bucket", "amount", "column", "ageing"),
    ("refusal_reasons", "reason", "period", "bar", "refusal_reasons"),
)
TREND_SERIES = ("new_deals", "won_deals", "lost_deals")


def add_charts(book: Workbook, placed: dict[str, Placed], trend: Placed,
               labels: Labels) -> None:
    for table, category, value, kind, title in CHARTS:
        where = placed[table]
        if where.last_row <= where.header_row:
            continue
        chart = book.add_chart({"type": kind})
        chart.add_series({
            "name": labels.header(value),
            "categories": [where.sheet, where.header_row + 1, where.column(category),
                           where.last_row, where.column(category)],
            "values": [where.sheet, where.header_row + 1, where.column(value),
                       where.last_row, where.column(value)]})
        chart.set_title({"name": labels.text(title)})
        chart.set_legend({"none": True})
        if kind == "bar":
            chart.set_y_axis({"reverse": True})
        sheet = book.get_worksheet_by_name(where.sheet)
        if sheet is not None:
            sheet.insert_chart(where.header_row, len(where.columns) + 1, chart)
    _trend_chart(book, trend, labels)


def _trend_chart(book: Workbook, trend: Placed, labels: Labels) -> None:
    chart = book.add_chart({"type": "line"})
    for name in TREND_SERIES:
        col = trend.column(name)
        chart.add_series({"name": labels.text(name),
                          "categories": [trend.sheet, 1, 0, trend.last_row, 0],
                          "values": [trend.sheet, 1, col, trend.last_row, col]})
    chart.set_title({"name": labels.text("trend")})
    sheet = book.get_worksheet_by_name(trend.sheet)
    if sheet is not None:
        sheet.insert_chart(trend.last_row + 2, 0, chart, {"x_scale": 1.6, "y_scale": 1.2})
