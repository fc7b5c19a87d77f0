"""Never lose a person's work: locks, changed files, read-only files, full disks, crashes."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from excel_shaped import excel_workbook
from fixtures_writeback import HOLDER, WRITERS, plain_workbook, staff_copy

from crm_office.errors import (
    WorkbookChangedError,
    WorkbookError,
    WorkbookLockedError,
    WorkbookVerifyError,
    WorkbookWriteError,
)
from crm_office.writeback import (
    FileStamp,
    WorkbookPatch,
    readback,
    write,
    write_back,
    zipwriter,
)


def excel_owner_file(name: str) -> bytes:
    """An owner file laid out as Excel writes it (165 bytes)."""
    data = bytearray(b" " * 165)
    data[0] = len(name)
    ansi = name.encode("cp1252", errors="replace")
    data[1:1 + len(ansi)] = ansi
    data[55], data[56] = len(name), 0
    wide = name.encode("utf-16-le")
    data[57:57 + len(wide)] = wide
    for index in range(57 + len(wide), 165, 2):
        data[index:index + 2] = b" \x00"
    return bytes(data[:165])


PLAIN_ROWS: list[list[object]] = [["Name"], ["Acme"], ["Vector"]]


@pytest.fixture(params=["xlsxwriter", "excel"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A small workbook as xlsxwriter writes it and as Excel 365 saves it."""
    if request.param == "excel":
        return excel_workbook(tmp_path / "clients.xlsx", {"Sheet1": PLAIN_ROWS})
    return plain_workbook(tmp_path / "clients.xlsx", PLAIN_ROWS)


def patch_of(path: Path, stamp: FileStamp | None = None) -> WorkbookPatch:
    patch = WorkbookPatch(path, stamp)
    patch.sheet("Sheet1").set_cell(2, 2, "checked")
    return patch


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize(("lock_name", "content", "holder"), [
    ("~$clients.xlsx", excel_owner_file(HOLDER), HOLDER),
    ("~$clients.xlsx", excel_owner_file("Анна Петрова"), "Анна Петрова"),
    ("~$clients.xlsx", bytes([12]) + b"Anna Petrova" + b" " * 152, HOLDER),
    (".~lock.clients.xlsx#", f",{HOLDER},office-pc,12.01.2026 10:15,file:///home/anna;".encode(),
     HOLDER),
    (".~lock.clients.xlsx#", b"Petrova\\, Anna,anna,pc,date,url;", "Petrova, Anna"),
])
def test_an_open_workbook_is_not_written(book: Path, lock_name: str, content: bytes,
                                         holder: str) -> None:
    patch = patch_of(book)
    (book.parent / lock_name).write_bytes(content)
    before = book.read_bytes()
    with pytest.raises(WorkbookLockedError) as caught:
        write_back(patch, backups=book.parent / "backups")
    assert caught.value.holder == holder
    assert f"is open by {holder}" in str(caught.value) and lock_name in str(caught.value)
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_a_workbook_changed_since_it_was_read_is_not_written(book: Path) -> None:
    stamp = FileStamp.of(book)
    plain_workbook(book, [["Name"], ["Acme"], ["Typed by Anna meanwhile"]])
    changed = book.read_bytes()
    with pytest.raises(WorkbookChangedError, match="changed on disk since it was read") as caught:
        write_back(patch_of(book, stamp), backups=book.parent / "backups")
    assert "read the workbook again" in str(caught.value)
    assert book.read_bytes() == changed


def test_the_stamp_is_taken_when_the_patch_is_made(book: Path) -> None:
    patch = patch_of(book)
    plain_workbook(book, [["Name"], ["Changed"]])
    with pytest.raises(WorkbookChangedError):
        write_back(patch, backups=book.parent / "backups")


