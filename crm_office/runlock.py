"""One crm-office run at a time: an office-wide lock file.

Every command that writes into the office (sync, validate with marks or fixes,
restore; later documents, mailings, the report and the scheduler's jobs) runs
inside :func:`office_lock`::

    with office_lock(config, "sync"):
        run_sync(config)

The lock is a small JSON file (host, process id, command, start time) created
with ``O_CREAT | O_EXCL``, so of two runs racing for it exactly one gets it. It
lives next to the SQLite store, or in the office folder when the store is a
database server. A second run waits up to ``office.lock_wait_seconds`` and then
raises :class:`~crm_office.errors.OfficeBusyError` naming the holder. A lock
whose process is gone (same host) is stale: it is removed, and the log says so.
The lock is re-entrant within one process, so a job may call another.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from crm_office.catalogue import Text, say
from crm_office.config.model import Config
from crm_office.errors import ConfigError, OfficeBusyError
from crm_office.store.location import resolve

log = logging.getLogger(__name__)

LOCK_NAME = "crm-office.lock"
POLL_SECONDS = 0.25
QUICK_RETRIES = 20
UNWRITTEN_GRACE = 10.0
"""A lock file still empty after this many seconds was left by a run killed while taking it."""

_held: dict[Path, int] = {}
"""Locks this process holds, with how many nested runs hold each."""


@dataclass(frozen=True)
class Holder:
    """Who holds the lock."""

    host: str
    pid: int
    command: str
    started: str
    token: str = ""
    process_start: str = ""
    """When the process started, as the OS counts it (Linux), to tell a reused pid apart."""

    @classmethod
    def me(cls, command: str) -> Holder:
        return cls(socket.gethostname(), os.getpid(), command,
                   dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                   secrets.token_hex(8), _process_start(os.getpid()))

    def describe(self, locale: str = "en") -> str:
        """``sync, started 09:14, pid 4711`` (with the host when it is another one)."""
        return self.text().render(locale)

    def text(self) -> Text:
        """:meth:`describe` as a catalogue text, rendered in the reader's language."""
        when: str | Text
        try:
            started = dt.datetime.fromisoformat(self.started)
            today = started.date() == dt.datetime.now(started.tzinfo).date()
            when = started.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")
        except ValueError:
            when = self.started or Text("lock.unknown-time")
        host = "" if self.host == socket.gethostname() else Text("lock.on-host", host=self.host)
        return Text("lock.holder", command=self.command, host=host, when=when, pid=self.pid)

    def is_dead(self) -> bool:
        """True only when the holder ran on this host and its process is gone.

        On Windows the process is not probed (``os.kill`` would stop it): a lock left
        there by a killed run is removed by hand, as the error's hint says.
        """
        if self.host != socket.gethostname() or self.pid <= 0 or os.name != "posix":
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        start = _process_start(self.pid)
        return bool(self.process_start and start and start != self.process_start)


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux); "" when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def lock_path(config: Config) -> Path:
    """Next to the SQLite store, or in the office folder for a database server."""
    target = resolve(config.paths.store, config.paths.root)
    folder = target.path.parent if target.path is not None else config.paths.root
    return folder / LOCK_NAME


@contextmanager
def office_lock(config: Config, command: str,
                wait_seconds: float | None = None) -> Iterator[Path]:
    """Hold the office's run lock for the block; wait for another run, then give up."""
    path = lock_path(config)
    wait = config.office.lock_wait_seconds if wait_seconds is None else wait_seconds
    if _held.get(path):
        _held[path] += 1
        try:
            yield path
        finally:
            _held[path] -= 1
        return
    me = acquire(path, command, wait, config.locale)
    _held[path] = 1
    try:
        yield path
    finally:
        _held.pop(path, None)
        release(path, me)


def acquire(path: Path, command: str, wait_seconds: float, locale: str = "en") -> Holder:
    """Create the lock file for this process, waiting up to ``wait_seconds``."""
    me = Holder.me(command)
    deadline = time.monotonic() + max(wait_seconds, 0)
    told, retries = False, 0
    while True:
        if _create(path, me):
            log.debug("took the run lock %s", path)
            return me
        holder = read_holder(path)
        if holder is not None and holder.is_dead():
            _break_stale(path, holder, locale)
            continue
        if holder is None and path.exists() and _age(path) > UNWRITTEN_GRACE:
            _break_stale(path, None, locale)  # a run was killed between creating and writing
            continue
        if holder is None and not path.exists() and retries < QUICK_RETRIES:
            retries += 1  # released between our two looks: try again at once
            continue
        if time.monotonic() >= deadline:
            raise _busy(path, holder)
        if not told:
            log.warning("%s", say("lock.waiting", locale, who=_who(holder)))
            told = True
        time.sleep(POLL_SECONDS)


def release(path: Path, me: Holder) -> None:
    """Remove the lock file if it is still this run's."""
    holder = read_holder(path)
    if holder is not None and holder.token == me.token:
        path.unlink(missing_ok=True)


def read_holder(path: Path) -> Holder | None:
    """The holder written in the lock file; None when it is gone or not (yet) readable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(str(data["host"]), int(data["pid"]), str(data["command"]),
                      str(data["started"]), str(data.get("token", "")),
                      str(data.get("process_start", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _create(path: Path, me: Holder) -> bool:
    """Atomically create the lock file; False when it exists already."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        if path.parent.is_dir():
            return False
        raise _cannot_create(path, "a file is where its folder should be") from None
    except OSError as exc:
        raise _cannot_create(path, exc.strerror or str(exc)) from exc
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(asdict(me), stream)
        stream.flush()
        os.fsync(stream.fileno())
    return True


def _cannot_create(path: Path, why: str) -> ConfigError:
    return ConfigError(Text("error.lock-cannot-create", path=path, why=why),
                       key_path="paths.store", hint=Text("hint.lock-folder"))


def _break_stale(path: Path, holder: Holder | None, locale: str) -> None:
    """Remove a dead run's lock (or an unreadable, old one when ``holder`` is None).

    A second lock file keeps two runs from breaking it at once, and the lock is
    read again inside it, so a lock just taken by a live run is never removed.
    """
    breaker = path.with_name(path.name + ".break")
    if not _create(breaker, Holder.me("recovery")):
        if _age(breaker) > UNWRITTEN_GRACE:
            breaker.unlink(missing_ok=True)
        time.sleep(POLL_SECONDS)
        return
    try:
        current = read_holder(path)
        if holder is not None and current == holder:
            path.unlink(missing_ok=True)
            log.warning("%s", say("lock.recovered", locale, path=path,
                                  who=holder.describe(locale)))
        elif holder is None and current is None and _age(path) > UNWRITTEN_GRACE:
            path.unlink(missing_ok=True)
            log.warning("%s", say("lock.removed-unreadable", locale, path=path))
    finally:
        breaker.unlink(missing_ok=True)


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _who(holder: Holder | None) -> Text:
    return holder.text() if holder is not None else Text("lock.starting")


def _busy(path: Path, holder: Holder | None) -> OfficeBusyError:
    who = _who(holder)
    return OfficeBusyError(Text("error.office-busy", who=who), holder=who.render("en"),
                           lock=path, hint=Text("hint.office-busy", lock=path))
