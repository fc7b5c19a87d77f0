"""IDs in a sync: the ones people typed, and the next ones in the table's scheme.

Every typed ID is the record's ID, whether or not it fits the scheme
(:mod:`crm_office.model.id_scheme`); only rows with an empty ID get a new one,
the next number after the highest one the table has (the store's counter never
moves back).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from crm_office.catalogue import say
from crm_office.store import Store
from crm_office.sync.plan import TablePlan
from crm_office.sync.sides import SourceRows
from crm_office.workbook.sheet_table import TableRead


def typed_ids(read: TableRead) -> Iterator[str]:
    """The non-empty IDs of every sheet of the table, as typed."""
    for part in read.parts:
        for value in part.columns.get(read.table.id_column, ()):
            if value is not None and str(value).strip():
                yield str(value)


def duplicate_notes(sources: Sequence[SourceRows], locale: str = "en") -> list[str]:
    """One line per row left alone because an earlier row of its sheet has the same ID."""
    notes = []
    for rows in sources:
        id_column = rows.part.table.id_column
        for index in rows.duplicates:
            cell = rows.cell(id_column, index) if id_column in rows.part.fields else ""
            typed = rows.part.columns[id_column][index]
            notes.append(say("sync.duplicate-id", locale, place=rows.label, cell=cell,
                             id=typed))
    return notes


def new_ids(store: Store, key: str, plan: TablePlan, year: int, *, dry_run: bool) -> list[str]:
    """IDs for the table's new rows, in its scheme; a dry run only looks at the counter."""
    scheme = plan.id_scheme
    count = len(plan.new_rows)
    if scheme is None or count == 0:
        return []
    counter = scheme.counter(key, year)
    numbers = (scheme.number(record_id, year) for record_id in plan.places)
    highest = max((number for number in numbers if number is not None), default=0)
    if dry_run:
        last = max(store.last_id(counter), highest)
        return [scheme.make(last + step, year) for step in range(1, count + 1)]
    with store.transaction() as tx:
        tx.set_last_id(counter, highest)
        return [scheme.make(number, year) for number in tx.next_numbers(counter, count)]


def give_ids(plan: TablePlan, ids: Sequence[str]) -> None:
    """Each new row of the plan becomes a record with its new ID (written back later)."""
    for (rows, index), new_id in zip(plan.new_rows, ids, strict=True):
        rows.keys[index] = new_id
        rows.fresh.add(index)
        plan.merged[new_id] = rows.record(index)
        plan.places[new_id] = [(rows, index)]
        plan.added.append(new_id)
        plan.touched.add(new_id)
