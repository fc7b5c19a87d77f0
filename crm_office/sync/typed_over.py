"""Values people typed into engine-owned columns: the engine's value replaces them, and the
sync report says which cells and what was there.

A cell of an engine column that differs from the value the engine computes now is either
the engine's own value of the last sync (the inputs moved on: a payment, a new contact, a
new day) or something a person typed. The engine values of the last sync are kept in the
store (:mod:`crm_office.sync.engine_memory`) and read only when such a cell exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from crm_office.sync.engine_columns import EngineValues
from crm_office.sync.sides import SourceRows
from crm_office.sync.typed import typed_value
from crm_office.sync.values import canonical


@dataclass(frozen=True)
class ReplacedCell:
    """A typed value in an engine-owned column, and the engine's value that replaces it."""

    file: str
    sheet: str
    cell: str
    record_id: str
    column: str
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    def line(self) -> str:
        """``clients.xlsx [Clients] J3 (Debt, C-000002): 700 → 0``."""
        return (f"{self.file} [{self.sheet}] {self.cell} ({self.column}, {self.record_id}): "
                f"{self.old} → {self.new if self.new is not None else '(empty)'}")


_Candidate = tuple[SourceRows, int, str, Any, Any]

NOT_A_VALUE = "(not a value)"
"""The old value of a cell whose text could not be read as the column's type."""


def typed_over_engine(sources: Iterable[SourceRows], engine: EngineValues,
                      before: Callable[[], Mapping[str, Mapping[str, Mapping[str, object]]]],
                      locale: str) -> list[ReplacedCell]:
    """Cells of engine columns holding neither the engine's value now nor its last one."""
    found = _differing(sources, engine, locale)
    if not found:
        return []
    last = before()
    replaced = []
    for rows, index, name, current, shown in found:
        part = rows.part
        key = rows.keys[index] or ""
        previous = last.get(part.table.key, {}).get(key, {}).get(name)
        if previous is not None and canonical(typed_value(
                canonical(previous), part.table.column(name), locale)) == canonical(current):
            continue
        replaced.append(ReplacedCell(part.source.file or part.source.path.name,
                                     part.source.sheet, rows.cell(name, index), key,
                                     part.fields[name].header, canonical(current),
                                     canonical(shown)))
    return replaced


def _differing(sources: Iterable[SourceRows], engine: EngineValues,
               locale: str) -> list[_Candidate]:
    """Non-empty engine cells the sync will overwrite with a different value."""
    found: list[_Candidate] = []
    for rows in sources:
        part = rows.part
        values = engine.get(part.table.key, {})
        for index, key in enumerate(rows.keys):
            for name, value in values.get(key, {}).items() if key is not None else ():
                current = part.columns[name][index] if name in part.columns else None
                if current is None and index in part.unreadable.get(name, ()):
                    current = NOT_A_VALUE  # text typed where a number or date belongs
                if current is None:
                    continue
                shown = typed_value(canonical(value), part.table.column(name), locale)
                if canonical(current) != canonical(shown):
                    found.append((rows, index, name, current, shown))
    return found
