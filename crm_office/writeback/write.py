"""``write_back``: apply a :class:`WorkbookPatch` to the file, safely.

Order of work, each step able to stop everything with the original untouched:

1. refuse when Excel or LibreOffice has the file open (their lock files);
2. open the file once; refuse when it is not what the patch was made from
   (size and SHA-256 against the patch's :class:`FileStamp`), or read-only;
3. build the changed parts and write the new package to a temporary file in the
   same folder (flushed and fsync-ed);
4. verify the temporary file (see :mod:`crm_office.writeback.verify`);
5. copy the original into the backups folder;
6. look at the locks and the file once more, then ``os.replace`` and fsync the
   folder; re-read the result and restore the backup if it is not what was
   verified; prune old backups.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from crm_office.catalogue import Text
from crm_office.errors import WorkbookChangedError, WorkbookVerifyError, WorkbookWriteError
from crm_office.writeback.assemble import assemble
from crm_office.writeback.atomic import (
    backup_copy,
    fsync_dir,
    prune_backups,
    remove_stale_temps,
    temp_beside,
)
from crm_office.writeback.boundary import backend_errors
from crm_office.writeback.build import Builder
from crm_office.writeback.changes import Changes
from crm_office.writeback.locks import ensure_unlocked
from crm_office.writeback.package import SourcePackage
from crm_office.writeback.patch import WorkbookPatch
from crm_office.writeback.readback import ReadBackError
from crm_office.writeback.stamp import FileStamp
from crm_office.writeback.verify import verify

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


@dataclass(frozen=True)
class WriteResult:
    """What one write-back did."""

    path: Path
    changed_parts: list[str]
    backup: Path | None
    cells_written: int
    marks_added: int
    marks_removed: int
    removed_parts: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        """False when nothing needed changing and the file was left alone."""
        return bool(self.changed_parts or self.removed_parts)


def write_back(patch: WorkbookPatch, *, backups: Path, keep_backups: int = 10) -> WriteResult:
    """Apply ``patch`` to its workbook; see the module docstring for the guarantees."""
    path = patch.path
    with backend_errors(path):
        ensure_unlocked(path)
        remove_stale_temps(path)
        with SourcePackage(path) as source:
            if not patch.stamp.same_content(source.stamp):
                raise WorkbookChangedError(path=path)
            _ensure_writable(path, source)
            changes = Builder(patch, source, path.parent).build()
            try:
                if changes.empty:
                    return _result(path, changes, None)
                backup = _commit(path, source, changes, Path(backups))
            finally:
                changes.close()
        pruned = prune_backups(path, Path(backups), keep_backups)
        return _result(path, changes, None if backup in pruned else backup)


def _commit(path: Path, source: SourcePackage, changes: Changes, backups: Path) -> Path:
    """Write, verify, back up, replace; returns the backup's path."""
    with temp_beside(path, os.fstat(source.fileno).st_mode) as (temp, stream):
        assemble(source, changes, stream)
    try:
        try:
            stamp = verify(temp, source, changes, changes.date1904)
        except ReadBackError as exc:
            raise WorkbookVerifyError(Text("error.verify-failed", detail=str(exc)), path=path,
                                      reason="verify",
                                      hint=Text("hint.report-nothing-changed")) from exc
        backup = backup_copy(source.fileno, path, backups)
        ensure_unlocked(path)
        _ensure_same_file(path, source)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_dir(path.parent)
    _check_replaced(path, stamp, backup)
    return backup


def _ensure_writable(path: Path, source: SourcePackage) -> None:
    mode = os.fstat(source.fileno).st_mode
    if not mode & _WRITE_BITS or not os.access(path, os.W_OK):
        raise WorkbookWriteError(Text("error.read-only"), path=path, reason="read-only",
                                 hint=Text("hint.clear-read-only"))
    if not os.access(path.parent, os.W_OK):
        raise WorkbookWriteError(Text("error.folder-read-only", folder=str(path.parent)),
                                 path=path, reason="read-only", hint=Text("hint.folder-writable"))


def _ensure_same_file(path: Path, source: SourcePackage) -> None:
    """The file on disk is still the one that was read (same inode, size and time)."""
    now, then = os.stat(path), os.fstat(source.fileno)
    if (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) != (
            then.st_ino, then.st_dev, then.st_size, then.st_mtime_ns):
        raise WorkbookChangedError(path=path)


def _check_replaced(path: Path, stamp: FileStamp, backup: Path) -> None:
    """The file now in place is the verified one; otherwise put the backup back."""
    if FileStamp.of(path).same_content(stamp):
        return
    with temp_beside(path, 0o644) as (temp, stream):
        stream.write(backup.read_bytes())
    os.replace(temp, path)
    fsync_dir(path.parent)
    raise WorkbookVerifyError("was not the verified result after replacing it, so the "
                              "original was restored", path=path, reason="verify",
                              hint="run again; report it if it happens again")


def _result(path: Path, changes: Changes, backup: Path | None) -> WriteResult:
    return WriteResult(path=path, changed_parts=changes.part_names, backup=backup,
                       cells_written=changes.cells_written, marks_added=changes.marks_added,
                       marks_removed=changes.marks_removed,
                       removed_parts=sorted(changes.removed))
