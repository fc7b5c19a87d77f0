"""One long-lived LibreOffice, driven over UNO: a worker script for the system Python.

The UNO bindings (Debian's ``python3-uno``) belong to the system Python, not to the
engine's virtual environment, so :mod:`crm_office.documents.pdf` runs this file with
that Python (``python3 uno_worker.py PROFILE_DIR RESTART_EVERY``). It imports nothing
from crm_office. It starts its own ``soffice.bin`` (headless, a private user profile,
listening on a named pipe), then reads one JSON request a line from stdin —
``{"source": "/a.docx", "target": "/tmp/a.pdf", "archive": false}`` — opens the document
hidden, stores it with ``writer_pdf_Export`` (PDF/A-2b when ``archive``) and answers one
JSON line: ``{"ok": true, "pid": N, "error": "", "peak_kib": M}`` (``ok`` false and the
reason in ``error`` when it failed: ``unreadable`` or LibreOffice's own message; ``pid``
and ``peak_kib``: the LibreOffice and its peak memory so far).

LibreOffice grows and slows down over hundreds of documents, so the instance is
restarted every RESTART_EVERY documents, and after a crash (the document is tried once
more on a fresh instance). At the end of stdin it closes LibreOffice and waits for it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import uno  # Debian's python3-uno, for the system Python
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

PROGRAM = "/usr/lib/libreoffice/program/soffice.bin"
START_SECONDS = 60
RESTART_CODE = 81
UNREADABLE = "unreadable"
ARGS = ["--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
        "--nolockcheck", "--nofirststartwizard"]


def _props(**values: Any) -> tuple[Any, ...]:
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        result.append(prop)
    return tuple(result)


IMPORT_FILTERS = {".docx": "MS Word 2007 XML", ".doc": "MS Word 97", ".odt": "writer8"}


def _filter(source: str) -> dict[str, str]:
    """The import filter by extension: never let a broken .docx open as plain text."""
    name = IMPORT_FILTERS.get(Path(source).suffix.lower())
    return {"FilterName": name} if name else {}


class Office:
    """A running soffice.bin and the UNO desktop to drive it."""

    def __init__(self, program: str, profile: Path) -> None:
        self.pipe = f"crm-office-{os.getpid()}-{time.monotonic_ns()}"
        self.command = [program, *ARGS, f"-env:UserInstallation={profile.as_uri()}",
                        f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"]
        self.desktop: Any = None
        self.done = 0
        self.process = self._start()
        self.pid = self.process.pid
        self.desktop = self._connect().ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self._context)

    def _start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _connect(self) -> Any:
        """The remote component context, once LibreOffice listens (it exits once with
        code 81 after making a new profile: then it is started again)."""
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                self._context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                return self._context
            except NoConnectException:
                code = self.process.poll()
                if code == RESTART_CODE:
                    self.process = self._start()
                    self.pid = self.process.pid
                elif code is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"LibreOffice did not start (exit code {code})") from None
                time.sleep(0.02)

    def convert(self, source: str, target: str, archive: bool) -> None:
        """Store ``source`` as the PDF ``target``; raise with LibreOffice's reason."""
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0,
            _props(Hidden=True, ReadOnly=True, UpdateDocMode=0, **_filter(source)))
        if document is None:
            raise ValueError(UNREADABLE)
        try:
            data = _props(SelectPdfVersion=2) if archive else ()
            document.storeToURL(uno.systemPathToFileUrl(target), _props(
                FilterName="writer_pdf_Export",
                FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", data)))
        finally:
            document.close(True)
        self.done += 1

    def close(self) -> None:
        """Ask LibreOffice to quit; kill it when it does not."""
        try:
            if self.process.poll() is None and self.desktop is not None:
                self.desktop.terminate()
        except Exception:  # a dead or hung instance is killed below
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


def _answer(ok: bool, pid: int, error: str = "") -> None:
    answer = {"ok": ok, "pid": pid, "error": error, "peak_kib": _peak_kib(pid)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def _peak_kib(pid: int) -> int:
    """LibreOffice's peak resident memory so far (VmHWM), 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _reason(exc: BaseException) -> str:
    """``unreadable``, or LibreOffice's own words (the caller says it in the office's language)."""
    if isinstance(exc, ValueError):
        return str(exc)
    message = getattr(exc, "Message", "") or str(exc)
    return f"{type(exc).__name__}: {message}".strip(": ")


def serve(program: str, profile: Path, restart_every: int) -> None:
    """Answer each request of stdin on the instance; restart it as said above."""
    office: Office | None = None
    try:
        for line in sys.stdin:
            request = json.loads(line)
            for attempt in (1, 2):
                if office is not None and office.done >= restart_every:
                    office.close()
                    office = None
                try:
                    if office is None:
                        office = Office(program, profile)
                    office.convert(request["source"], request["target"],
                                   bool(request.get("archive")))
                except Exception as exc:  # every reason goes to the caller
                    pid = office.pid if office is not None else 0
                    if office is not None and _crashed(office, exc):
                        office.close()
                        office = None
                        if attempt == 1:
                            continue
                    _answer(False, pid, _reason(exc))
                else:
                    _answer(True, office.pid)
                break
    finally:
        if office is not None:
            office.close()


def _crashed(office: Office, exc: BaseException) -> bool:
    """Whether LibreOffice itself is gone (not just this document refused)."""
    name = type(exc).__name__
    return office.process.poll() is not None or "Disposed" in name or name == "RuntimeException"


if __name__ == "__main__":
    serve(os.environ.get("CRM_OFFICE_SOFFICE", PROGRAM), Path(sys.argv[1]), int(sys.argv[2]))
