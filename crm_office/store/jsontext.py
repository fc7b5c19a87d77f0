"""JSON text of the store's JSON columns: record data, sources, conflict options, summaries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from crm_office.store.entities import ConflictOption
from crm_office.store.values import canonical

_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dump(value: object) -> str:
    """Compact JSON text (UTF-8 kept as is); Decimals and dates in their canonical text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=canonical)


def dump_data(data: dict[str, str | None]) -> str:
    """A record's field values as JSON text."""
    return _compact.encode(data)


def load_many(texts: Sequence[str]) -> list[Any]:
    """Parse many JSON texts in one call (fast, and equal keys share one string)."""
    if not texts:
        return []
    parsed: list[Any] = json.loads("[" + ",".join(texts) + "]")
    return parsed


@lru_cache(maxsize=4096)
def dump_sources(sources: tuple[str, ...]) -> str:
    """A record's sources as JSON text; the few distinct tuples are dumped once."""
    return dump(list(sources))


@lru_cache(maxsize=4096)
def load_sources(text: str) -> tuple[str, ...]:
    """A record's sources; the few distinct lists of a store are parsed once."""
    return tuple(json.loads(text))


def dump_options(options: Iterable[ConflictOption]) -> str:
    """A conflict's options as JSON text."""
    return dump([{"value": option.value, "source": option.source, "cell": option.cell,
                  "seen_at": option.seen_at.isoformat()} for option in options])


def load_options(text: str) -> tuple[ConflictOption, ...]:
    """A conflict's options from JSON text."""
    return tuple(ConflictOption(value=item["value"], source=item["source"], cell=item["cell"],
                                seen_at=dt.datetime.fromisoformat(item["seen_at"]))
                 for item in json.loads(text))
