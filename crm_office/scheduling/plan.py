"""When each job of ``[schedule]`` is due, in the office's time zone (pure).

- ``sync`` every ``sync_every_minutes`` (Monday to Friday when ``working_days_only``);
- ``reminders`` every day at ``reminders_at``;
- ``weekly_report`` on ``weekly_report_day`` at ``weekly_report_at``;
- ``documents``, ``mailings`` (the Campaigns sheet's Send column) and ``mail_fetch``
  (replies and bounces) every ``<job>_every_minutes``, on working days like sync.

:func:`latest_due` is the last moment a job was due at or before now: the scheduler
runs the job when its journal has no successful run for that moment, so after any
downtime a missed reminder run or weekly report is caught up exactly once (the latest
missed moment only, never one run per missed day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from crm_office.config.model import Schedule

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class JobPlan:
    """One job: every ``every_minutes``, or daily at ``at`` (on ``weekday`` only, if set)."""

    name: str
    every_minutes: int = 0
    at: dt.time | None = None
    weekday: int | None = None
    working_days_only: bool = False

    def latest_due(self, now: dt.datetime) -> dt.datetime | None:
        """The last moment at or before ``now`` the job was due (None: never yet)."""
        if self.every_minutes:
            return self._latest_interval(now)
        assert self.at is not None
        day = now.date()
        for back in range(8):
            candidate = dt.datetime.combine(day - dt.timedelta(days=back), self.at, now.tzinfo)
            if candidate <= now and self._on(candidate.date()):
                return candidate
        return None

    def next_due(self, now: dt.datetime) -> dt.datetime:
        """The first moment after ``now`` the job is due."""
        if self.every_minutes:
            step = dt.timedelta(minutes=self.every_minutes)
            latest = self._latest_interval(now)
            candidate = (latest or _midnight(now)) + step
            while not self._on(candidate.date()):
                candidate = _midnight(candidate) + dt.timedelta(days=1)
            return candidate
        assert self.at is not None
        for ahead in range(9):
            candidate = dt.datetime.combine(now.date() + dt.timedelta(days=ahead), self.at,
                                            now.tzinfo)
            if candidate > now and self._on(candidate.date()):
                return candidate
        raise AssertionError("a daily or weekly job is due within 8 days")

    def _on(self, day: dt.date) -> bool:
        if self.weekday is not None and day.weekday() != self.weekday:
            return False
        return not (self.working_days_only and day.weekday() >= 5)

    def _latest_interval(self, now: dt.datetime) -> dt.datetime | None:
        if not self._on(now.date()):
            return None
        start = _midnight(now)
        minutes = int((now - start).total_seconds() // 60)
        return start + dt.timedelta(minutes=minutes - minutes % self.every_minutes)


def _midnight(moment: dt.datetime) -> dt.datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def job_plans(schedule: Schedule) -> tuple[JobPlan, ...]:
    return (
        JobPlan("sync", every_minutes=schedule.sync_every_minutes,
                working_days_only=schedule.working_days_only),
        JobPlan("reminders", at=_time(schedule.reminders_at)),
        JobPlan("weekly_report", at=_time(schedule.weekly_report_at),
                weekday=DAYS.index(schedule.weekly_report_day)),
        *(JobPlan(name, every_minutes=minutes, working_days_only=schedule.working_days_only)
          for name, minutes in interval_jobs(schedule).items()),
    )


def interval_jobs(schedule: Schedule) -> dict[str, int]:
    """documents, mailings and mail_fetch with their minutes (those set to 0 left out)."""
    minutes = {"documents": schedule.documents_every_minutes,
               "mailings": schedule.mailings_every_minutes,
               "mail_fetch": schedule.mail_fetch_every_minutes}
    return {name: every for name, every in minutes.items() if every > 0}


def office_zone(schedule: Schedule) -> dt.tzinfo:
    """The office's time zone (``schedule.time_zone``), or this computer's."""
    if schedule.time_zone:
        return ZoneInfo(schedule.time_zone)
    zone = dt.datetime.now().astimezone().tzinfo
    return zone if zone is not None else dt.UTC


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))
