"""Exceptions that mean "cannot go on".

Problems in the data are values (see :mod:`crm_office.problems`); these are
raised only when a command cannot continue. Every one carries a hint for the
person who has to fix it::

    CrmOfficeError
    ├── ConfigError            config.toml is missing, unreadable or wrong (key_path)
    ├── WorkbookError          a workbook cannot be opened or read (path, sheet)
    │   └── WorkbookLockedError    open in Excel/LibreOffice (holder)
    └── OfficeExistsError      `init` would overwrite an existing office
"""

from __future__ import annotations

from pathlib import Path


class CrmOfficeError(Exception):
    """Root of every error crm_office raises on purpose."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class ConfigError(CrmOfficeError):
    """The configuration cannot be used; ``key_path`` names the offending key."""

    def __init__(self, message: str, *, key_path: str = "", path: Path | None = None,
                 hint: str = "") -> None:
        where = f"{path}: " if path else ""
        key = f"[{key_path}] " if key_path else ""
        super().__init__(f"{where}{key}{message}", hint=hint)
        self.key_path = key_path
        self.path = path


class WorkbookError(CrmOfficeError):
    """A workbook cannot be opened or read at all."""

    def __init__(self, message: str, *, path: Path, sheet: str = "", hint: str = "") -> None:
        where = f"{path}" + (f", sheet '{sheet}'" if sheet else "")
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.sheet = sheet


class WorkbookLockedError(WorkbookError):
    """The workbook is open in Excel or LibreOffice; ``holder`` names who has it."""

    def __init__(self, *, path: Path, holder: str, hint: str = "") -> None:
        super().__init__(f"is open by {holder or 'someone'}", path=path,
                         hint=hint or "ask them to close it, then run again")
        self.holder = holder


class OfficeExistsError(CrmOfficeError):
    """``init`` refuses to overwrite an office that already exists."""
