"""One way into the office's files: the OfficeWriter, whole-file replaces, backups under [paths]."""

from __future__ import annotations

import ast
import logging
import os
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from crm_office.config import load_config
from crm_office.errors import ConfigError
from crm_office.writeback import FileStamp, OfficeWriter, WorkbookPatch
from tests.conftest import MINIMAL_CONFIG

PACKAGE = Path(__file__).resolve().parent.parent / "crm_office"


def workbook_bytes(tmp_path: Path, text: str) -> bytes:
    path = tmp_path / f"made-{text}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Clients").write_string(0, 0, text)
    book.close()
    return path.read_bytes()


def first_cell(path: Path) -> object:
    book = openpyxl.load_workbook(path)
    try:
        return book.worksheets[0]["A1"].value
    finally:
        book.close()


@pytest.fixture
def writer(tmp_path: Path) -> OfficeWriter:
    return OfficeWriter(tmp_path / "backups", keep_backups=2)


def test_a_new_file_is_created(tmp_path: Path, writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    outcome = writer.replace("view.xlsx", target, workbook_bytes(tmp_path, "new"), None)
    assert (outcome.written, outcome.skipped, outcome.backup) == (True, "", None)
    assert first_cell(target) == "new"


def test_replacing_keeps_a_backup_of_the_old_file(tmp_path: Path, writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "old"))
    outcome = writer.replace("view.xlsx", target, workbook_bytes(tmp_path, "new"),
                             FileStamp.of(target))
    assert outcome.written and outcome.backup is not None
    assert first_cell(target) == "new"
    assert first_cell(outcome.backup) == "old"


def test_the_same_bytes_touch_nothing(tmp_path: Path, writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    data = workbook_bytes(tmp_path, "same")
    target.write_bytes(data)
    before = os.stat(target).st_mtime_ns
    outcome = writer.replace("view.xlsx", target, data, FileStamp.of(target))
    assert (outcome.written, outcome.skipped) == (False, "")
    assert os.stat(target).st_mtime_ns == before
    assert not (tmp_path / "backups").exists()


def test_a_file_saved_after_it_was_read_is_not_overwritten(tmp_path: Path,
                                                           writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "read"))
    stamp = FileStamp.of(target)
    target.write_bytes(workbook_bytes(tmp_path, "typed by the manager"))
    outcome = writer.replace("view.xlsx", target, workbook_bytes(tmp_path, "engine"), stamp)
    assert not outcome.written
    assert "changed on disk since it was read" in outcome.skipped
    assert first_cell(target) == "typed by the manager"


def test_a_file_that_appeared_meanwhile_is_not_overwritten(tmp_path: Path,
                                                           writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "someone's"))
    outcome = writer.replace("view.xlsx", target, workbook_bytes(tmp_path, "engine"), None)
    assert "changed on disk" in outcome.skipped
    assert first_cell(target) == "someone's"


def test_a_damaged_new_workbook_never_replaces_the_file(tmp_path: Path,
                                                        writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "kept"))
    outcome = writer.replace("view.xlsx", target, b"PK\x03\x04 not a workbook",
                             FileStamp.of(target))
    assert "failed its check" in outcome.skipped
    assert first_cell(target) == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["view.xlsx", "made-kept.xlsx"])


def test_an_open_file_is_a_skip_naming_who_has_it(tmp_path: Path, writer: OfficeWriter,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    target = tmp_path / "clients.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "kept"))
    (tmp_path / ".~lock.clients.xlsx#").write_bytes(b"Olga,olga,pc,date,url;")
    patch = WorkbookPatch(target, FileStamp.of(target))
    patch.sheet("Clients").set_cell(1, 1, "changed")
    with caplog.at_level(logging.INFO, logger="crm_office.writeback.service"):
        outcome = writer.apply("clients.xlsx", patch)
    assert not outcome.written
    assert "open by Olga" in outcome.skipped
    assert "clients.xlsx was not written" in caplog.text
    assert first_cell(target) == "kept"
    with pytest.raises(Exception, match="open by Olga"):
        outcome.raise_if_skipped()


def test_backups_are_pruned_to_keep_backups(tmp_path: Path, writer: OfficeWriter) -> None:
    target = tmp_path / "view.xlsx"
    target.write_bytes(workbook_bytes(tmp_path, "0"))
    for number in range(1, 5):
        writer.replace("view.xlsx", target, workbook_bytes(tmp_path, str(number)),
                       FileStamp.of(target))
    backups = sorted((tmp_path / "backups").iterdir())
    assert [first_cell(path) for path in backups] == ["2", "3"]


# --- backups are configured under [paths] ---------------------------------------------------


def test_keep_backups_lives_under_paths(make_office) -> None:  # type: ignore[no-untyped-def]
    config = load_config(make_office(config=MINIMAL_CONFIG.replace(
        'templates = "templates"', 'templates = "templates"\nkeep_backups = 3')))
    assert config.paths.keep_backups == 3
    assert load_config(make_office()).paths.keep_backups == 10


def test_the_old_place_still_works_with_a_warning(
        make_office, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL_CONFIG + "\n[validation]\nkeep_backups = 4\n"
    with caplog.at_level(logging.WARNING, logger="crm_office.config.loader"):
        config = load_config(make_office(config=text))
    assert config.paths.keep_backups == 4
    assert "has moved to [paths] keep_backups" in caplog.text


@pytest.mark.parametrize(("section", "key_path"), [
    ("paths", "paths.keep_backups"), ("validation", "validation.keep_backups")])
def test_keeping_no_backup_is_refused(make_office, section: str,  # type: ignore[no-untyped-def]
                                      key_path: str) -> None:
    text = MINIMAL_CONFIG.replace("[paths]", "[paths]\nkeep_backups = 0") if section == "paths" \
        else MINIMAL_CONFIG + "\n[validation]\nkeep_backups = 0\n"
    with pytest.raises(ConfigError) as caught:
        load_config(make_office(config=text))
    assert caught.value.key_path == key_path
    assert "keep at least one backup" in str(caught.value)


# --- one way in -----------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_only_the_writer_calls_write_back_and_nothing_but_init_imports_the_demo() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(("writeback/", "demo/")):
            continue
        text = path.read_text(encoding="utf-8")
        assert "write_back(" not in text, f"{relative} writes without the OfficeWriter"
        assert "os.replace(" not in text, f"{relative} replaces a file by itself"
        if relative != "cli/main.py" and relative != "cli/render.py":
            assert not any(name.startswith("crm_office.demo") for name in _imports(path)), \
                f"{relative} imports the demo"
