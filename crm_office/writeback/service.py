"""The one way the engine writes into the office's files, with the outcome or the skip.

Every operation (sync, validate, restore, and later documents, mailings, reports)
hands its change to an :class:`OfficeWriter`: a :class:`WorkbookPatch` for a file
people edit, or the whole bytes of a file the engine lays out (a manager's view).
The writer writes it back safely (lock, stamp, verify, backup, atomic replace) and
returns a :class:`FileOutcome`; a file that cannot be written now (open in Excel,
changed since it was read, read-only…) is a skip with its reason (``error``), logged
once here (at info level: the operation reports it to the person in the office's
language, ``describe(outcome.error, locale)``), and it goes on with the next file::

    writer = OfficeWriter(backups=office / ".backups", keep_backups=10)
    outcome = writer.apply("clients.xlsx", patch)
    if outcome.skipped:
        ...  # caught up on the next run
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from crm_office.errors import WorkbookError
from crm_office.writeback.patch import WorkbookPatch
from crm_office.writeback.replace import replace_file
from crm_office.writeback.stamp import FileStamp
from crm_office.writeback.write import WriteResult, write_back

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: written, left as it was, or skipped (``skipped`` says why)."""

    label: str
    path: Path
    written: bool = False
    backup: Path | None = None
    result: WriteResult | None = None
    error: WorkbookError | None = None

    @property
    def skipped(self) -> str:
        """Why the file was not written ("" when it was written or needed no change)."""
        return str(self.error) if self.error is not None else ""

    def raise_if_skipped(self) -> None:
        """For commands that cannot go on without this file (e.g. ``restore``)."""
        if self.error is not None:
            raise self.error


class BackupSettings(Protocol):
    """Where backups go and how many are kept (``config.paths`` is one)."""

    @property
    def backups(self) -> Path: ...

    @property
    def keep_backups(self) -> int: ...


@dataclass(frozen=True)
class OfficeWriter:
    """Writes patches and whole engine-made files into the office, never losing a person's work."""

    backups: Path
    keep_backups: int = 10

    @classmethod
    def of(cls, paths: BackupSettings) -> OfficeWriter:
        """The writer of an office, from its ``[paths]`` settings."""
        return cls(paths.backups, paths.keep_backups)

    def apply(self, label: str, patch: WorkbookPatch) -> FileOutcome:
        """Write ``patch`` back into its workbook (see :func:`write_back`)."""
        try:
            result = write_back(patch, backups=self.backups, keep_backups=self.keep_backups)
        except WorkbookError as exc:
            return self._skip(label, patch.path, exc)
        if result.written:
            log.info("%s written (%d cells, %d marks added, %d removed)", label,
                     result.cells_written, result.marks_added, result.marks_removed)
        return FileOutcome(label, patch.path, written=result.written, backup=result.backup,
                           result=result)

    def replace(self, label: str, path: Path, data: bytes,
                stamp: FileStamp | None) -> FileOutcome:
        """Put the engine-made workbook ``data`` at ``path`` (see :func:`replace_file`).

        ``stamp`` is the file as the engine read it, None when it did not exist.
        """
        try:
            done = replace_file(path, data, stamp=stamp, backups=self.backups,
                                keep_backups=self.keep_backups)
        except WorkbookError as exc:
            return self._skip(label, path, exc)
        if done.written:
            log.info("%s written", label)
        return FileOutcome(label, path, written=done.written, backup=done.backup)

    def _skip(self, label: str, path: Path, exc: WorkbookError) -> FileOutcome:
        # info, not warning: every caller reports the skip in the office's language
        log.info("%s was not written: %s", label, exc)
        return FileOutcome(label, path, error=exc)
