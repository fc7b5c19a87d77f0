"""The scheduler: each job at its times (injected clock), a missed Monday caught up
exactly once after a restart, a failing job retried, one scheduler per office, its
lock recovered after SIGKILL, a clean stop on SIGTERM (real processes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.config.model import Config
from crm_office.demo.office import create_office
from crm_office.errors import OfficeBusyError
from crm_office.scheduling.journal import Journal
from crm_office.scheduling.plan import job_plans
from crm_office.scheduling.serve import Scheduler, serve_lock, serve_lock_path
from crm_office.scheduling.status import export_schedule, schedule_status
from crm_office.store.store import Store

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # 16 Nov is a Monday


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.moment = now

    def now(self) -> dt.datetime:
        return self.moment

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Config:
    folder = tmp_path_factory.mktemp("office")
    create_office(folder, "en", force=False)
    config = load_config(folder / "config.toml")
    return dataclasses.replace(config, schedule=dataclasses.replace(config.schedule,
                                                                    time_zone="UTC"))


@pytest.fixture
def fresh(office: Config, tmp_path: Path) -> Iterator[Config]:
    config = dataclasses.replace(office, paths=dataclasses.replace(
        office.paths, store=str(tmp_path / "store.sqlite")))
    yield config


def scheduler(config: Config, clock: FakeClock, ran: list[str], store: Store,
              fail: set[str] | None = None) -> Scheduler:
    def job(name: str) -> object:
        def run() -> str:
            if fail and name in fail:
                raise RuntimeError(f"{name} broke")
            ran.append(f"{name}@{clock.now():%a %H:%M}")
            return "done"
        return run

    return Scheduler(config, {name: job(name) for name in ("sync", "reminders",
                                                          "weekly_report")},
                     clock, store, retry_minutes=10)


def test_plan_times() -> None:
    from crm_office.config.model import Schedule

    sync, reminders, weekly, *requests = job_plans(Schedule(10, "08:30", "monday", "07:00"))
    assert [(plan.name, plan.every_minutes, plan.working_days_only) for plan in requests] == [
        ("documents", 10, True), ("mailings", 10, True), ("mail_fetch", 10, True)]
    assert [plan.name for plan in job_plans(Schedule(
        10, "08:30", "monday", "07:00", mail_fetch_every_minutes=0))][3:] == [
        "documents", "mailings"]
    assert sync.latest_due(at(16, 9, 17)) == at(16, 9, 10)
    assert sync.latest_due(at(21, 9, 17)) is None  # Saturday: working days only
    assert sync.next_due(at(20, 23, 55)) == at(23, 0, 0)  # Friday night -> Monday
    assert reminders.latest_due(at(16, 8, 0)) == at(15, 8, 30)
    assert weekly.latest_due(at(22, 12)) == at(16, 7)
    assert weekly.next_due(at(16, 7)) == at(23, 7)


def test_each_job_runs_at_its_times(fresh: Config) -> None:
    clock, ran = FakeClock(at(16, 6, 55)), []
    with Store.open(fresh.paths.store, fresh.paths.root) as store:
        loop = scheduler(fresh, clock, ran, store)
        for moment in (at(16, 6, 55), at(16, 6, 58), at(16, 7, 0), at(16, 7, 5),
                       at(16, 8, 30), at(16, 8, 31), at(17, 8, 30)):
            clock.moment = moment
            loop.tick()
    # first start: yesterday's reminders and last Monday's report were not "missed"
    assert ran == ["sync@Mon 06:55", "sync@Mon 07:00", "weekly_report@Mon 07:00",
                   "sync@Mon 08:30", "reminders@Mon 08:30", "sync@Tue 08:30",
                   "reminders@Tue 08:30"]


def test_a_missed_monday_is_caught_up_exactly_once(fresh: Config) -> None:
    ran: list[str] = []
    with Store.open(fresh.paths.store, fresh.paths.root) as store:
        clock = FakeClock(at(16, 7, 0))
        first = scheduler(fresh, clock, ran, store)
        first.tick()
        clock.moment = at(16, 8, 30)
        first.tick()  # ran on Monday 16th, then went down for a week
        ran.clear()
        for _restart in range(3):  # Tuesday 24th, after the next Monday was missed
            clock = FakeClock(at(24, 9, 0))
            loop = scheduler(fresh, clock, ran, store)
            loop.tick()
            clock.moment = at(24, 9, 5)
            loop.tick()
        assert ran == ["sync@Tue 09:00", "reminders@Tue 09:00", "weekly_report@Tue 09:00"]
        runs = Journal(store).runs("weekly_report")
        assert runs[0].due_at == at(23, 7) and runs[0].status == "ok"


def test_a_failing_job_is_logged_and_retried_without_stopping_others(fresh: Config) -> None:
    ran: list[str] = []
    with Store.open(fresh.paths.store, fresh.paths.root) as store:
        clock = FakeClock(at(16, 8, 30))
        loop = scheduler(fresh, clock, ran, store, fail={"sync"})
        loop.tick()
        assert ran == ["reminders@Mon 08:30"]
        last = Journal(store).last("sync")
        assert last is not None and last.status == "failed"
        assert last.message == "RuntimeError: sync broke"
        clock.moment = at(16, 8, 35)
        loop.tick()  # within the retry delay: not again yet
        assert len(Journal(store).runs("sync")) == 1
        loop.jobs["sync"] = lambda: ran.append("sync again")
        clock.moment = at(16, 8, 41)
        loop.tick()
        assert ran[-1] == "sync again"
        report = schedule_status(fresh, at(16, 8, 42))
        jobs = {job["job"]: job for job in report.jobs}
        assert jobs["sync"]["last"]["status"] == "ok"
        assert jobs["sync"]["next"] == "2026-11-16T08:50+00:00"


SERVE_SCRIPT = textwrap.dedent("""
    import sys, time, dataclasses
    from crm_office.config import load_config
    from crm_office.scheduling.serve import serve_office
    config = load_config(sys.argv[1])
    config = dataclasses.replace(config, paths=dataclasses.replace(
        config.paths, store=sys.argv[2]))
    marker = sys.argv[3]
    def slow():
        open(marker, "a").write("started\\n")
        time.sleep(1.5)
        open(marker, "a").write("finished\\n")
    serve_office(config, {"sync": slow})
