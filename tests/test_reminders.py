"""Payment reminders by levels (never twice per level and invoice, none once paid),
logged in the contact log through the write-back; managers' morning lists."""

from __future__ import annotations

import email
from datetime import date
from pathlib import Path

from analysis_data import RECORDS, frames, funnel

from crm_office.analysis.frames import OfficeFrames, read_frames
from crm_office.config import load_config
from crm_office.config.model import DEFAULT_REMINDER_LEVELS
from crm_office.demo.office import create_office
from crm_office.reminders import run_reminders
from crm_office.reminders.morning import morning_lists
from crm_office.reminders.payments import due_reminders


def _due(office: OfficeFrames, today: date) -> dict[str, str]:
    return {item.invoice: item.level
            for item in due_reminders(office, DEFAULT_REMINDER_LEVELS, today)}


def test_levels_reached_by_days_past_due() -> None:
    # on 15 Nov: INV-1 due 20 Nov (5 days before: not yet), INV-2 15 days past, INV-3 66,
    # INV-4 137; INV-5 is paid
    assert _due(frames(), date(2026, 11, 15)) == {
        "INV-2": "7 days", "INV-3": "30 days", "INV-4": "30 days"}
    # on 17 Nov: INV-1 is 3 days before its due date; INV-2 was paid on the 16th
    assert _due(frames(), date(2026, 11, 17)) == {
        "INV-1": "before due", "INV-3": "30 days", "INV-4": "30 days"}


def test_a_level_logged_in_the_contact_log_is_not_sent_again() -> None:
    records = dict(RECORDS)
    records["contacts"] = [*RECORDS["contacts"], {
        "id": "L-9", "date": date(2026, 11, 14), "client_id": "C-2", "type": "e-mail",
        "summary": "Payment reminder (7 days) for invoice INV-2"}, {
        "id": "L-10", "date": date(2026, 11, 14), "client_id": "C-3", "type": "письмо",
        "summary": "Напоминание об оплате (7 days) по счёту inv-3"}]
    office = OfficeFrames.from_records(funnel(), records)
    # INV-2's 7-day level is logged; INV-3 only had the 7-day one, its 30-day one is due
    assert _due(office, date(2026, 11, 15)) == {"INV-3": "30 days", "INV-4": "30 days"}


def test_morning_list_of_a_manager() -> None:
    lists = morning_lists(frames(), funnel(), date(2026, 11, 15), complaint_days=2)
    anna = lists["Anna Ivanova"]
    assert anna.due == [("C-2", "Beta", date(2026, 11, 13))]
    assert anna.complaints == [("R-1", "Late", date(2026, 11, 10))]
    assert [deal[0] for deal in lists["Boris Petrov"].stalled] == ["D-8"]


def test_reminders_are_mailed_once_and_logged(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    config = load_config(tmp_path / "config.toml")
    first = run_reminders(config, date(2026, 11, 17))
    assert first.payments and len(first.morning) == 5
    contacts = read_frames(config)["contacts"]
    logged = [line for line in contacts["summary"].dropna() if line.startswith(
        "Payment reminder (")]
    assert len(logged) == first.logged == len(first.payments)
    assert first.payments[-1]["invoice"] in logged[-1]
    again = run_reminders(config, date(2026, 11, 17))
    assert (again.payments, again.morning, again.logged) == ([], [], 0)
    sent = sorted((tmp_path / "output" / "outbox").glob("reminder_*.eml"))
    assert len(sent) == len(first.payments)
    assert len(list((tmp_path / "output" / "outbox").glob("morning_*.eml"))) == 5
    message = email.message_from_bytes(sent[0].read_bytes())
    assert message["Subject"].startswith("Payment reminder: invoice ")
