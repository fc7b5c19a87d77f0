"""The Campaigns sheet's Send column: "test" and "send" typed by a person, done once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import python_calamine

from crm_office.config import load_config
from crm_office.mail.requests_column import carry_out_requests
from crm_office.workbook import read_table
from tests.conftest import write_workbook
from tests.mail_office import make_mail_office
from tests.smtp_server import smtp_server


def test_send_column_test_to_me_and_send_are_done_once(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config_path = make_mail_office(tmp_path, port=port)
        write_workbook(tmp_path / "workbooks" / "campaigns.xlsx", {"Campaigns": [
            ["Campaign ID", "Campaign", "Channel", "Segment", "Start", "Send"],
            ["M-000001", "Весенняя рассылка", "e-mail", "large", dt.date(2026, 3, 1), "тест"],
            ["M-000002", "Autumn", "e-mail", "large", dt.date(2026, 9, 1), "Send"],
            ["M-000003", "Winter", "e-mail", "large", dt.date(2026, 12, 1), "maybe"]]})
        config = load_config(config_path)
        report = carry_out_requests(config)
        again = carry_out_requests(config)
    got = server.by_address()
    tests = got.pop("office@test-office.example")
    assert [m.message["Subject"] for m in tests] == [
        f"[TEST] Предложение для Клиент {n} <b>" for n in (1, 2, 3)]
    assert sorted(got) == sorted(f"client{n}@mail.example" for n in range(1, 11))
    assert all(str(m[0].message["Subject"]) == "Autumn" for m in got.values())
    assert [(d["campaign"], d["request"], d["sent"]) for d in report.done] == [
        ("M-000001", "test", 3), ("M-000002", "send", 10)]
    assert [i["value"] for i in report.ignored] == ["maybe"] and report.ok
    assert again.done == [] and [i["value"] for i in again.ignored] == ["maybe"]
    rows = list(read_table(config.tables["campaigns"]).parts[0].records())
    assert [row["id"] for row in rows] == ["M-000001", "M-000002", "M-000003"]
    sheet = python_calamine.CalamineWorkbook.from_path(
        str(tmp_path / "workbooks" / "campaigns.xlsx")).get_sheet_by_name("Campaigns")
    assert [line[5] for line in sheet.to_python()[1:4]] == ["", "", "maybe"]


def test_a_send_outside_the_send_window_waits_in_its_cell(tmp_path: Path) -> None:
    import dataclasses

    from crm_office.config.mail import DAYS

    with smtp_server() as (server, port):
        config = load_config(make_mail_office(tmp_path, port=port))
        write_workbook(tmp_path / "workbooks" / "campaigns.xlsx", {"Campaigns": [
            ["Campaign ID", "Campaign", "Channel", "Segment", "Start", "Send"],
            ["M-000001", "Весенняя рассылка", "e-mail", "large", dt.date(2026, 3, 1), "send"]]})
        today = DAYS[dt.datetime.now(dt.UTC).weekday()]
        closed = dataclasses.replace(config, mail=dataclasses.replace(
            config.mail, send_days=tuple(day for day in DAYS if day != today)))
        report = carry_out_requests(closed)
    assert server.received == [] and report.done[0]["waiting"] and report.ok
    sheet = python_calamine.CalamineWorkbook.from_path(
        str(tmp_path / "workbooks" / "campaigns.xlsx")).get_sheet_by_name("Campaigns")
    assert sheet.to_python()[1][5] == "send"
