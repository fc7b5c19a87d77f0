"""The one exception the write-back raises for a package it cannot patch safely.

Raised where the file's own XML is not shaped as the write-back expects (a sheet
without ``<sheetData>``, rows out of order, a comments part without authors…).
:mod:`crm_office.writeback.boundary` turns it, and only it, into a
:class:`~crm_office.errors.WorkbookError` with "open it in Excel and save it again":
any other ``ValueError`` is a bug of ours and is not dressed up as the user's file.
"""

from __future__ import annotations


class PackageShapeError(ValueError):
    """The workbook's XML is not shaped as the write-back can patch safely."""


def file_int(text: str | bytes | None, what: str, default: int = 0) -> int:
    """A whole number read from the file's XML (``what`` names the attribute), else the
    :class:`PackageShapeError` that says so; ``default`` when it is absent or empty."""
    if text is None or text in ("", b""):
        return default
    try:
        return int(text)
    except ValueError:
        shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        raise PackageShapeError(f"{what} is not a whole number: {shown[:40]!r}") from None