""")


def start_serve(config: Config, marker: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SERVE_SCRIPT, str(config.path),
                             config.paths.store, str(marker)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(check: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_one_scheduler_per_office_sigterm_and_sigkill(fresh: Config, tmp_path: Path) -> None:
    if dt.datetime.now().weekday() >= 5:
        fresh = dataclasses.replace(fresh, schedule=dataclasses.replace(
            fresh.schedule, working_days_only=False))
    marker = tmp_path / "marker"
    process = start_serve(fresh, marker)
    wait_for(lambda: marker.exists() and "started" in marker.read_text())
    with pytest.raises(OfficeBusyError), serve_lock(fresh):
        pass  # a second scheduler is refused while the first runs
    process.send_signal(signal.SIGTERM)  # in the middle of the job
    assert process.wait(timeout=60) == 0
    assert marker.read_text() == "started\nfinished\n"  # the job was finished first
    assert not serve_lock_path(fresh).exists()
    with Store.open(fresh.paths.store, fresh.paths.root) as store:
        assert Journal(store).last("sync").status == "ok"  # type: ignore[union-attr]
    assert (fresh.paths.output / "logs" / "serve.log").is_file()

    killed = start_serve(fresh, marker)
    wait_for(lambda: (fresh.paths.output / "logs" / "serve.log").read_text().count(
        "scheduler of") == 2)  # the second one holds the lock and runs
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=60)
    with serve_lock(fresh) as path:  # the dead scheduler's lock is taken over
        assert path.exists()


def test_export_lines(office: Config) -> None:
    cron = export_schedule(office, "cron")
    assert cron.startswith("CRON_TZ=UTC\n*/10 * * * 1-5 ")
    assert cron.splitlines()[3].startswith("0 7 * * 1 ") and "report weekly" in cron
    windows = export_schedule(office, "windows")
    assert "/SC WEEKLY /D MON /ST 07:00" in windows
    assert "ExecStart=" in export_schedule(office, "systemd")
