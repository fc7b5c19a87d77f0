"""The run journal of the scheduler, kept in the store (``job_runs``).

``schedule`` keeps nothing across restarts; the journal does: each run with the moment
it was due for, its start, end, status (running, ok, failed) and message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from crm_office.store import schema
from crm_office.store.store import Store


@dataclass(frozen=True)
class JobRun:
    job: str
    due_at: dt.datetime
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"job": self.job, "due_at": self.due_at.isoformat(),
                "started_at": self.started_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                "status": self.status, "message": self.message}


class Journal:
    """Reads and writes ``job_runs`` of one store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def start(self, job: str, due_at: dt.datetime, now: dt.datetime) -> int:
        table = schema.job_runs
        with self._store.connection() as conn:
            result = conn.execute(sa.insert(table).values(
                job=job, due_at=due_at, started_at=now, status="running", message=""))
            key = result.inserted_primary_key
            if key is None:
                raise RuntimeError("the store gave no id for the new job run")
            return int(key[0])

    def finish(self, run_id: int, status: str, message: str, now: dt.datetime) -> None:
        table = schema.job_runs
        with self._store.connection() as conn:
            conn.execute(sa.update(table).where(table.c.id == run_id).values(
                finished_at=now, status=status, message=message[:2000]))

    def runs(self, job: str | None = None, limit: int = 50) -> list[JobRun]:
        """The latest runs, newest first."""
        table = schema.job_runs
        query = sa.select(table).order_by(table.c.id.desc()).limit(limit)
        if job is not None:
            query = query.where(table.c.job == job)
        with self._store.connection() as conn:
            return [JobRun(row.job, row.due_at, row.started_at, row.finished_at, row.status,
                           row.message) for row in conn.execute(query)]

    def done_for(self, job: str, due_at: dt.datetime) -> bool:
        """Whether a run of ``job`` for ``due_at`` (or a later moment) succeeded."""
        table = schema.job_runs
        query = sa.select(sa.func.count()).select_from(table).where(
            table.c.job == job, table.c.status == "ok", table.c.due_at >= due_at)
        with self._store.connection() as conn:
            return bool(conn.execute(query).scalar())

    def last(self, job: str) -> JobRun | None:
        runs = self.runs(job, 1)
        return runs[0] if runs else None
