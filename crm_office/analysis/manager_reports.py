"""Each manager's own report, made on every core while this process makes the office's.

The frames are loaded once; forked workers inherit them (``gc.freeze()`` first, so the
collector does not touch, and so copy, the inherited objects) and each analyses one
manager's part and writes its workbook through the same engine-file writer. A manager a
worker could not finish (an error of any kind) is made again here, so its error is
raised as it would be without workers. Without ``fork``, on one core or for a single
manager, everything runs in this process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from crm_office.analysis.weekly import WeeklyAnalysis

Made = tuple[Path, "WeeklyAnalysis | None"]
"""A manager's report file, and their analysis when the caller keeps it (for the mail)."""
MAX_WORKERS = 8
log = logging.getLogger(__name__)

_JOB: Callable[[str], Made] | None = None


def _work(name: str) -> tuple[str, Made | None]:
    """In a worker: the manager's report, or None when it failed (redone by the parent)."""
    assert _JOB is not None
    try:
        return name, _JOB(name)
    except Exception:  # the parent redoes it and raises the real error
        return name, None


@dataclass
class Running:
    """The managers' reports under way: :meth:`collect` waits for them."""

    job: Callable[[str], Made]
    names: list[str]
    pool: Pool | None = None
    pending: AsyncResult[list[tuple[str, Made | None]]] | None = None

    def collect(self) -> dict[str, Made]:
        """Every manager's report, in the order of ``names``."""
        global _JOB
        done: dict[str, Made | None] = dict.fromkeys(self.names)
        if self.pool is not None and self.pending is not None:
            try:
                done.update(self.pending.get())
            except Exception:  # e.g. a result that could not be sent back
                log.info("the managers' reports are made again in one process")
            finally:
                self.pool.terminate()
                self.pool.join()
                _JOB = None
                gc.unfreeze()
        return {name: made or self.job(name) for name, made in done.items()}


def start(job: Callable[[str], Made], names: list[str],
          workers: int | None = None) -> Running:
    """Start ``job`` for each manager on the other cores; :meth:`Running.collect` ends it."""
    global _JOB
    count = min(workers or os.cpu_count() or 1, MAX_WORKERS, len(names))
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return Running(job, names)
    _JOB = job
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(count)
    return Running(job, names, pool, pool.map_async(_work, names, chunksize=1))
