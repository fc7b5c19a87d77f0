"""Exceptions that mean "cannot go on".

Problems in the data are values (see :mod:`crm_office.problems`); these are
raised only when a command cannot continue. Every one carries a hint for the
person who has to fix it::

    CrmOfficeError
    ├── ConfigError            config.toml is missing, unreadable or wrong (key_path)
    ├── WorkbookError          a workbook cannot be opened or read (path, sheet)
    │   ├── WorkbookLockedError    open in Excel/LibreOffice (holder)
    │   ├── WorkbookChangedError   changed on disk since it was read: read again, retry
    │   ├── CellValueError         a value cannot be written into a cell (cell)
    │   └── WorkbookWriteError     the write-back could not write the file (reason)
    │       └── WorkbookVerifyError    the written file failed its check; original restored
    ├── OfficeExistsError      `init` would overwrite an existing office
    ├── OfficeFolderError      `init` cannot make an office folder there (path)
    ├── OfficeBusyError        another crm-office run holds the office's lock (holder, lock)
    ├── StoreError             the store cannot be opened, read or written (location, reason)
    ├── MailError              a message cannot be handed to the mail server (transport, reason)
    │   ├── MailSetupError         wrong password, unknown host, TLS failure: nothing can go out
    │   ├── MailRejectedError      the server refused this message for good (e.g. 550)
    │   ├── MailRetryError         temporary refusal (4xx, busy, 429): try again (retry_after)
    │   └── MailUncertainError     the hand-over broke off: the message may have gone out
    └── CampaignError          a campaign cannot be prepared (unknown name, template, attachment)
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


class WorkbookChangedError(WorkbookError):
    """The workbook changed on disk after it was read; the caller re-reads and retries."""

    def __init__(self, *, path: Path, hint: str = "") -> None:
        super().__init__("changed on disk since it was read; nothing was written", path=path,
                         hint=hint or "read the workbook again and repeat the command")


class CellValueError(WorkbookError):
    """A value cannot go into a cell (too long, not a number Excel can hold, ...)."""

    def __init__(self, message: str, *, path: Path, sheet: str, cell: str,
                 hint: str = "") -> None:
        super().__init__(f"cell {cell}: {message}", path=path, sheet=sheet, hint=hint)
        self.cell = cell


class WorkbookWriteError(WorkbookError):
    """The write-back could not write the workbook; the original is unchanged."""

    def __init__(self, message: str, *, path: Path, reason: str = "", hint: str = "") -> None:
        super().__init__(message, path=path, hint=hint)
        self.reason = reason


class WorkbookVerifyError(WorkbookWriteError):
    """The written workbook failed its check, so the original was kept (or restored)."""


class StoreError(CrmOfficeError):
    """The store cannot be used; ``location`` names it (a URL's password masked).

    ``reason`` is a stable word for callers: ``locked``, ``corrupt``, ``unreachable``,
    ``newer-version``, ``missing`` or ``failed``.
    """

    def __init__(self, message: str, *, location: str, reason: str = "failed",
                 hint: str = "") -> None:
        super().__init__(f"store {location}: {message}", hint=hint)
        self.location = location
        self.reason = reason


class OfficeFolderError(CrmOfficeError):
    """``init`` cannot create an office at ``path`` (a file is there, no permission, ...)."""

    def __init__(self, message: str, *, path: Path, hint: str = "") -> None:
        super().__init__(f"{path}: {message}", hint=hint)
        self.path = path


class OfficeBusyError(CrmOfficeError):
    """Another crm-office run holds the office's run lock; ``holder`` says which one."""

    def __init__(self, message: str, *, holder: str, lock: Path, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.holder = holder
        self.lock = lock


class MailError(CrmOfficeError):
    """A message cannot be handed to the mail server; ``reason`` is a stable word."""

    def __init__(self, message: str, *, transport: str, reason: str = "failed",
                 hint: str = "") -> None:
        super().__init__(f"mail ({transport}): {message}", hint=hint)
        self.transport = transport
        self.reason = reason


class MailSetupError(MailError):
    """The transport cannot work at all: wrong password, unknown host, TLS failure, ..."""


class MailRejectedError(MailError):
    """The server refused this one message for good (a 5xx answer, an invalid recipient)."""


class MailRetryError(MailError):
    """The server refused for now (4xx, busy, throttled); ``retry_after`` in seconds if told."""

    def __init__(self, message: str, *, transport: str, retry_after: float | None = None,
                 reason: str = "temporary", hint: str = "") -> None:
        super().__init__(message, transport=transport, reason=reason, hint=hint)
        self.retry_after = retry_after


class MailUncertainError(MailError):
    """The connection broke after the message was handed over: it may have gone out."""


class CampaignError(CrmOfficeError):
    """A campaign cannot be prepared: unknown campaign, broken template, missing attachment."""
