"""The weekly report's figures in the store: one row per ISO week and scope.

``scope`` is ``office`` for the whole office or a manager's name for their own report.
A re-run of a week replaces that week's row only.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.store import schema
from crm_office.store.upsert import dialect_insert

OFFICE_SCOPE = "office"


def load_weekly_figures(conn: Connection, scope: str) -> list[dict[str, Any]]:
    """Every stored week of ``scope``: ``{"week": "2026-W47", <figure>: value, ...}``."""
    table = schema.weekly_figures
    rows = conn.execute(sa.select(table.c.week, table.c.figures)
                        .where(table.c.scope == scope).order_by(table.c.week))
    return [{"week": week, **json.loads(figures)} for week, figures in rows]


def put_weekly_figures(conn: Connection, week: str, scope: str,
                       figures: dict[str, Any]) -> None:
    """Insert or replace the row of ``week``."""
    table = schema.weekly_figures
    values = {"week": week, "scope": scope, "figures": json.dumps(figures, default=str),
              "made_at": dt.datetime.now(dt.UTC)}
    statement = dialect_insert(conn, table).values(**values)
    conn.execute(statement.on_conflict_do_update(
        index_elements=["week", "scope"],
        set_={"figures": values["figures"], "made_at": values["made_at"]}))
