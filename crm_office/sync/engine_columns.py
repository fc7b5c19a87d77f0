"""The merged tables as typed rows, and the engine columns computed from them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from crm_office.config.model import Config
from crm_office.model import BUILTIN_TABLES, ColumnType
from crm_office.sync.computed import compute_columns
from crm_office.sync.plan import TablePlan

Rows = list[dict[str, Any]]
EngineValues = dict[str, dict[str, dict[str, object]]]
"""Table -> record id -> engine column -> value."""


def typed_rows(plan: TablePlan, fields: tuple[str, ...] | None = None) -> Rows:
    """Each merged record as a dict; dates become ``date`` (other values stay canonical text)."""
    table = plan.table
    dates = [column.key for column in table.columns if column.type is ColumnType.DATE
             and (fields is None or column.key in fields)]
    rows: Rows = []
    for record_id, values in plan.merged.items():
        row: dict[str, Any] = dict(values) if fields is None else \
            {key: values.get(key) for key in fields}
        row[table.id_column] = record_id
        for key in dates:
            text = row.get(key)
            row[key] = date.fromisoformat(text[:10]) if text else None
        rows.append(row)
    return rows


USED = {
    "clients": None,
    "contacts": ("client_id", "date", "next_date", "manager"),
    "deals": ("client_id", "stage", "created", "manager", "amount"),
    "invoices": ("client_id", "deal_id", "amount", "due_date", "date"),
    "payments": ("invoice", "amount"),
}


def engine_values(config: Config, plans: Mapping[str, TablePlan], today: date,
                  stage_since: Mapping[str, date]) -> EngineValues:
    """Table -> record id -> engine column -> value, for the tables that have such columns."""
    tables = {key: typed_rows(plans[key], fields) for key, fields in USED.items()
              if key in plans}
    return compute_columns(tables, funnel=config.funnel, today=today, stage_since=stage_since)


def engine_column_keys(table_key: str) -> list[str]:
    """The engine-owned columns the engine fills for a table (not the ID)."""
    table = BUILTIN_TABLES[table_key]
    return [column.key for column in table.columns
            if column.owner.value == "engine" and column.key != table.id_column]
