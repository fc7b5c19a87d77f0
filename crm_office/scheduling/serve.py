"""``crm-office serve``: run the office's jobs at their times, forever, one scheduler per
office.

Each tick runs every job whose latest due moment (:mod:`~crm_office.scheduling.plan`)
has no successful run in the journal. A daily or weekly moment before this scheduler
started is caught up only for a job that has run before (after downtime, not on the
very first start); sync runs at once.
A failing job is logged in the journal and retried after ``retry_minutes``; the other
jobs go on. SIGTERM or Ctrl-C stops the loop after the current job. Only one scheduler
runs per office: ``crm-office-serve.lock`` next to the run lock, taken like it (a
lock left by a killed scheduler is taken over).
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from crm_office.config.model import Config
from crm_office.scheduling.journal import Journal
from crm_office.scheduling.plan import JobPlan, job_plans, office_zone
from crm_office.store.store import Store

log = logging.getLogger(__name__)
SERVE_LOCK = "crm-office-serve.lock"
TICK_SECONDS = 30.0

Job = Callable[[], object]


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def sleep(self, seconds: float, stop: threading.Event) -> None: ...


class SystemClock:
    """The real clock, in the office's time zone."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.zone = zone

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.zone)

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        stop.wait(seconds)


def serve_lock_path(config: Config) -> Path:
    from crm_office.runlock import lock_path

    return lock_path(config).with_name(SERVE_LOCK)


@contextmanager
def serve_lock(config: Config) -> Iterator[Path]:
    """Hold the scheduler lock of the office; a second scheduler gets OfficeBusyError."""
    from crm_office.runlock import acquire, release

    path = serve_lock_path(config)
    me = acquire(path, "serve", 0)
    try:
        yield path
    finally:
        release(path, me)


@dataclass
class Scheduler:
    config: Config
    jobs: dict[str, Job]
    clock: Clock
    store: Store
    retry_minutes: float = 10
    stop: threading.Event = field(default_factory=threading.Event)
    plans: tuple[JobPlan, ...] = ()

    def __post_init__(self) -> None:
        self.plans = self.plans or job_plans(self.config.schedule)
        self.journal = Journal(self.store)
        self.started_at = self.clock.now()

    def tick(self) -> list[str]:
        """Run every job that is due now; the names of those run, in order."""
        ran = []
        for plan in self.plans:
            if self.stop.is_set():
                break
            if plan.name in self.jobs and self._due(plan) is not None:
                self._run(plan.name, self._due(plan) or self.clock.now())
                ran.append(plan.name)
        return ran

    def _due(self, plan: JobPlan) -> dt.datetime | None:
        now = self.clock.now()
        due = plan.latest_due(now)
        if due is None or self.journal.done_for(plan.name, due):
            return None
        last = self.journal.last(plan.name)
        if due < self.started_at and last is None and not plan.every_minutes:
            return None  # first start ever: no reminder or report was missed
        if last is not None and last.status == "failed" and \
                now - last.started_at < dt.timedelta(minutes=self.retry_minutes):
            return None
        return due

    def _run(self, name: str, due: dt.datetime) -> None:
        run_id = self.journal.start(name, due, self.clock.now())
        log.info("job %s (due %s) started", name, due.isoformat(timespec="minutes"))
        try:
            result = self.jobs[name]()
        except Exception as exc:  # a failing job must not stop the others
            log.exception("job %s failed", name)
            self.journal.finish(run_id, "failed", f"{type(exc).__name__}: {exc}",
                                self.clock.now())
            return
        ok = getattr(result, "ok", True)
        self.journal.finish(run_id, "ok" if ok else "failed", str(result or "")[:500],
                            self.clock.now())
        log.info("job %s finished: %s", name, "ok" if ok else "failed")

    def serve(self, max_ticks: int | None = None) -> None:
        """Tick until stopped (SIGTERM, Ctrl-C or ``stop``), sleeping between ticks."""
        ticks = 0
        while not self.stop.is_set():
            self.tick()
            ticks += 1
            if max_ticks is not None and ticks >= max_ticks:
                break
            self.clock.sleep(TICK_SECONDS, self.stop)
        log.info("scheduler stopped")


def stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM and Ctrl-C stop the loop after the current job."""
    def handler(number: int, _frame: object) -> None:
        log.info("signal %d: stopping after the current job", number)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def office_jobs(config: Config, clock: Clock) -> dict[str, Job]:
    """The real jobs, each inside the office's run lock."""
    from crm_office.runlock import office_lock

    def sync() -> object:
        from crm_office.sync.run import run_sync

        with office_lock(config, "serve: sync"):
            return run_sync(config)

    def reminders() -> object:
        from crm_office.reminders import run_reminders

        with office_lock(config, "serve: reminders"):
            return run_reminders(config, clock.now().date())

    def weekly_report() -> object:
        from crm_office.analysis.service import make_weekly_report

        with office_lock(config, "serve: weekly report"):
            return make_weekly_report(config, today=clock.now().date()).report

    jobs: dict[str, Job] = {"sync": sync, "reminders": reminders,
                            "weekly_report": weekly_report}
    return {**jobs, **{name: job for name, job in request_jobs(config, clock).items()
                       if job_applies(config, name)}}


def request_jobs(config: Config, clock: Clock) -> dict[str, Job]:
    """What staff ask for in the workbooks (documents, the Send column) and the mailbox."""
    from crm_office.runlock import office_lock

    def documents() -> object:
        from crm_office.documents.make import make_documents

        with office_lock(config, "serve: documents"):
            return make_documents(config, today=clock.now().date())

    def mailings() -> object:
        from crm_office.mail.requests_column import carry_out_requests

        with office_lock(config, "serve: mailings"):
            return carry_out_requests(config)

    def mail_fetch() -> object:
        from crm_office.mail.fetch import fetch_mail

        with office_lock(config, "serve: mail fetch"):
            return fetch_mail(config)

    return {"documents": documents, "mailings": mailings, "mail_fetch": mail_fetch}


def job_applies(config: Config, name: str) -> bool:
    """Whether the office has what a job works on (deals, a Campaigns sheet, a mailbox)."""
    if name == "documents":
        return "deals" in config.tables
    if name == "mailings":
        return "campaigns" in config.tables
    if name == "mail_fetch":
        return bool(config.mail.imap.host) or config.mail.transport in ("exchange", "graph")
    return True


def log_to_file(config: Config) -> Path:
    """Also log into ``output/logs/serve.log``, rotated at 1 MB, 5 kept."""
    from logging.handlers import RotatingFileHandler

    path = config.paths.output / "logs" / "serve.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path


def serve_office(config: Config, jobs: dict[str, Job] | None = None,
                 clock: Clock | None = None) -> None:
    """``crm-office serve``: lock, log file, signals, then the loop until stopped."""
    clock = clock or SystemClock(office_zone(config.schedule))
    with serve_lock(config):
        log_to_file(config)
        with Store.open(config.paths.store, config.paths.root) as store:
            scheduler = Scheduler(config, jobs or office_jobs(config, clock), clock, store,
                                  retry_minutes=config.schedule.sync_every_minutes)
            stop_on_signals(scheduler.stop)
            log.info("scheduler of %s started (pid lock %s)", config.office.name,
                     serve_lock_path(config))
            scheduler.serve()


