"""The long-lived converter: one LibreOffice per core, driven over UNO, for a batch.

Each instance is owned by a worker process (``uno_worker.py``, run by the Python that
has Debian's UNO bindings) with a private user profile; the batch is a queue that every
worker takes the next document from, so a slow document does not hold the others up.
A worker that does not answer in time is killed with its LibreOffice (its own process
group), the document is reported, and a new worker goes on with the rest. At the end
every worker is told to finish, closes its LibreOffice and is waited for: no soffice
is left behind.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import queue
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_office.writeback.atomic import write_engine_file

log = logging.getLogger(__name__)
WORKER = Path(__file__).with_name("uno_worker.py")
RESTART_EVERY = 200
"""Documents per LibreOffice instance before it is restarted (it grows and slows down)."""
SECONDS_PER_DOCUMENT = 60
"""A document that takes longer is reported and its instance killed."""
SOFFICE_BIN = "/usr/lib/libreoffice/program/soffice.bin"
PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
Result = tuple[Path | None, str]
UNREADABLE, SLOW, STOPPED, NONE = "unreadable", "slow", "stopped", "none"
"""Why a document got no PDF (else LibreOffice's own message); :func:`reason` words them."""


def reason(code: str, locale: str) -> str:
    """Why a document got no PDF, in the office's language."""
    from crm_office.catalogue import say

    if code in (UNREADABLE, SLOW, STOPPED, NONE):
        return say(f"document.pdf.{code}", locale, program="LibreOffice", format="Word",
                   seconds=SECONDS_PER_DOCUMENT)
    return say("document.pdf.error", locale, program="LibreOffice", detail=code)


@functools.cache
def uno_python() -> str | None:
    """A Python that can ``import uno`` (Debian's python3-uno), or None."""
    if not Path(soffice_bin()).is_file():
        return None
    wanted = os.environ.get("CRM_OFFICE_UNO_PYTHON")
    for candidate in ([wanted] if wanted else PYTHONS):
        if not Path(candidate).is_file():
            continue
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=30, check=False)
            if done.returncode == 0:
                return candidate
    return None


def soffice_bin() -> str:
    """LibreOffice's program itself (the ``soffice`` script would fork it away)."""
    found = shutil.which("soffice")
    if found:
        program = Path(found).resolve().with_name("soffice.bin")
        if program.is_file():
            return str(program)
    return SOFFICE_BIN


@dataclass
class UnoBatch:
    """What a batch did: per file its PDF or the error; per LibreOffice (pid) its peak
    resident memory in KiB."""

    results: dict[Path, Result] = field(default_factory=dict)
    peaks: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    locale: str = "en"

    def done(self, file: Path, result: Result, pid: int, peak_kib: int) -> None:
        with self.lock:
            self.results[file] = result
            if pid:
                self.peaks[pid] = max(self.peaks.get(pid, 0), peak_kib)


class _Worker:
    """One worker process and its LibreOffice, in a process group of their own."""

    def __init__(self, python: str, profile: Path, restart_every: int) -> None:
        env = dict(os.environ, CRM_OFFICE_SOFFICE=soffice_bin())
        self.process = subprocess.Popen(
            [python, "-I", str(WORKER), str(profile), str(restart_every)], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, text=True, bufsize=1)

    def convert(self, source: Path, target: Path, archive: bool,
                timeout: float) -> tuple[bool, int, str, int]:
        """Ask for one PDF; (ok, LibreOffice pid, error, its peak memory in KiB)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"source": str(source), "target": str(target), "archive": archive}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:
            return False, 0, STOPPED, 0
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.kill()
            return False, 0, SLOW if not ready else STOPPED, 0
        answer = json.loads(line)
        return (bool(answer["ok"]), int(answer["pid"]), str(answer["error"]),
                int(answer["peak_kib"]))

    def close(self) -> None:
        """End of the batch: the worker closes its LibreOffice and waits for it; killed
        with it when it does not finish in time."""
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def kill(self) -> None:
        """Kill the worker and its LibreOffice: the process group this worker leads (it is
        not reaped yet, so the group id is still ours)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def convert_uno(python: str, files: Sequence[Path], *, archive: bool, workers: int,
                restart_every: int = RESTART_EVERY, locale: str = "en") -> UnoBatch:
    """Make ``<name>.pdf`` beside every file on ``workers`` long-lived instances."""
    batch = UnoBatch()
    todo: queue.SimpleQueue[tuple[Path, Path]] = queue.SimpleQueue()
    with tempfile.TemporaryDirectory(prefix="crm-office-pdf-") as work:
        for index, file in enumerate(files):
            todo.put((file, Path(work) / f"{index}.pdf"))
        threads = [threading.Thread(target=_drain, args=(
            python, Path(work) / f"profile-{index}", restart_every, todo, archive, batch))
            for index in range(workers)]
        batch.locale = locale
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:  # Ctrl-C: no new documents; each instance closes after its own
            while not todo.empty():
                with contextlib.suppress(queue.Empty):
                    todo.get_nowait()
            for thread in threads:
                thread.join()
            raise
    for file in files:  # a worker that could not even start leaves its share unanswered
        batch.results.setdefault(file, (None, reason(STOPPED, locale)))
    return batch


def _drain(python: str, profile: Path, restart_every: int,
           todo: queue.SimpleQueue[tuple[Path, Path]], archive: bool, batch: UnoBatch) -> None:
    """One instance's share: take documents until the queue is empty."""
    try:
        worker = _Worker(python, profile, restart_every)
    except OSError as exc:
        log.warning("cannot start the LibreOffice worker (%s): %s", python, exc)
        return
    try:
        while True:
            try:
                file, made = todo.get_nowait()
            except queue.Empty:
                return
            ok, pid, error, peak = worker.convert(file.resolve(), made, archive,
                                                  SECONDS_PER_DOCUMENT)
            if ok and made.is_file():
                target = file.with_suffix(".pdf")
                write_engine_file(target, made.read_bytes())
                made.unlink()
                batch.done(file, (target, ""), pid, peak)
                continue
            batch.done(file, (None, reason(error or NONE, batch.locale)), pid, peak)
            if worker.process.poll() is not None:
                log.warning("LibreOffice worker for %s stopped; starting another", file.name)
                worker.close()
                worker = _Worker(python, profile, restart_every)
    finally:
        worker.close()
