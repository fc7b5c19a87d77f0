"""The weekly report's mails: the head of sales gets the whole report, each manager theirs.

Each has a short HTML summary (the ten numbers and the findings) and the charts as
pictures in the body, the workbook attached. They go in the journal campaign
``weekly:<week>``: to ``head-of-sales`` and to each manager by name.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from crm_office.analysis.charts_png import report_pictures
from crm_office.analysis.delivery import OutgoingMail, paragraphs_html
from crm_office.analysis.labels import Labels
from crm_office.analysis.sentences import say
from crm_office.catalogue import say as say_text
from crm_office.mail.message import Attachment

if TYPE_CHECKING:
    from crm_office.analysis.frames import OfficeFrames
    from crm_office.analysis.service import WeeklyReportResult
    from crm_office.analysis.weekly import WeeklyAnalysis
    from crm_office.config.model import Config

log = logging.getLogger(__name__)
HEAD_OF_SALES = "head-of-sales"


def report_mails(config: Config, frames: OfficeFrames, analysis: WeeklyAnalysis | None,
                 result: WeeklyReportResult,
                 mine: dict[str, WeeklyAnalysis]) -> list[OutgoingMail]:
    labels = Labels(config.locale, config.funnel)
    mails = []
    if analysis is not None and result.report is not None:
        if config.analysis.head_of_sales:
            mails.append(_mail(config, labels, analysis, HEAD_OF_SALES,
                               config.analysis.head_of_sales, result.report.name,
                               result.report.read_bytes()))
        else:
            log.warning(say_text("log.no-head-of-sales", config.locale,
                                 key="analysis.head_of_sales"))
    addresses = dict(zip(frames["managers"]["name"], frames["managers"]["email"], strict=True))
    for name, own in mine.items():
        address = addresses.get(name)
        if not isinstance(address, str) or "@" not in address:
            log.warning(say_text("log.manager-no-email", config.locale, name=name))
            continue
        path = result.manager_reports[name]
        mails.append(_mail(config, labels, own, name, address, path.name, path.read_bytes()))
    return mails


def _mail(config: Config, labels: Labels, analysis: WeeklyAnalysis, recipient: str, to: str,
          filename: str, data: bytes) -> OutgoingMail:
    from crm_office.analysis.summary_sheet import KINDS
    from crm_office.analysis.weekly import HEADLINE

    week = analysis.week
    title = (labels.text("report_title_manager", week=week.label, manager=analysis.manager)
             if analysis.manager else labels.text("report_title", week=week.label))
    figures = analysis.figures()
    lines = [f"{labels.text(key)}: {_shown(figures[key], KINDS[key], config, labels)}"
             for key in HEADLINE]
    lines += [say(finding, labels, config.office.currency) for finding in analysis.findings]
    intro = labels.text("mail_intro", office=config.office.name, week=week.label,
                        start=f"{week.start:%d.%m.%Y}", end=f"{week.end:%d.%m.%Y}")
    pictures = {f"{name}@crm-office": png
                for name, png in report_pictures(analysis, labels).items()}
    return OutgoingMail(
        campaign=f"weekly:{week.label}", recipient=recipient, to=to, subject=title,
        text="\n".join([intro, "", *lines]),
        html=paragraphs_html(title, [intro, *lines], list(pictures)), pictures=pictures,
        attachments=(Attachment(filename, data=data),))


def _shown(value: object, kind: str, config: Config, labels: Labels) -> str:
    from decimal import Decimal

    from crm_office.analysis.sentences import money, percent

    if value is None:
        return "—"
    if kind == "money":
        return money(value, config.office.currency, labels.locale)
    if kind == "share" and isinstance(value, Decimal):
        return percent(value, labels.locale)
    return str(value)
