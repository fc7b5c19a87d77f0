"""Messages sent and replies logged per campaign in the Sources sheet, checked by hand
against a small mail journal; no journal, no mail columns."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas
from analysis_data import COMMISSION, RECORDS, SETTINGS, WEEK, funnel

from crm_office.analysis.campaign_mail import COLUMNS, JOURNAL, attach_mail_journal
from crm_office.analysis.frames import OfficeFrames
from crm_office.analysis.report_writer import write_report
from crm_office.analysis.weekly import analyse
from crm_office.config import load_config
from crm_office.demo.office import create_office
from crm_office.mail.journal import Entry, Journal, Outcome
from crm_office.store.store import Store


def _at(day: date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=dt.UTC)


JOURNAL_ROWS = [  # campaign, recipient, state, subject, sent (or last changed)
    ("M-1", "C-1", "sent", "Autumn offer", date(2026, 11, 10)),  # in the week
    ("M-1", "c-2", "sent", "Autumn offer", date(2026, 10, 1)),  # in the window
    ("M-1", "C-4", "sent", "Autumn offer", date(2026, 9, 1)),  # in the window, no reply
    ("M-1", "C-3", "failed", "Autumn offer", date(2026, 11, 11)),
    ("M-1", "X-9", "sent", "Autumn offer", date(2026, 11, 10)),  # not a client here
    ("M-1", "C-5", "sent", "Autumn offer", date(2026, 6, 1)),  # before the window
    ("reminder:INV-2:7 days", "C-2", "sent", "Payment reminder: invoice INV-2",
     date(2026, 11, 12)),
]
REPLIES = [  # client, date, summary (as mail fetch logs a reply)
    ("C-1", date(2026, 11, 12), "Reply: Re: Autumn offer — thank you, call me"),
    # later than the reminder, but it quotes the campaign's subject: the campaign's
    ("C-2", date(2026, 11, 13), "Ответ: Re: Autumn offer — спасибо"),
    ("C-3", date(2026, 11, 14), "Reply: Re: Autumn offer — what offer?"),  # C-3's failed
    ("C-1", date(2026, 11, 9), "Replied by phone"),  # not a logged mail reply
]


def _frames(journal: bool) -> OfficeFrames:
    records = dict(RECORDS)
    records["contacts"] = [*RECORDS["contacts"], *[
        {"id": f"L-R{n}", "date": day, "client_id": client, "type": "e-mail",
         "summary": summary} for n, (client, day, summary) in enumerate(REPLIES)]]
    records["clients"] = [*RECORDS["clients"], {"id": "C-5", "name": "Epsilon",
                                                "status": "active"}]
    frames = OfficeFrames.from_records(funnel(), records)
    if journal:
        frames.tables[JOURNAL] = pandas.DataFrame(
            [(campaign, recipient, state, subject, _at(day) if state == "sent" else None,
              _at(day)) for campaign, recipient, state, subject, day in JOURNAL_ROWS],
            columns=["campaign", "recipient", "state", "subject", "sent_at", "updated_at"])
    return frames


def test_sent_failed_replies_and_reply_rate_per_campaign() -> None:
    analysis = analyse(_frames(True), funnel(), SETTINGS, COMMISSION, WEEK)
    grid = analysis.sources.campaigns
    assert grid.columns[-6:] == COLUMNS
    [row] = grid.rows
    mail = dict(zip(COLUMNS, row[-6:], strict=True))
    # week 9–15 Nov: C-1 sent; replies of C-1 (12 Nov) and C-2 (13 Nov)
    # window 24 Aug – 15 Nov: C-1, C-2, C-4 sent (X-9 is no client, C-5 before it);
    # C-3 failed; two replies of three sent
    assert mail == {"mail_sent_week": 1, "mail_replies_week": 2, "mail_sent": 3,
                    "mail_failed": 1, "mail_replies": 2, "reply_rate": Decimal("0.6667")}


def test_no_journal_no_mail_columns() -> None:
    analysis = analyse(_frames(False), funnel(), SETTINGS, COMMISSION, WEEK)
    assert analysis.sources.campaigns.columns == (
        "campaign_id", "campaign", "channel", "budget", "deals", "won", "revenue",
        "cost_per_won")


def test_the_sources_sheet_shows_them_in_russian(tmp_path: Path) -> None:
    analysis = analyse(_frames(True), funnel(), SETTINGS, COMMISSION, WEEK)
    path = tmp_path / "weekly.xlsx"
    path.write_bytes(write_report(analysis, funnel(), "ru", "Офис", None))
    sheet = openpyxl.load_workbook(path)["Источники"]
    header = next(cell for row in sheet.iter_rows() for cell in row
                  if cell.value == "Ответов за период")
    assert sheet.cell(header.row + 1, header.column).value == 2
    headers = [cell.value for cell in sheet[header.row]]
    assert headers[-6:] == ["Отправлено за неделю", "Ответов за неделю", "Отправлено за период",
                            "Не отправлено за период", "Ответов за период", "Доля ответов"]


def test_the_journal_is_read_from_the_store(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    config = load_config(tmp_path / "config.toml")
    frames = OfficeFrames({})
    attach_mail_journal(config, frames)
    assert JOURNAL not in frames.tables  # an office that never mailed: no columns
    with Store.open(config.paths.store, config.paths.root) as store:
        journal = Journal(store, "M-1")
        journal.plan([Entry("C-000001", "a@b.example", "planned", "M-1/C-000001", "<m@x>",
                            subject="Hello")])
        journal.commit([Outcome("C-000001", "sent")])
    attach_mail_journal(config, frames)
    row = frames.tables[JOURNAL].iloc[0]
    assert (row["campaign"], row["recipient"], row["state"]) == ("M-1", "C-000001", "sent")
    assert row["sent_at"] is not None
