"""The write-back's error boundary: a damaged file is the user's news, a bug of ours is not."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from crm_office.errors import WorkbookError
from crm_office.writeback import FileStamp, WorkbookPatch, write_back
from crm_office.writeback import build as build_module
from tests.excel_shaped import excel_workbook

ROWS = [["Client ID", "Client"], ["C-000001", "Acme Ltd"], ["C-000002", "Vector LLC"]]


def tampered(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """An Excel-shaped workbook whose first sheet's XML went through ``change``."""
    clean = excel_workbook(tmp_path / "clean.xlsx", {"Clients": ROWS})
    path = tmp_path / "clients.xlsx"
    with zipfile.ZipFile(clean) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(entry, data)
    return path


def patch_of(path: Path) -> WorkbookPatch:
    patch = WorkbookPatch(path, FileStamp.of(path))
    patch.sheet("Clients").set_cell(3, 2, "Vector Ltd")
    return patch


@pytest.mark.parametrize(("change", "said"), [
    (lambda xml: re.sub(rb'(<c r="B3")', rb'\1 s="abc"', xml), "a cell style is not a whole"),
    (lambda xml: xml.replace(b'<row r="3"', b'<row r="3" s="x1" customFormat="1"', 1),
     "a row style is not a whole number"),
    (lambda xml: re.sub(rb"<sheetData>.*</sheetData>", b"", xml, flags=re.S),
     "no <sheetData>"),
])
def test_a_damaged_sheet_is_a_clear_error_and_the_file_is_kept(tmp_path: Path, change,  # type: ignore[no-untyped-def]
                                                                said: str) -> None:
    path = tampered(tmp_path, change)
    before = path.read_bytes()
    with pytest.raises(WorkbookError) as caught:
        write_back(patch_of(path), backups=tmp_path / "backups")
    assert "cannot be patched safely" in str(caught.value)
    assert said in str(caught.value)
    assert "open it in Excel and save it again" in caught.value.hint
    assert path.read_bytes() == before


def test_a_bug_of_ours_is_not_blamed_on_the_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = excel_workbook(tmp_path / "clients.xlsx", {"Clients": ROWS})

    def broken(self: object) -> None:
        raise ValueError("an engine bug")

    monkeypatch.setattr(build_module.Builder, "build", broken)
    with pytest.raises(ValueError, match="an engine bug") as caught:
        write_back(patch_of(path), backups=tmp_path / "backups")
    assert not isinstance(caught.value, WorkbookError)


def test_a_russian_office_reads_the_write_back_errors_in_russian(tmp_path: Path) -> None:
    from crm_office.errors import describe

    path = tampered(tmp_path, lambda xml: re.sub(rb"<sheetData>.*</sheetData>", b"", xml,
                                                 flags=re.S))
    with pytest.raises(WorkbookError) as caught:
        write_back(patch_of(path), backups=tmp_path / "backups")
    text = describe(caught.value, "ru")
    assert "не может быть безопасно изменена" in text
    assert "откройте её в Excel и сохраните заново" in text
    assert "cannot be patched" not in text and "open it" not in text
    read_only = tmp_path / "clients.xlsx"
    read_only.chmod(0o444)
    with pytest.raises(WorkbookError) as caught:
        write_back(patch_of(read_only), backups=tmp_path / "backups")
    assert "только для чтения; ничего не записано" in describe(caught.value, "ru")
    assert "is read-only; nothing was written" in str(caught.value)
