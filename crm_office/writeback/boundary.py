"""Where backend errors (zipfile, zlib, lxml, the OS) become :class:`CrmOfficeError`.

One place, so every message names the file and says what to do.
"""

from __future__ import annotations

import errno
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from crm_office.errors import CrmOfficeError, WorkbookError, WorkbookWriteError
from crm_office.writeback.shape import PackageShapeError
from crm_office.writeback.zipwriter import PackageTooLargeError

_FULL = {errno.ENOSPC, errno.EDQUOT}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextmanager
def backend_errors(path: Path, sheet: str = "") -> Iterator[None]:
    """Translate what the libraries raise into the crm_office error tree."""
    try:
        yield
    except CrmOfficeError:
        raise
    except OSError as exc:
        raise write_error(path, exc) from exc
    except PackageTooLargeError as exc:
        raise WorkbookWriteError("is too large for the write-back (over 4 GB)", path=path,
                                 reason="too-large") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(f"is damaged: {exc}", path=path, sheet=sheet,
                            hint="open it in Excel and save it again") from exc
    except (etree.XMLSyntaxError, PackageShapeError) as exc:
        raise WorkbookError(f"cannot be patched safely: {exc}", path=path, sheet=sheet,
                            hint="open it in Excel and save it again; if that does not "
                                 "help, report the file") from exc


def write_error(path: Path, exc: OSError) -> WorkbookWriteError:
    """A clear message for an OS error met while reading or writing ``path``."""
    where = exc.filename or path
    if exc.errno in _FULL:
        return WorkbookWriteError(f"the disk is full; nothing was written ({where})", path=path,
                                  reason="disk-full",
                                  hint="free some space on the disk, then run again")
    if exc.errno in _DENIED:
        return WorkbookWriteError(f"no permission to write ({where}: {exc.strerror})",
                                  path=path, reason="read-only",
                                  hint="make the file and its folder writable for the "
                                       "engine's user, then run again")
    if exc.errno == errno.ENOENT:
        return WorkbookWriteError(f"not found ({where})", path=path, reason="missing",
                                  hint="check the file name in config.toml")
    return WorkbookWriteError(f"could not be written: {exc.strerror or exc} ({where})",
                              path=path, reason="os-error",
                              hint="check the disk and the folder, then run again")
