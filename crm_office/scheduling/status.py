"""``crm-office status`` and ``crm-office schedule export``: last and next run of every
job, and the same times for the system's own scheduler (cron, Windows, systemd)."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from dataclasses import dataclass, field
from typing import Any

from crm_office.config.model import Config
from crm_office.scheduling.journal import JobRun, Journal
from crm_office.scheduling.plan import DAYS, job_plans, office_zone
from crm_office.store.store import Store

COMMANDS = {"sync": "sync", "reminders": "run", "weekly_report": "report weekly",
            "documents": "documents", "mailings": "mail requests", "mail_fetch": "mail fetch"}


@dataclass
class StatusReport:
    serving: str
    """Who holds the scheduler lock ("" when no scheduler runs)."""
    jobs: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"serving": self.serving, "jobs": self.jobs}


def schedule_status(config: Config, now: dt.datetime | None = None) -> StatusReport:
    from crm_office.runlock import read_holder
    from crm_office.scheduling.serve import job_applies, serve_lock_path

    now = now or dt.datetime.now(office_zone(config.schedule))
    holder = read_holder(serve_lock_path(config))
    serving = "" if holder is None or holder.is_dead() else \
        f"pid {holder.pid} on {holder.host} since {holder.started}"
    report = StatusReport(serving)
    with Store.open(config.paths.store, config.paths.root) as store:
        journal = Journal(store)
        for plan in job_plans(config.schedule):
            if not job_applies(config, plan.name):
                continue
            last: JobRun | None = journal.last(plan.name)
            report.jobs.append({"job": plan.name,
                                "last": last.to_dict() if last else None,
                                "next": plan.next_due(now).isoformat(timespec="minutes")})
    return report


def export_schedule(config: Config, kind: str) -> str:
    """Crontab lines, schtasks commands or a systemd unit for the office's jobs."""
    schedule = config.schedule
    program = shlex.quote(sys.argv[0] if sys.argv[0].endswith("crm-office") else "crm-office")
    base = f"{program} --config {shlex.quote(str(config.path.resolve()))} -q"
    hour, minute = schedule.reminders_at.split(":")
    week_hour, week_minute = schedule.weekly_report_at.split(":")
    day = DAYS.index(schedule.weekly_report_day)
    extra = _interval_jobs(config)
    if kind == "cron":
        days = "1-5" if schedule.working_days_only else "*"
        zone = f"CRON_TZ={schedule.time_zone}\n" if schedule.time_zone else ""
        return (f"{zone}*/{schedule.sync_every_minutes} * * * {days} {base} sync\n"
                f"{int(minute)} {int(hour)} * * * {base} run\n"
                f"{int(week_minute)} {int(week_hour)} * * {(day + 1) % 7} {base} report weekly\n"
                + "".join(f"*/{every} * * * {days} {base} {COMMANDS[name]}\n"
                          for name, every in extra.items()))
    if kind == "windows":
        short = DAYS[day][:3].upper()
        return (f'schtasks /Create /TN "crm-office sync" /SC MINUTE '
                f'/MO {schedule.sync_every_minutes} /TR "{base} sync"\n'
                f'schtasks /Create /TN "crm-office reminders" /SC DAILY '
                f'/ST {schedule.reminders_at} /TR "{base} run"\n'
                f'schtasks /Create /TN "crm-office weekly report" /SC WEEKLY /D {short} '
                f'/ST {schedule.weekly_report_at} /TR "{base} report weekly"\n'
                + "".join(f'schtasks /Create /TN "crm-office {COMMANDS[name]}" /SC MINUTE '
                          f'/MO {every} /TR "{base} {COMMANDS[name]}"\n'
                          for name, every in extra.items()))
    return ("[Unit]\nDescription=crm-office scheduler for "
            f"{config.office.name}\nAfter=network-online.target\n\n[Service]\n"
            f"WorkingDirectory={config.path.resolve().parent}\n"
            f"ExecStart={base} serve\nRestart=on-failure\nKillSignal=SIGTERM\n"
            "TimeoutStopSec=600\n\n[Install]\nWantedBy=multi-user.target\n")


def _interval_jobs(config: Config) -> dict[str, int]:
    from crm_office.scheduling.plan import interval_jobs
    from crm_office.scheduling.serve import job_applies

    return {name: every for name, every in interval_jobs(config.schedule).items()
            if job_applies(config, name)}
