"""``replace_file``: put a whole workbook the engine made in place of a file people may edit.

Used for files the engine lays out itself but people open and edit (managers'
views). The same guarantees as the patch write-back: never while the file is open,
never when it changed since it was read, the new file checked before it goes in,
the old one backed up, an atomic replace.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from crm_office.errors import WorkbookChangedError, WorkbookVerifyError
from crm_office.writeback.atomic import (
    backup_copy,
    fsync_dir,
    prune_backups,
    remove_stale_temps,
    temp_beside,
)
from crm_office.writeback.boundary import backend_errors
from crm_office.writeback.locks import ensure_unlocked
from crm_office.writeback.stamp import FileStamp

_NEW_FILE_MODE = 0o644


@dataclass(frozen=True)
class Replaced:
    """What :func:`replace_file` did: ``written`` False when the file already held ``data``."""

    written: bool
    backup: Path | None = None


def replace_file(path: Path, data: bytes, *, stamp: FileStamp | None, backups: Path,
                 keep_backups: int) -> Replaced:
    """Write ``data`` as ``path``, keeping a backup of the file it replaces.

    ``stamp`` is the file as it was read (None: it did not exist then). A file that
    appeared or changed since is left alone (:class:`WorkbookChangedError`); a file
    that already holds exactly ``data`` is not touched.
    """
    with backend_errors(path):
        ensure_unlocked(path)
        remove_stale_temps(path)
        try:
            original = path.open("rb")
        except FileNotFoundError:
            _check_new(path, data)
            _install(path, data, None)
            return Replaced(written=True)
        with original:
            now = FileStamp.of_stream(original)
            if now.sha256 == hashlib.sha256(data).hexdigest():
                return Replaced(written=False)
            if stamp is None or not stamp.same_content(now):
                raise WorkbookChangedError(path=path)
            _check_new(path, data)
            backup = backup_copy(original.fileno(), path, Path(backups))
            _install(path, data, original.fileno())
        pruned = prune_backups(path, Path(backups), keep_backups)
        return Replaced(written=True, backup=None if backup in pruned else backup)


def _check_new(path: Path, data: bytes) -> None:
    """The new workbook opens and every sheet reads (python-calamine)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    except Exception as exc:  # calamine raises its own error types for damaged packages
        raise WorkbookVerifyError(f"the new workbook failed its check ({exc}); the file was "
                                  "not replaced", path=path, reason="verify",
                                  hint="report this; nothing was changed") from exc


def _install(path: Path, data: bytes, original_fd: int | None) -> None:
    """Temporary file beside ``path``, fsync, atomic rename, fsync of the folder."""
    mode = os.fstat(original_fd).st_mode if original_fd is not None else _NEW_FILE_MODE
    with temp_beside(path, mode) as (temp, stream):
        stream.write(data)
    try:
        ensure_unlocked(path)
        if original_fd is not None and not _same_file(path, original_fd):
            raise WorkbookChangedError(path=path)
        if original_fd is None and path.exists():
            raise WorkbookChangedError(path=path)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def _same_file(path: Path, fd: int) -> bool:
    now, then = os.stat(path), os.fstat(fd)
    return (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) == (
        then.st_ino, then.st_dev, then.st_size, then.st_mtime_ns)
