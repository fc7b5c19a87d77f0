"""Per-manager views in the sync: read back as extra sources, then regenerated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crm_office.config.model import Config, Source
from crm_office.sync.plan import TablePlan
from crm_office.sync.typed import typed_value
from crm_office.sync.values import canonical
from crm_office.sync.views import VIEW_SHEETS, ViewResult, view_sheet_name, write_manager_views
from crm_office.writeback.service import OfficeWriter
from crm_office.writeback.stamp import FileStamp


def views_folder(config: Config) -> Path:
    return config.paths.workbooks / config.sync.views_folder


def view_sources(config: Config) -> dict[str, list[Source]]:
    """Each existing view file as an extra source of clients, deals and contacts."""
    sources: dict[str, list[Source]] = {}
    folder = views_folder(config)
    if not config.sync.manager_views or not folder.is_dir():
        return sources
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(("~$", ".~lock")):
            continue
        for table in VIEW_SHEETS:
            if table in config.tables:
                sources.setdefault(table, []).append(Source(
                    path=path, sheet=view_sheet_name(table, config.locale),
                    key_path="sync.manager_views",
                    file=f"{config.sync.views_folder}/{path.name}"))
    return sources


def with_views(config: Config) -> Config:
    """The config with the views added to their tables' sources."""
    extra = view_sources(config)
    if not extra:
        return config
    tables = {key: dataclasses.replace(table, sources=table.sources + tuple(extra.get(key, ())))
              for key, table in config.tables.items()}
    return dataclasses.replace(config, tables=tables)


def is_view(config: Config, path: Path) -> bool:
    return path.parent == views_folder(config)


def refresh_views(config: Config, plans: Mapping[str, TablePlan],
                  engine: Mapping[str, Mapping[str, Mapping[str, Any]]],
                  today: dt.date, stamps: Mapping[Path, FileStamp]) -> list[ViewResult]:
    """Write each active manager's view from the merged tables (unchanged views untouched).

    ``stamps`` are the files as the sync read them: a view saved since is left alone.
    """
    if not config.sync.manager_views or "managers" not in plans or "clients" not in plans:
        return []
    managers = [name for name, values in plans["managers"].merged.items()
                if values.get("active") != "false"]
    tables = {key: _typed(plans[key], engine.get(key, {}), config.locale)
              for key in VIEW_SHEETS if key in plans}
    for key, rows in tables.items():
        _keep_own_values_in_conflict(config, plans[key], rows)
    owners = {record_id: values.get("manager")
              for record_id, values in plans["clients"].merged.items()}
    for row in tables.get("contacts", []):  # a task without a manager is the client's manager's
        if not row.get("manager"):
            row["manager"] = owners.get(str(row.get("client_id") or "").upper())
    funnel = config.funnel
    open_stages = {stage.name for stage in funnel.stages if stage.name in funnel.open_stages}
    open_stages |= {stage.label_ru for stage in funnel.stages
                    if stage.name in funnel.open_stages and stage.label_ru}
    return write_manager_views(views_folder(config), managers, tables, locale=config.locale,
                               today=today, open_stages=open_stages,
                               writer=OfficeWriter.of(config.paths), stamps=stamps)


def _keep_own_values_in_conflict(config: Config, plan: TablePlan,
                                 rows: list[dict[str, Any]]) -> None:
    """While a conflict is open, a view keeps what its manager typed (like any workbook)."""
    if not plan.held:
        return
    by_id = {row[plan.table.id_column]: row for row in rows}
    for record_id, name in plan.held:
        for source, index in plan.places.get(record_id, []):
            if is_view(config, source.part.source.path) and name in source.values \
                    and record_id in by_id:
                by_id[record_id][name] = typed_value(source.values[name][index],
                                                     plan.table.column(name), config.locale)


def _typed(plan: TablePlan, engine: Mapping[str, Mapping[str, Any]],
           locale: str) -> list[dict[str, Any]]:
    table = plan.table
    rows = []
    for record_id, values in plan.merged.items():
        row = {column.key: typed_value(values.get(column.key), column, locale)
               for column in table.columns if column.key in values}
        for key, value in engine.get(record_id, {}).items():
            column = table.column(key)
            row[key] = typed_value(None if value is None else _text(value), column, locale)
        row[table.id_column] = record_id
        rows.append(row)
    return rows


def _text(value: Any) -> str:
    return canonical(value) or ""
