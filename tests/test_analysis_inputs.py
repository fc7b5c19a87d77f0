"""The weekly report reads the store when the last sync saw every workbook as it is now,
the workbooks otherwise, and says which it read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from crm_office.analysis.frames import read_frames
from crm_office.analysis.inputs import office_frames
from crm_office.analysis.period import Week
from crm_office.analysis.scope import manager_frames
from crm_office.analysis.service import make_weekly_report
from crm_office.analysis.weekly import WeeklyAnalysis, analyse
from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.config.model import Config
from crm_office.demo.office import create_office
from crm_office.store import Store
from crm_office.sync.run import run_sync

pytest_plugins = ["tests.pg_server"]

WEEK = Week(2026, 46)


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office after one sync (do not change it: copy it first)."""
    folder = tmp_path_factory.mktemp("synced")
    create_office(folder, "en", force=False)
    run_sync(load_config(folder / "config.toml"), today=dt.date(2026, 11, 17))
    return folder


def _office(synced: Path, tmp_path: Path) -> Config:
    shutil.copytree(synced, tmp_path / "office")
    return load_config(tmp_path / "office" / "config.toml")


def _figures(analysis: WeeklyAnalysis) -> list[object]:
    return [analysis.figures(), [finding.to_dict() for finding in analysis.findings],
            *[(grid.key, grid.rows) for grid in analysis.grids()]]


def _analyse(config: Config, frames: object, manager: str | None = None) -> WeeklyAnalysis:
    if manager is not None:
        frames = manager_frames(frames, manager)  # type: ignore[arg-type]
    return analyse(frames, config.funnel, config.analysis,  # type: ignore[arg-type]
                   config.commission, WEEK, manager)


@pytest.mark.parametrize("columnar", [True, False])
def test_report_from_the_store_has_the_figures_of_the_workbooks(synced: Path, tmp_path: Path,
                                                                columnar: bool) -> None:
    config = _office(synced, tmp_path)
    if not columnar:  # the sync's copy gone: the store's records are read
        shutil.rmtree(config.paths.root / "crm-office-frames")
    stored, inputs = office_frames(config)
    assert (inputs.source, inputs.columnar) == ("store", columnar)
    assert inputs.synced_at is not None
    read = read_frames(config)
    assert len(stored["contacts"]) == len(read["contacts"]) > 3000
    for manager in (None, "Emma Clarke"):
        from_store = _analyse(config, stored, manager)
        from_books = _analyse(config, read, manager)
        assert _figures(from_store) == _figures(from_books)
        assert json.dumps(from_store.to_dict()) == json.dumps(from_books.to_dict())
    office = _analyse(config, stored)
    assert office.figures()["contacts"] > 0 and office.managers.stalled.rows  # real figures
    days = stored["deals"]["days_in_stage"]  # an engine column, kept apart from the records
    assert days.notna().sum() == read["deals"]["days_in_stage"].notna().sum() > 100


def test_a_workbook_edited_after_the_sync_is_read_instead(synced: Path, tmp_path: Path) -> None:
    config = _office(synced, tmp_path)
    deals = config.paths.workbooks / "deals.xlsx"
    book = openpyxl.load_workbook(deals)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    amount = headers.index("Planned amount") + 1
    sheet.cell(2, amount).value = 987654321
    book.save(deals)
    frames, inputs = office_frames(config)
    assert (inputs.source, inputs.reason, inputs.file) == ("workbooks", "changed", "deals.xlsx")
    assert inputs.describe("en") == \
        "Figures from the workbooks: deals.xlsx changed since the last sync"
    assert 987654321 in set(frames["deals"]["amount"])  # the edit is in the figures


