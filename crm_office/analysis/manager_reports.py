"""Each manager's own report, made on every core while this process makes the office's.

The frames are loaded once; forked workers inherit them (``gc.freeze()`` first, so the
collector does not touch, and so copy, the inherited objects). Workers take the managers
one by one from a shared counter, analyse each one's part and write its workbook through
the same engine-file writer; this process joins them once the office report is made, so
each core runs one process. A manager a worker could not finish (an error of any kind,
a worker that died) is made again here, so its error is raised as it would be without
workers. Without ``fork``, on one core or for a single manager, all runs in this process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm_office.analysis.weekly import WeeklyAnalysis

Made = tuple[Path, "WeeklyAnalysis | None"]
"""A manager's report file, and their analysis when the caller keeps it (for the mail)."""
MAX_WORKERS = 8
log = logging.getLogger(__name__)


@dataclass
class Running:
    """The managers' reports under way: :meth:`collect` joins in and waits for them;
    leaving it as a context ends the workers when the caller failed before."""

    job: Callable[[str], Made]
    names: list[str]
    turn: Any = None
    """The position of the next manager to make, shared by every process."""
    results: Any = None
    workers: list[Any] = field(default_factory=list)

    def collect(self) -> dict[str, Made]:
        """Every manager's report, in the order of ``names``."""
        done: dict[str, Made | None] = dict.fromkeys(self.names)
        try:
            while (position := _take(self.turn, len(self.names))) is not None:
                done[self.names[position]] = self.job(self.names[position])
            done.update(self._from_workers())
        finally:
            self.stop()
        return {name: made or self.job(name) for name, made in done.items()}

    def stop(self) -> None:
        """End the workers (those still at work are stopped); again is a no-op."""
        for worker in self.workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        if self.workers:
            self.workers = []
            gc.unfreeze()

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _from_workers(self) -> dict[str, Made | None]:
        got: dict[str, Made | None] = {}
        finished = 0
        while finished < len(self.workers):
            try:
                item = self.results.get(timeout=1)
            except queue.Empty:
                if not any(worker.is_alive() for worker in self.workers):
                    log.info("a worker ended early: its managers are made here")
                    break
                continue
            if item is None:
                finished += 1
            else:
                got[self.names[item[0]]] = item[1]
        return got


def start(job: Callable[[str], Made], names: list[str],
          workers: int | None = None) -> Running:
    """Start ``job`` for the managers on the other cores; :meth:`Running.collect` makes
    the rest here and ends it."""
    count = min(workers or os.cpu_count() or 1, MAX_WORKERS, len(names)) - 1
    if count < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return Running(job, names)
    context = multiprocessing.get_context("fork")
    running = Running(job, names, context.Value("i", 0), context.Queue())
    gc.freeze()
    for _ in range(count):
        worker = context.Process(target=_work, args=(running,), daemon=True)
        worker.start()
        running.workers.append(worker)
    return running


def _take(turn: Any, count: int) -> int | None:
    """The next manager's position (None: all taken, or no workers)."""
    if turn is None:
        return None
    with turn.get_lock():
        position: int = turn.value
        if position >= count:
            return None
        turn.value = position + 1
    return position


def _work(running: Running) -> None:
    """In a worker: managers until none is left; a failed one is sent back as None (the
    parent makes it again and raises the real error)."""
    _append_without_rotating()
    while (position := _take(running.turn, len(running.names))) is not None:
        try:
            made: Made | None = running.job(running.names[position])
        except Exception:
            made = None
        running.results.put((position, made))
    running.results.put(None)


def _append_without_rotating() -> None:
    """A worker writes into `serve`'s rotating log file but never rotates it: two
    processes renaming the same files could lose lines; the command's process rotates."""
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            plain = logging.FileHandler(handler.baseFilename, encoding="utf-8")
            plain.setFormatter(handler.formatter)
            plain.setLevel(handler.level)
            root.addHandler(plain)
