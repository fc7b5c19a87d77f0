"""Guards of a sync: situations where doing the obvious thing would lose or double data."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from crm_office.catalogue import Text, say
from crm_office.config.model import Source, TableConfig
from crm_office.model import BUILTIN_TABLES, Table
from crm_office.problems import Problem, make_problem
from crm_office.sync.plan import TablePlan
from crm_office.sync.sides import SourceRows
from crm_office.workbook.sheet_table import TableRead


def sources_of(plan: TablePlan) -> list[SourceRows]:
    """Every sheet that holds rows of the planned table (each once)."""
    found: dict[int, SourceRows] = {}
    for places in plan.places.values():
        for rows, _ in places:
            found.setdefault(id(rows), rows)
    for rows, _ in plan.new_rows:
        found.setdefault(id(rows), rows)
    return list(found.values())


def lost_id_column(read: TableRead, base_sources: Mapping[str, Sequence[str]],
                   locale: str) -> Problem | None:
    """A sheet that held records but has no ID column now (a renamed header?) would make
    every record look deleted and new: the problem that leaves the table out, or None."""
    table = read.table
    known = {label for labels in base_sources.values() for label in labels}
    for part in read.parts:
        if table.id_column not in part.fields and part.source.label in known:
            header = table.column(table.id_column).header(locale)
            return make_problem("id-column-lost", locale=locale, file=part.source.file or
                                part.source.path.name, sheet=part.source.sheet,
                                row=part.header_row, header=header, table=_name(table, locale),
                                fix=Text("rename-header-back", header=header))
    return None


def mass_archive(plan: TablePlan, known: int, allowed: bool,
                 locale: str = "en") -> Problem | None:
    """Archiving most of a table at once is more likely a broken sheet than a cleanup:
    archive nothing and say so (the problem), unless allowed."""
    if allowed or len(plan.archived) <= max(10, known // 2):
        return None
    count = len(plan.archived)
    plan.archived = []
    return make_problem("mass-archive", locale=locale, count=count, known=known,
                        command="crm-office sync --allow-mass-archive",
                        table=_name(plan.table, locale))


def _name(table: Table, locale: str) -> str:
    return table.title(locale) if locale == "ru" else table.key


def archive_view_only(plan: TablePlan, is_view: Callable[[SourceRows], bool]) -> None:
    """A known record left only in managers' views was deleted from its workbook."""
    views = {id(rows) for rows in sources_of(plan) if is_view(rows)}
    if not views:
        return
    new = set(plan.added) | set(plan.restored)
    for record_id, places in list(plan.places.items()):
        if record_id not in new and all(id(rows) in views for rows, _ in places):
            del plan.places[record_id]
            plan.merged.pop(record_id, None)
            plan.touched.discard(record_id)
            plan.archived.append(record_id)


def forget_unwritten(plans: Mapping[str, TablePlan], skipped: set[str]) -> set[str]:
    """New rows of a workbook that could not be written did not get their IDs there:
    forget them for now (views, store), so the next sync adds them once, not twice."""
    dropped: set[str] = set()
    if not skipped:
        return dropped
    for plan in plans.values():
        for record_id in list(plan.added):
            places = plan.places.get(record_id, [])
            if places and all(rows.part.source.file in skipped for rows, _ in places):
                plan.places.pop(record_id)
                plan.merged.pop(record_id, None)
                plan.touched.discard(record_id)
                plan.added.remove(record_id)
                dropped.add(record_id)
    return dropped


def unread_sources(table_config: TableConfig, read: TableRead) -> list[Source]:
    """The office's own places of a table (not the manager views) that could not be read."""
    read_places = {(part.source.path, part.source.sheet) for part in read.parts}
    return [source for source in table_config.sources
            if (source.path, source.sheet) not in read_places]


def held_table(table: Table, unread: Sequence[Source], locale: str = "en") -> Problem | None:
    """A table with a place that could not be read waits whole: merging the rest would
    rewrite views from half the records, and take the missing ones for deleted. The
    problem that says so, or None."""
    if not unread:
        return None
    places = ", ".join(source.label for source in unread)
    return make_problem("table-not-synced", locale=locale, places=places,
                        command="crm-office check", table=_name(table, locale))


def held_note(held: set[str], locale: str = "en") -> str:
    """Why the manager views and engine columns stayed as they were this run."""
    names = sorted(f"«{BUILTIN_TABLES[key].title(locale)}»"
                   if locale == "ru" and key in BUILTIN_TABLES else key for key in held)
    return say("sync.views-held", locale, tables=", ".join(names))