def test_a_read_only_file_is_not_written(book: Path) -> None:
    book.chmod(0o444)
    before = book.read_bytes()
    with pytest.raises(WorkbookWriteError, match="is read-only") as caught:
        write_back(patch_of(book), backups=book.parent / "backups")
    assert caught.value.reason == "read-only" and str(book) in str(caught.value)
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_a_read_only_folder_is_a_clear_error(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = book.read_bytes()
    if os.geteuid() == 0:  # root writes anywhere: simulate what a read-only folder does
        real_open = os.open

        def refuse(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
            if str(path).endswith(".tmp"):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, mode)

        monkeypatch.setattr(os, "open", refuse)
    else:
        book.parent.chmod(0o555)
    try:
        with pytest.raises(WorkbookWriteError, match=r"no permission to write|read-only"):
            write_back(patch_of(book), backups=book.parent / "backups")
    finally:
        book.parent.chmod(0o755)
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_a_full_disk_leaves_the_original_and_no_temp_file(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = book.read_bytes()
    written = {"bytes": 0}
    real_write = zipwriter.PackageWriter._write

    def fill_up(self: zipwriter.PackageWriter, data: bytes) -> None:
        written["bytes"] += len(data)
        if written["bytes"] > 2000:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, data)

    monkeypatch.setattr(zipwriter.PackageWriter, "_write", fill_up)
    with pytest.raises(WorkbookWriteError, match="the disk is full") as caught:
        write_back(patch_of(book), backups=book.parent / "backups")
    assert caught.value.reason == "disk-full" and "free some space" in str(caught.value)
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_a_result_that_fails_its_check_is_never_put_in_place(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = book.read_bytes()

    def broken(*args: object) -> None:
        raise readback.ReadBackError("B2 reads back as 'x'")

    monkeypatch.setattr("crm_office.writeback.verify.check_with_calamine", broken)
    with pytest.raises(WorkbookVerifyError, match="failed its check"):
        write_back(patch_of(book), backups=book.parent / "backups")
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_a_result_replaced_wrongly_is_restored_from_the_backup(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = book.read_bytes()
    patch = patch_of(book)
    monkeypatch.setattr(write.FileStamp, "of",
                        classmethod(lambda cls, path: FileStamp(0, 0, "not it")))
    with pytest.raises(WorkbookVerifyError, match="original was restored"):
        write_back(patch, backups=book.parent / "backups")
    assert book.read_bytes() == before and leftovers(book.parent) == []


def test_backups_keep_the_last_versions(book: Path) -> None:
    backups = book.parent / "backups"
    versions = []
    for number in range(5):
        versions.append(book.read_bytes())
        patch = WorkbookPatch(book)
        patch.sheet("Sheet1").set_cell(2, 2, f"run {number}")
        result = write_back(patch, backups=backups, keep_backups=3)
        assert result.backup is not None and result.backup.read_bytes() == versions[-1]
        time.sleep(0.002)
    kept = sorted(backups.iterdir())
    assert [path.read_bytes() for path in kept] == versions[-3:]
    assert all(path.name.startswith("clients.") and path.suffix == ".xlsx" for path in kept)


def test_no_backup_is_kept_when_none_is_wanted(book: Path) -> None:
    result = write_back(patch_of(book), backups=book.parent / "backups", keep_backups=0)
    assert result.backup is None and list((book.parent / "backups").iterdir()) == []


def test_temp_files_of_killed_runs_are_cleaned_up(book: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = book.parent / f".clients.xlsx.crm-office-{dead}-abcd1234.tmp"
    stale.write_bytes(b"half a zip")
    write_back(patch_of(book), backups=book.parent / "backups")
    assert not stale.exists()


@pytest.mark.parametrize("damage", ["not a zip", "bad styles"])
def test_a_damaged_workbook_is_a_clear_error(book: Path, damage: str) -> None:
    patch = patch_of(book)
    if damage == "not a zip":
        book.write_bytes(b"this is not a workbook")
    else:
        import zipfile

        from fixtures_writeback import members

        parts = members(book)
        parts["xl/styles.xml"] = b"<styleSheet><broken"
        with zipfile.ZipFile(book, "w") as package:
            for name, content in parts.items():
                package.writestr(name, content)
    patch.stamp = FileStamp.of(book)
    with pytest.raises(WorkbookError, match=r"clients\.xlsx") as caught:
        write_back(patch, backups=book.parent / "backups")
    assert "save it again" in str(caught.value)


CHILD = r"""
import os, sys, time
from pathlib import Path
import openpyxl, python_calamine  # loaded before the clock starts
from crm_office.writeback import Mark, WorkbookPatch, write_back

def job(path):
    patch = WorkbookPatch(path)
    sheet = patch.sheet("Clients")
    for row in range(2, 22):
        sheet.set_cell(row, 8, f"note {row}")
    sheet.mark(Mark(4, 4, "E-mail bounced"))
    sheet.append_row(["C-0100", "Late Ltd"])
    write_back(patch, backups=path.parent / "backups")

for line in sys.stdin:
    path = Path(line.strip())
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            job(path)
        finally:
            os._exit(0)
    print(pid, flush=True)
    sys.stdin.readline()  # reaped only when told: the pid cannot be reused before the kill
    _, status = os.waitpid(pid, 0)
    print(status, time.perf_counter() - started, flush=True)
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_killed_write_leaves_the_old_or_the_new_file(
        writer: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    original = staff_copy(writer, tmp_path / "original", tmp_path_factory.getbasetemp())
    helper = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=Path.cwd())
    assert helper.stdin is not None and helper.stdout is not None

    def run(folder: Path, delay: float | None) -> tuple[str, float]:
        folder.mkdir()
        path = Path(shutil.copy(original, folder / "staff.xlsx"))
        helper.stdin.write(f"{path}\n")  # type: ignore[union-attr]
        helper.stdin.flush()  # type: ignore[union-attr]
        pid = int(helper.stdout.readline())  # type: ignore[union-attr]
        if delay is not None:
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)  # our own grandchild, not yet reaped
        helper.stdin.write("reap\n")  # type: ignore[union-attr]
        helper.stdin.flush()  # type: ignore[union-attr]
        status, seconds = helper.stdout.readline().split()  # type: ignore[union-attr]
        assert delay is not None or status == "0"
        return sha(path), float(seconds)

    try:
        new, duration = run(tmp_path / "full", None)
        old = sha(original)
        assert new != old
        outcomes = {old: 0, new: 0}
        rng = random.Random(20250312)
        for attempt in range(60):
            result, _ = run(tmp_path / f"kill{attempt}", rng.uniform(0, duration * 1.4))
            assert result in outcomes, f"attempt {attempt}: a broken file was left"
            outcomes[result] += 1
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
        helper.stdout.close()
    print(f"{writer}: duration {duration:.3f} s, outcomes (old, new) {list(outcomes.values())}")
    assert outcomes[old] > 0 and outcomes[new] > 0, outcomes


def test_half_written_backups_of_killed_runs_are_cleaned_up(book: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    backups = book.parent / "backups"
    backups.mkdir()
    stale = backups / f".clients.20250101-101010-123456.xlsx.crm-office-{dead}-0a0b0c0d.tmp"
    stale.write_bytes(b"half a backup")
    write_back(patch_of(book), backups=backups)
    assert not stale.exists()
    assert len(list(backups.iterdir())) == 1
