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

from crm_office.catalogue import Text
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
        raise WorkbookWriteError(Text("error.too-large"), path=path,
                                 reason="too-large") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(Text("error.damaged", detail=str(exc)), path=path, sheet=sheet,
                            hint=Text("hint.resave")) from exc
    except (etree.XMLSyntaxError, PackageShapeError) as exc:
        raise WorkbookError(Text("error.cannot-patch", detail=str(exc)), path=path, sheet=sheet,
                            hint=Text("hint.resave-or-report")) from exc


def write_error(path: Path, exc: OSError) -> WorkbookWriteError:
    """A clear message for an OS error met while reading or writing ``path``."""
    where = exc.filename or path
    if exc.errno in _FULL:
        return WorkbookWriteError(Text("error.disk-full", where=str(where)), path=path,
                                  reason="disk-full", hint=Text("hint.free-space"))
    if exc.errno in _DENIED:
        return WorkbookWriteError(Text("error.no-permission", where=str(where),
                                       reason=str(exc.strerror)),
                                  path=path, reason="read-only", hint=Text("hint.make-writable"))
    if exc.errno == errno.ENOENT:
        return WorkbookWriteError(Text("error.file-not-found", where=str(where)), path=path,
                                  reason="missing", hint=Text("hint.check-file-name"))
    return WorkbookWriteError(Text("error.not-written", reason=str(exc.strerror or exc),
                                   where=str(where)),
                              path=path, reason="os-error", hint=Text("hint.check-disk"))
