"""Use every core for a batch of documents: forked workers, each with the prepared templates.

Rendering and writing a document is pure Python (Jinja, lxml, zlib) and holds the GIL, so
threads do not help; forked processes inherit the prepared templates for free. Small
batches, or a platform without ``fork``, run in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_PARALLEL = 64
"""Below this many documents, starting workers costs more than it saves."""

_FUNCTION: Callable[[Any], Any] | None = None


def _call(item: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(item)


def map_on_cores(function: Callable[[T], R], items: Sequence[T],
                 workers: int | None = None) -> Iterator[R]:
    """``function`` over ``items``, in order, on up to ``workers`` (default: all) cores."""
    global _FUNCTION
    count = min(workers or os.cpu_count() or 1, 8)
    methods = multiprocessing.get_all_start_methods()
    if count < 2 or len(items) < MIN_PARALLEL or "fork" not in methods:
        yield from (function(item) for item in items)
        return
    _FUNCTION = function
    gc.freeze()  # the heap stays shared: no collection in a worker copies its pages
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            yield from pool.imap(_call, items, chunksize=16)
    finally:
        _FUNCTION = None
        gc.unfreeze()
