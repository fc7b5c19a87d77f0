"""Replace a file so that it is always either the old or the complete new one.

The new content goes into a temporary file in the same folder, is flushed and
``fsync``-ed, then ``os.replace``-d over the original, and the folder is
``fsync``-ed so the rename survives a power cut. Backups are copies of the
original taken first, named ``<stem>.<timestamp><suffix>``, the oldest pruned.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

_TEMP_MARK = ".crm-office-"
_CHUNK = 1 << 20


def temp_name(path: Path) -> Path:
    """A hidden temporary name beside ``path`` that says who made it (pid)."""
    return path.with_name(f".{path.name}{_TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp")


@contextmanager
def temp_beside(path: Path, mode: int) -> Iterator[tuple[Path, IO[bytes]]]:
    """Create the temporary file; it is removed again unless the caller renames it."""
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IMODE(mode))
    try:
        with os.fdopen(fd, "wb") as stream:
            yield temp, stream
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(path: Path, name: str | None = None) -> list[Path]:
    """Delete temporary files of earlier runs that were killed (their process is gone).

    ``name`` is a regular expression for the file name the temporary file was for
    (default: exactly ``path``'s name); the folder searched is ``path``'s.
    """
    prefix = name if name is not None else re.escape(path.name)
    pattern = re.compile(r"\." + prefix + re.escape(_TEMP_MARK) + r"(\d+)-[0-9a-f]+\.tmp")
    removed = []
    for candidate in path.parent.iterdir():
        found = pattern.fullmatch(candidate.name)
        if found and not _alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def backup_copy(fd: int, path: Path, backups: Path) -> Path:
    """Copy the open original (``fd``) into ``backups`` under a timestamped name."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups / f"{path.stem}.{stamp}{path.suffix}"
    with temp_beside(target, 0o644) as (temp, stream):
        offset = 0
        while chunk := os.pread(fd, _CHUNK, offset):
            stream.write(chunk)
            offset += len(chunk)
    os.replace(temp, target)
    fsync_dir(backups)
    return target


def prune_backups(path: Path, backups: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups of ``path``."""
    pattern = re.compile(re.escape(path.stem) + r"\.\d{8}-\d{6}-\d{6}" + re.escape(path.suffix))
    found = sorted(candidate for candidate in backups.iterdir()
                   if pattern.fullmatch(candidate.name))
    doomed = found[:max(len(found) - keep, 0)]
    for old in doomed:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    remove_stale_temps(backups / path.name, pattern.pattern)
    return doomed


def write_engine_file(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write a file the engine owns entirely (a generated document, a PDF): a temporary
    file beside it, then a rename, so it is never seen half-written. ``durable`` also
    fsyncs the file and its folder. Workbooks people edit go through the OfficeWriter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_name(path)
    try:
        with open(temp, "xb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)
