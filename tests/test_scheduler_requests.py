"""The scheduler carries out what staff ask for in the workbooks: a "send" typed in the
Campaigns sheet's Send column goes out (real SMTP server) on the next tick and the cell is
cleared; a document asked for in the Deals request column is made on the next tick."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import python_calamine

from crm_office.config import load_config
from crm_office.config.model import Config
from crm_office.scheduling.journal import Journal
from crm_office.scheduling.serve import Scheduler, office_jobs
from crm_office.scheduling.status import export_schedule, schedule_status
from crm_office.store.store import Store
from tests.conftest import write_workbook
from tests.documents_office import build_documents_office
from tests.mail_office import make_mail_office
from tests.smtp_server import smtp_server
from tests.test_scheduler import FakeClock, at

CAMPAIGNS_HEADER = ["Campaign ID", "Campaign", "Channel", "Segment", "Start", "Send"]


def _in_utc(config: Config) -> Config:
    return dataclasses.replace(config, schedule=dataclasses.replace(config.schedule,
                                                                    time_zone="UTC"))


def _campaigns(root: Path, send: str) -> None:
    write_workbook(root / "workbooks" / "campaigns.xlsx", {"Campaigns": [
        CAMPAIGNS_HEADER,
        ["M-000001", "Весенняя рассылка", "e-mail", "large", dt.date(2026, 3, 1), send]]})


def _send_cell(root: Path) -> object:
    sheet = python_calamine.CalamineWorkbook.from_path(
        str(root / "workbooks" / "campaigns.xlsx")).get_sheet_by_name("Campaigns")
    return sheet.to_python()[1][5]


def test_a_send_typed_in_the_send_column_goes_out_on_the_next_tick(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = _in_utc(load_config(make_mail_office(tmp_path, port=port)))
        _campaigns(tmp_path, "")
        clock = FakeClock(at(16, 9, 0))
        jobs = office_jobs(config, clock)
        assert {"mailings"} <= set(jobs) and not {"documents", "mail_fetch"} & set(jobs)
        with Store.open(config.paths.store, config.paths.root) as store:
            loop = Scheduler(config, {"mailings": jobs["mailings"]}, clock, store)
            assert loop.tick() == ["mailings"] and server.received == []
            _campaigns(tmp_path, "send")
            clock.moment = at(16, 9, 5)
            assert loop.tick() == []  # every 10 minutes
            clock.moment = at(16, 9, 10)
            assert loop.tick() == ["mailings"]
            assert len(server.received) == 10 and _send_cell(tmp_path) == ""
            clock.moment = at(16, 9, 20)
            assert loop.tick() == ["mailings"] and len(server.received) == 10
            runs = Journal(store).runs("mailings")
    assert [run.status for run in runs] == ["ok", "ok", "ok"]
    assert sorted(item.to for item in server.received) == sorted(
        f"client{n}@mail.example" for n in range(1, 11))
    jobs_shown = {job["job"]: job for job in schedule_status(config, at(16, 9, 21)).jobs}
    assert jobs_shown["mailings"]["next"] == "2026-11-16T09:30+00:00"
    assert jobs_shown["mailings"]["last"]["status"] == "ok"
    assert "mail_fetch" not in jobs_shown  # no mailbox to read
    cron = export_schedule(config, "cron").splitlines()
    assert any(line.startswith("*/10 * * * 1-5 ") and line.endswith(" mail requests")
               for line in cron)
    assert not any(line.endswith(" mail fetch") for line in cron)


def test_a_document_asked_for_in_deals_is_made_on_the_next_tick(tmp_path: Path) -> None:
    config = _in_utc(load_config(build_documents_office(
        tmp_path, "en", extra='request_column = "Make document"')))
    clock = FakeClock(at(16, 9, 0))
    jobs = office_jobs(config, clock)
    with Store.open(config.paths.store, config.paths.root) as store:
        loop = Scheduler(config, {"documents": jobs["documents"]}, clock, store)
        assert loop.tick() == ["documents"]  # what the funnel calls for; adds the column
        assert {row.kind for row in store.documents()} >= {"offer", "invoice"}
        path = tmp_path / "workbooks" / "deals.xlsx"
        book = openpyxl.load_workbook(path)
        book["Data"]["G2"] = "act"  # D-000001
        book.save(path)
        clock.moment = at(16, 9, 5)
        assert loop.tick() == [] and not store.documents("act")
        clock.moment = at(16, 9, 10)
        assert loop.tick() == ["documents"]
        acts = [row for row in store.documents("act") if row.status == "made"]
    assert [row.deal_id for row in acts] == ["D-000001"]
    assert Path(acts[0].file).is_file()
    assert acts[0].issued == dt.date(2026, 11, 16)  # the scheduler's day
    assert openpyxl.load_workbook(path)["Data"]["H2"].value == acts[0].number  # its result
    windows = export_schedule(config, "windows")
    assert '/TN "crm-office documents" /SC MINUTE /MO 10' in windows
