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
    ├── DocumentError          a document cannot be made (template, where: the paragraph)
    ├── MailError              a message cannot be handed to the mail server (transport, reason)
    │   ├── MailSetupError         wrong password, unknown host, TLS failure: nothing can go out
    │   ├── MailRejectedError      the server refused this message for good (e.g. 550)
    │   ├── MailRetryError         temporary refusal (4xx, busy, 429): try again (retry_after)
    │   └── MailUncertainError     the hand-over broke off: the message may have gone out
    └── CampaignError          a campaign cannot be prepared (unknown name, template, attachment)
"""

from __future__ import annotations

from pathlib import Path

from crm_office.catalogue import Text, say


class CrmOfficeError(Exception):
    r"""Root of every error crm_office raises on purpose.

    ``message`` and ``hint`` may be catalogue :class:`~crm_office.catalogue.Text`\ s:
    ``message``/``hint`` are then English and :meth:`localised` gives the office's language.
    """

    def __init__(self, message: str | Text, *, hint: str | Text = "", prefix: str = "") -> None:
        self.texts = (message if isinstance(message, Text) else None,
                      hint if isinstance(hint, Text) else None)
        self.prefix = prefix
        self.message = prefix + _english(message)
        self.hint = _english(hint)
        super().__init__(self.message)

    def localised(self, locale: str) -> tuple[str, str]:
        """Message and hint in ``locale`` where they come from the catalogue."""
        message, hint = self.texts
        return (self.where(locale) + message.render(locale) if message else self.message,
                hint.render(locale) if hint else self.hint)

    def where(self, locale: str) -> str:
        """The place the message starts with (a file, a key path), in ``locale``."""
        return self.prefix

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class ConfigError(CrmOfficeError):
    """The configuration cannot be used; ``key_path`` names the offending key."""

    def __init__(self, message: str | Text, *, key_path: str = "", path: Path | None = None,
                 hint: str | Text = "") -> None:
        where = f"{path}: " if path else ""
        key = f"[{key_path}] " if key_path else ""
        super().__init__(message, hint=hint, prefix=f"{where}{key}")
        self.key_path = key_path
        self.path = path


class WorkbookError(CrmOfficeError):
    """A workbook cannot be opened or read at all."""

    def __init__(self, message: str | Text, *, path: Path, sheet: str = "",
                 hint: str | Text = "") -> None:
        self.path = path
        self.sheet = sheet
        super().__init__(message, hint=hint, prefix=self.where("en"))

    def where(self, locale: str) -> str:
        sheet = f", {say('place.sheet', locale, sheet=self.sheet)}" if self.sheet else ""
        return f"{self.path}{sheet}: "


class WorkbookLockedError(WorkbookError):
    """The workbook is open in Excel or LibreOffice; ``holder`` names who has it."""

    def __init__(self, *, path: Path, holder: str, hint: str | Text = "") -> None:
        super().__init__(Text("error.workbook-locked", holder=holder) if holder
                         else Text("error.workbook-locked-someone"), path=path,
                         hint=hint or Text("hint.close-it"))
        self.holder = holder


class OfficeExistsError(CrmOfficeError):
    """``init`` refuses to overwrite an office that already exists."""


class WorkbookChangedError(WorkbookError):
    """The workbook changed on disk after it was read; the caller re-reads and retries."""

    def __init__(self, *, path: Path, hint: str = "") -> None:
        super().__init__(Text("error.workbook-changed"), path=path,
                         hint=hint or Text("hint.read-again"))


class CellValueError(WorkbookError):
    """A value cannot go into a cell (too long, not a number Excel can hold, ...)."""

    def __init__(self, message: str, *, path: Path, sheet: str, cell: str,
                 hint: str = "") -> None:
        super().__init__(f"cell {cell}: {message}", path=path, sheet=sheet, hint=hint)
        self.cell = cell


class WorkbookWriteError(WorkbookError):
    """The write-back could not write the workbook; the original is unchanged."""

    def __init__(self, message: str | Text, *, path: Path, reason: str = "",
                 hint: str | Text = "") -> None:
        super().__init__(message, path=path, hint=hint)
        self.reason = reason


class WorkbookVerifyError(WorkbookWriteError):
    """The written workbook failed its check, so the original was kept (or restored)."""


class StoreError(CrmOfficeError):
    """The store cannot be used; ``location`` names it (a URL's password masked).

    ``reason`` is a stable word for callers: ``locked``, ``corrupt``, ``unreachable``,
    ``newer-version``, ``missing`` or ``failed``.
    """

    def __init__(self, message: str | Text, *, location: str, reason: str = "failed",
                 hint: str | Text = "") -> None:
        self.location = location
        self.reason = reason
        super().__init__(message, hint=hint, prefix=self.where("en"))

    def where(self, locale: str) -> str:
        return say("store.where", locale, location=self.location)


def describe(exc: CrmOfficeError, locale: str) -> str:
    """The error as one text in ``locale``: message, then the hint (as ``str(exc)`` in English)."""
    message, hint = exc.localised(locale)
    return f"{message}\n  {say('cli.hint', locale)} {hint}" if hint else message


def _english(text: str | Text) -> str:
    return text.render("en") if isinstance(text, Text) else text


class OfficeFolderError(CrmOfficeError):
    """``init`` cannot create an office at ``path`` (a file is there, no permission, ...)."""

    def __init__(self, message: str | Text, *, path: Path, hint: str | Text = "") -> None:
        super().__init__(message, hint=hint, prefix=f"{path}: ")
        self.path = path


class OfficeBusyError(CrmOfficeError):
    """Another crm-office run holds the office's run lock; ``holder`` says which one."""

    def __init__(self, message: str | Text, *, holder: str, lock: Path,
                 hint: str | Text = "") -> None:
        super().__init__(message, hint=hint)
        self.holder = holder
        self.lock = lock


class DocumentError(CrmOfficeError):
    """A document cannot be made: a template that does not render, a deal that cannot be
    invoiced (no client, a product not in the price list…). ``template`` and ``paragraph``
    name the place when it is in a template."""

    def __init__(self, message: str, *, template: str = "", paragraph: str = "",
                 hint: str = "") -> None:
        place = f"{template}: " if template else ""
        near = f" (in the paragraph «{paragraph}»)" if paragraph else ""
        super().__init__(f"{place}{message}{near}", hint=hint)
        self.template = template
        self.paragraph = paragraph


class MailError(CrmOfficeError):
    """A message cannot be handed to the mail server; ``reason`` is a stable word."""

    def __init__(self, message: str | Text, *, transport: str, reason: str = "failed",
                 hint: str | Text = "") -> None:
        self.transport = transport
        super().__init__(message, hint=hint, prefix=self.where("en"))
        self.reason = reason

    def where(self, locale: str) -> str:
        return say("mail.error.where", locale, transport=self.transport)


class MailSetupError(MailError):
    """The transport cannot work at all: wrong password, unknown host, TLS failure, ..."""


class MailRejectedError(MailError):
    """The server refused this one message for good (a 5xx answer, an invalid recipient)."""


class MailRetryError(MailError):
    """The server refused for now (4xx, busy, throttled); ``retry_after`` in seconds if told."""

    def __init__(self, message: str | Text, *, transport: str,
                 retry_after: float | None = None, reason: str = "temporary",
                 hint: str | Text = "") -> None:
        super().__init__(message, transport=transport, reason=reason, hint=hint)
        self.retry_after = retry_after


class MailUncertainError(MailError):
    """The connection broke after the message was handed over: it may have gone out."""


class CampaignError(CrmOfficeError):
    """A campaign cannot be prepared: unknown campaign, broken template, missing attachment."""
