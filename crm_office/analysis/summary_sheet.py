"""The Summary, Trend and History sheets of the weekly report."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.period import Week

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

    from crm_office.analysis.labels import Labels
    from crm_office.analysis.report_writer import Placed, ReportFormats
    from crm_office.analysis.weekly import WeeklyAnalysis

KINDS = {"contacts": "int", "new_deals": "int", "new_amount": "money", "won_deals": "int",
         "won_amount": "money", "win_rate": "share", "payments": "money",
         "open_receivables": "money", "overdue_receivables": "money", "forecast": "money",
         "lost_deals": "int", "pipeline": "money", "open_complaints": "int"}
HISTORY_COLUMNS = tuple(KINDS)
TREND_COLUMNS = ("contacts", "new_deals", "new_amount", "won_deals", "won_amount",
                 "lost_deals", "payments", "due")
HEADLINE_ROW = 3
WORSE_WHEN_UP = ("open_receivables", "overdue_receivables")
"""Figures whose rise is shown in red."""


def write_summary(sheet: Worksheet, analysis: WeeklyAnalysis, labels: Labels,
                  formats: ReportFormats, title: str) -> None:
    from crm_office.analysis.report_writer import write_value
    from crm_office.analysis.sentences import say
    from crm_office.analysis.weekly import HEADLINE

    week = analysis.week
    sheet.write_string(0, 0, title, formats.title)
    sheet.write_string(1, 0, f"{week.start:%d.%m.%Y} – {week.end:%d.%m.%Y}")
    if analysis.inputs is not None:
        sheet.write_string(2, 0, analysis.inputs.describe(labels.locale))
    for col, key in enumerate(("measure", "value", "previous", "change")):
        sheet.write_string(HEADLINE_ROW, col, labels.text(key), formats.header)
    now, before = analysis.figures(), previous_figures(analysis)
    for offset, key in enumerate(HEADLINE, start=1):
        row = HEADLINE_ROW + offset
        sheet.write_string(row, 0, labels.text(key))
        write_value(sheet, row, 1, now[key], KINDS[key], formats)
        write_value(sheet, row, 2, before.get(key), KINDS[key], formats)
        arrow, good = _arrow(now[key], before.get(key))
        if key in WORSE_WHEN_UP and arrow not in ("", "="):
            good = not good
        sheet.write_string(row, 3, arrow, formats.up if good else formats.down)
    sheet.freeze_panes(HEADLINE_ROW + 1, 0)
    row = HEADLINE_ROW + len(HEADLINE) + 2
    sheet.write_string(row, 0, labels.text("findings"), formats.caption)
    currency = analysis.currency
    for number, finding in enumerate(analysis.findings, start=1):
        sheet.write_string(row + number, 0, f"{number}. {say(finding, labels, currency)}")
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 3, 16)
    sheet.activate()


def previous_figures(analysis: WeeklyAnalysis) -> dict[str, Any]:
    flow = analysis.previous_flow
    return {"contacts": flow.contacts, "new_deals": flow.new_deals,
            "new_amount": flow.new_amount, "won_deals": flow.won_deals,
            "won_amount": flow.won_amount, "win_rate": flow.win_rate,
            "payments": flow.payments, "open_receivables": analysis.previous_receivables[0],
            "overdue_receivables": analysis.previous_receivables[1],
            "forecast": analysis.previous_forecast}


def _arrow(now: Any, before: Any) -> tuple[str, bool]:
    """``▲ 12.5 %`` / ``▼ 3.0 %`` / ``=``; the flag says whether it is shown as good news."""
    if now is None or before is None:
        return "", True
    now, before = Decimal(now), Decimal(before)
    if now == before:
        return "=", True
    if before == 0:
        return ("▲" if now > before else "▼"), now > before
    change = (now - before) / abs(before) * 100
    return f"{'▲' if change > 0 else '▼'} {abs(change):.1f} %", change > 0


def write_trend(book: Workbook, analysis: WeeklyAnalysis, labels: Labels,
                formats: ReportFormats) -> Placed:
    from crm_office.analysis.report_writer import Placed, write_value

    sheet = book.add_worksheet(labels.text("sheet_trend"))
    columns = ("week", *TREND_COLUMNS)
    for col, key in enumerate(columns):
        sheet.write_string(0, col, labels.text(key), formats.header)
    for row, week in enumerate(analysis.trend, start=1):
        sheet.write_string(row, 0, week.label)
        flow = analysis.flows[week].to_dict()
        for col, key in enumerate(TREND_COLUMNS, start=1):
            write_value(sheet, row, col, flow[key],
                        "money" if isinstance(flow[key], Decimal) else "int", formats)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, len(columns) - 1, 14)
    return Placed(sheet.name, 0, len(analysis.trend), columns)


def write_history(book: Workbook, history: list[dict[str, Any]], labels: Labels,
                  formats: ReportFormats) -> None:
    """One row per ISO week, oldest first (the figures kept in the store)."""
    from crm_office.analysis.report_writer import write_value

    sheet = book.add_worksheet(labels.text("sheet_history"))
    columns = ("week", *HISTORY_COLUMNS)
    for col, key in enumerate(columns):
        sheet.write_string(0, col, labels.text(key), formats.header)
    ordered = sorted(history, key=lambda item: Week.parse(item["week"]))
    for row, figures in enumerate(ordered, start=1):
        sheet.write_string(row, 0, figures["week"])
        for col, key in enumerate(HISTORY_COLUMNS, start=1):
            value = figures.get(key)
            write_value(sheet, row, col, None if value is None else Decimal(str(value)),
                        KINDS[key], formats)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(ordered), 1), len(columns) - 1)
    sheet.set_column(0, len(columns) - 1, 15)
