"""The engine values each sync wrote, kept in the store until the next one.

A cell of an engine column that holds neither the value the engine computes now nor the
one it wrote last time was typed by a person (:mod:`crm_office.sync.typed_over`). The values
are kept per table as one JSON text in the store's ``meta`` table: record id -> column ->
canonical value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set

from crm_office.store import Store
from crm_office.sync.engine_columns import EngineValues
from crm_office.sync.values import canonical

KEY = "engine_values:{table}"

Remembered = dict[str, dict[str, dict[str, str | None]]]


def remembered(store: Store, tables: Set[str]) -> Remembered | None:
    """What the last sync wrote into the engine columns of ``tables``; None when a table's
    values were never kept (a store from before this was kept: compute them instead)."""
    found: Remembered = {}
    for table in sorted(tables):
        text = store.meta(KEY.format(table=table))
        if text is None:
            return None
        found[table] = json.loads(text)
    return found


def to_remember(engine: EngineValues, before: Remembered,
                stale: Mapping[str, Set[str]]) -> dict[str, str]:
    """Meta key -> JSON text of the values written now. Records of a workbook that could not
    be written keep the values that are still in their cells: the ones kept before."""
    texts: dict[str, str] = {}
    for table, values in engine.items():
        kept = {record_id: {name: canonical(value) for name, value in columns.items()}
                for record_id, columns in values.items()}
        old = before.get(table, {})
        for record_id in stale.get(table, set()):
            if record_id in old:
                kept[record_id] = old[record_id]
            else:
                kept.pop(record_id, None)
        texts[KEY.format(table=table)] = json.dumps(kept, ensure_ascii=False,
                                                    separators=(",", ":"))
    return texts