def test_each_sync_leaves_a_new_copy_and_an_old_one_is_never_read(synced: Path,
                                                                    tmp_path: Path) -> None:
    config = _office(synced, tmp_path)
    folder = config.paths.root / "crm-office-frames"
    before = {path.name for path in folder.iterdir()}
    assert len(before) == 9  # one file per table the analysis reads
    deals = config.paths.workbooks / "deals.xlsx"
    book = openpyxl.load_workbook(deals)
    sheet = book.worksheets[0]
    sheet.cell(2, [cell.value for cell in sheet[1]].index("Planned amount") + 1).value = 4321
    book.save(deals)
    run_sync(config, today=dt.date(2026, 11, 17))
    frames, inputs = office_frames(config)
    assert (inputs.source, inputs.columnar) == ("store", True)
    assert frames["deals"]["amount"].iloc[0] == 4321  # D-000001, the edited deal
    # the tables of the workbooks this sync did not need to read are in the copy too
    assert _figures(_analyse(config, frames)) == _figures(_analyse(config, read_frames(config)))
    assert not before & {path.name for path in folder.iterdir()}  # the old copy removed
    [contacts] = folder.glob("*-contacts.npz")
    whole = contacts.read_bytes()
    contacts.write_bytes(whole[:len(whole) // 2])  # a sync stopped while writing it
    assert office_frames(config)[1].columnar is False
    contacts.write_bytes(whole)
    with Store.open(config.paths.store, config.paths.root) as store, \
            store.transaction() as tx:
        tx.set_meta("analysis_frames", "a-later-sync")  # e.g. a sync that could not write it
    frames, inputs = office_frames(config)
    assert (inputs.source, inputs.columnar) == ("store", False)
    assert frames["deals"]["amount"].iloc[0] == 4321


def test_no_store_or_a_changed_config_reads_the_workbooks(synced: Path, tmp_path: Path) -> None:
    config = _office(synced, tmp_path)
    with config.path.open("a", encoding="utf-8") as stream:
        stream.write("\n# a note\n")
    assert office_frames(load_config(config.path))[1].reason == "config-changed"
    (config.paths.root / "crm-office.sqlite").unlink()
    _, inputs = office_frames(config)
    assert (inputs.source, inputs.reason) == ("workbooks", "no-store")
    assert inputs.describe("ru") == \
        "Данные из рабочих книг: синхронизация ещё не создала хранилище"
    assert not (config.paths.root / "crm-office.sqlite").exists()  # not made by looking


def test_report_and_command_say_where_the_figures_came_from(synced: Path,
                                                           tmp_path: Path) -> None:
    config = _office(synced, tmp_path)
    result = make_weekly_report(config, WEEK, mail=False)
    assert result.inputs is not None and result.inputs.source == "store"
    stamp = result.inputs.synced_at
    assert stamp is not None
    line = f"Figures from the store, as of the last sync ({stamp:%Y-%m-%d %H:%M} UTC)"
    assert openpyxl.load_workbook(result.report)["Summary"]["A3"].value == line
    own = next(iter(result.manager_reports.values()))
    assert openpyxl.load_workbook(own)["Summary"]["A3"].value == line
    output = CliRunner().invoke(cli, ["--config", str(config.path), "-q", "report", "weekly",
                                      "--week", WEEK.label, "--no-mail", "--format", "json"])
    assert output.exit_code == 0, output.output
    assert json.loads(output.output)["inputs"] == {
        "source": "store", "reason": None, "file": None, "synced_at": stamp.isoformat(),
        "columnar": True}
    text = CliRunner().invoke(cli, ["--config", str(config.path), "-q", "report", "weekly",
                                    "--week", WEEK.label, "--no-mail"])
    assert f"  {line}" in text.output.splitlines()


def test_on_postgresql_the_records_and_the_copy_give_the_figures_of_the_workbooks(
        tmp_path: Path, empty_postgresql_url: str) -> None:
    create_office(tmp_path, "en", force=False)
    path = tmp_path / "config.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('store = "crm-office.sqlite"',
                                 f'store = "{empty_postgresql_url}"'), encoding="utf-8")
    config = load_config(path)
    run_sync(config, today=dt.date(2026, 11, 17))
    expected = _figures(_analyse(config, read_frames(config)))
    for columnar in (True, False):
        frames, inputs = office_frames(config)
        assert (inputs.source, inputs.columnar) == ("store", columnar)
        assert _figures(_analyse(config, frames)) == expected
        if columnar:  # next: the records, straight from the driver
            shutil.rmtree(tmp_path / "crm-office-frames")
