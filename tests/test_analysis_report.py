"""The weekly report workbook: opens with openpyxl, converts in LibreOffice, native
charts reference the right ranges, the History keeps one row per week."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from analysis_data import COMMISSION, SETTINGS, WEEK, frames, funnel
from click.testing import CliRunner
from fixtures_writeback import run_soffice, soffice

from crm_office.analysis.period import Week
from crm_office.analysis.report_writer import write_report
from crm_office.analysis.service import make_weekly_report
from crm_office.analysis.weekly import analyse
from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.demo.office import create_office


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    analysis = analyse(frames(), funnel(), SETTINGS, COMMISSION, WEEK)
    path = tmp_path_factory.mktemp("report") / "weekly-2026-W46.xlsx"
    path.write_bytes(write_report(analysis, funnel(), "en", "Test office",
                                  [{"week": "2026-W46", **analysis.figures()}]))
    return path


def test_sheets_in_order_with_figures(report: Path) -> None:
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["Summary", "Funnel", "Refusals", "Managers", "Receivables",
                               "Sources", "Clients", "Trend", "History"]
    summary = book["Summary"]
    assert summary["A5"].value == "Contacts logged" and summary["B5"].value == 2
    assert summary["A9"].value == "Revenue (won)" and summary["B9"].value == 4000
    assert summary["D9"].value == "▲"  # 0 the week before
    assert summary["B10"].number_format == "0.0%" and summary["B10"].value == 0.5
    assert summary["A17"].value.startswith("1. 1 complaints are past their deadline")
    funnel_sheet = book["Funnel"]
    assert funnel_sheet.freeze_panes == "A3"
    assert [funnel_sheet.cell(row, 2).value for row in range(15, 24)] == \
        [9, 8, 7, 7, 4, 3, 2, 2, 2]
    history = book["History"]
    assert [cell.value for cell in history[2]][:3] == ["2026-W46", 2, 2]


def test_native_charts_reference_their_tables(report: Path) -> None:
    with zipfile.ZipFile(report) as package:
        charts = sorted(name for name in package.namelist()
                        if re.match(r"xl/charts/chart\d+\.xml", name))
        text = "".join(package.read(name).decode() for name in charts)
    assert len(charts) == 5
    assert "Funnel!$A$15:$A$23" in text and "Funnel!$B$15:$B$23" in text  # stages, reached
    assert "Managers!$F$3:$F$4" in text  # revenue of the two managers
    assert "Receivables!$C$3:$C$7" in text  # the five ageing buckets
    assert "Refusals!$D$3:$D$4" in text  # refusals per reason in the window
    assert "Trend!$B$2:$B$13" not in text and "Trend!$C$2:$C$13" in text  # new deals


def test_russian_office_gets_russian_sheets() -> None:
    analysis = analyse(frames(), funnel(), SETTINGS, COMMISSION, WEEK)
    data = write_report(analysis, funnel(), "ru", "Офис", None)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        workbook = package.read("xl/workbook.xml").decode()
    assert "Сводка" in workbook and "Воронка" in workbook and "История" not in workbook


@pytest.mark.libreoffice
def test_converts_in_libreoffice(report: Path, tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    run_soffice(["--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                tmp_path / "profile")
    pdf = tmp_path / "weekly-2026-W46.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_rerun_of_a_week_keeps_one_history_row(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    config = load_config(tmp_path / "config.toml")
    make_weekly_report(config, Week(2026, 45), mail=False)
    make_weekly_report(config, Week(2026, 46), mail=False)
    result = make_weekly_report(config, Week(2026, 46), mail=False)
    assert result.history_weeks == 2
    book = openpyxl.load_workbook(result.report, read_only=True)
    weeks = [row[0] for row in book["History"].iter_rows(min_row=2, values_only=True)]
    assert weeks == ["2026-W45", "2026-W46"]
    assert len(result.manager_reports) == 5
    assert all(path.is_file() for path in result.manager_reports.values())


def test_cli_report_weekly_json_is_to_dict_and_mails_go_to_outbox(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    config_path = str(tmp_path / "config.toml")
    result = CliRunner().invoke(cli, ["--config", config_path, "-q", "report", "weekly",
                                      "--week", "2026-W46", "--manager", "emma clarke",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data["manager_reports"]) == ["Emma Clarke"]
    assert data["report"] is None and data["week"] == "2026-W46"
    [mail] = data["mails"]
    message = Path(mail).read_text()
    assert "To: emma.clarke@northwind.example" in message
    assert "image/png" in message and "weekly-2026-W46-Emma_Clarke.xlsx" in message
    bad = CliRunner().invoke(cli, ["--config", config_path, "report", "weekly",
                                   "--week", "2026-W60"])
    assert bad.exit_code == 2 and "2026 has no week 60" in bad.output


def test_cli_run_reports_every_step(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "config.toml"), "-q", "run",
                                      "--format", "json"])
    data = json.loads(result.output)
    assert [step["name"] for step in data["steps"]] == [
        "check", "sync", "validate", "documents", "mailings", "reminders", "weekly report"]
    assert data["steps"][3]["status"] == "ok"  # documents, through their hook
    assert data["steps"][4] == {"name": "mailings", "status": "ok",
                                "detail": "0 campaign request(s) carried out"}
    assert data["steps"][-1]["status"] == "ok"
    assert result.exit_code == (0 if data["ok"] else 1)


def test_cli_run_exits_1_when_a_step_failed(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    (tmp_path / "workbooks" / "service.xlsx").write_bytes(b"not a workbook")
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "config.toml"), "-q", "run"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("check") and "FAILED" in lines[0]
    assert lines[-1] == "some steps failed"


def test_cli_status_and_schedule_export(tmp_path: Path) -> None:
    create_office(tmp_path, "en", force=False)
    config_path = str(tmp_path / "config.toml")
    status = CliRunner().invoke(cli, ["--config", config_path, "status", "--format", "json"])
    assert status.exit_code == 0, status.output
    data = json.loads(status.output)
    assert data["serving"] == ""
    assert [job["job"] for job in data["jobs"]] == ["sync", "reminders", "weekly_report",
                                                    "documents", "mailings"]  # no mailbox
    assert all(job["last"] is None for job in data["jobs"])
    cron = CliRunner().invoke(cli, ["--config", config_path, "schedule", "export", "--cron"])
    assert cron.exit_code == 0 and cron.output.splitlines()[0].startswith("*/10 * * * 1-5 ")
    russian = CliRunner().invoke(cli, ["--config", config_path, "--lang", "ru", "status"])
    assert russian.output.splitlines()[0] == "планировщик: не запущен"
    unit = CliRunner().invoke(cli, ["--config", config_path, "schedule", "export", "--systemd"])
    assert "ExecStart=" in unit.output and unit.output.rstrip().endswith("multi-user.target")


def test_a_hook_whose_module_is_missing_is_a_skipped_step(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from crm_office import cycle

    monkeypatch.setitem(cycle.HOOKS, "mailings", ("crm_office.not_here_yet", "run"))
    create_office(tmp_path, "en", force=False)
    step = cycle._hook("mailings")
    assert step(load_config(tmp_path / "config.toml"), WEEK.end) == (
        "skipped", "not available yet (crm_office.not_here_yet)")
