"""One crm-office run at a time: real processes racing for the office's run lock."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.demo.office import create_office
from crm_office.errors import OfficeBusyError
from crm_office.runlock import LOCK_NAME, Holder, acquire, office_lock, read_holder, release
from tests.sync_office import build_sync_office

ROOT = Path(__file__).resolve().parents[1]


def crm_office(config: Path, *args: str) -> subprocess.Popen[str]:
    """Start the real command line in its own process."""
    return subprocess.Popen([sys.executable, "-m", "crm_office.cli.main", "--config",
                             str(config), *args], cwd=ROOT, text=True,
                            env={**os.environ, "COLUMNS": "400"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return process.returncode, out, " ".join(err.split())  # rich pads and wraps log lines


def with_wait(tmp_path: Path, seconds: float) -> Path:
    config = build_sync_office(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('name = "Sync Office"',
                                   f'name = "Sync Office"\nlock_wait_seconds = {seconds}'),
                      encoding="utf-8")
    return config


def demo_office(root: Path, seconds: float) -> Path:
    """The demo office: big enough that two syncs started together overlap."""
    create_office(root)
    config = root / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[office]\n", f"[office]\nlock_wait_seconds = {seconds}\n"),
                      encoding="utf-8")
    return config


def test_two_syncs_started_together_run_one_after_the_other(tmp_path: Path) -> None:
    config = demo_office(tmp_path, 120)
    first, second = crm_office(config, "sync"), crm_office(config, "sync")
    results = [finish(first), finish(second)]
    assert [code for code, _out, _err in results] == [0, 0], results
    nothing = [out for _code, out, _err in results if "nothing to do" in out]
    assert len(nothing) == 1, results  # one merged everything, the other found it done
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_run_that_waited_too_long_names_the_holder_and_exits_1(tmp_path: Path) -> None:
    config = with_wait(tmp_path, 0.5)
    with office_lock(load_config(config), "sync"):
        started = time.strftime("%H:%M")
        code, _out, err = finish(crm_office(config, "sync"))
        json_code, json_out, _ = finish(crm_office(config, "sync", "--format", "json"))
    assert code == 1
    assert (f"another crm-office run (sync, started {started}, pid {os.getpid()}) "
            "is still working") in err
    assert "wait until it has finished" in err
    assert json_code == 1
    data = json.loads(json_out)
    assert data["error"] == "OfficeBusyError"
    assert data["holder"] == f"sync, started {started}, pid {os.getpid()}"
    assert not (tmp_path / LOCK_NAME).exists()  # released by its holder, not by the loser


def test_validate_and_restore_wait_but_check_and_a_dry_run_do_not(tmp_path: Path) -> None:
    config = with_wait(tmp_path, 0.3)
    with office_lock(load_config(config), "sync"):
        marking = finish(crm_office(config, "validate"))
        dry = finish(crm_office(config, "validate", "--dry-run"))
        restoring = finish(crm_office(config, "restore", "C-000001"))
        checking = finish(crm_office(config, "check"))
    assert marking[0] == 1 and "another crm-office run (sync" in marking[2]
    assert restoring[0] == 1 and "another crm-office run (sync" in restoring[2]
    assert "another crm-office run" not in dry[2] + checking[2]
    assert checking[0] == 0


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_lock_left_by_a_dead_process_is_recovered_and_logged(tmp_path: Path) -> None:
    config = with_wait(tmp_path, 5)
    stale = Holder(socket.gethostname(), dead_pid(), "sync", "2026-11-30T09:14:00+00:00", "x")
    (tmp_path / LOCK_NAME).write_text(json.dumps(stale.__dict__), encoding="utf-8")
    code, _out, err = finish(crm_office(config, "sync"))
    assert code == 0, err
    assert f"recovered the run lock {tmp_path / LOCK_NAME} left by sync" in err
    assert f"pid {stale.pid}: that process is gone" in err
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_of_a_live_process_on_another_host_is_not_broken(tmp_path: Path) -> None:
    path = tmp_path / LOCK_NAME
    other = Holder("another-pc", dead_pid(), "sync", "2026-11-30T09:14:00+00:00", "x")
    path.write_text(json.dumps(other.__dict__), encoding="utf-8")
    with pytest.raises(OfficeBusyError) as caught:
        acquire(path, "validate", 0.3)
    assert caught.value.holder == "sync on another-pc, started 2026-11-30 09:14, pid " \
        f"{other.pid}"
    assert read_holder(path) == other


RACER = """
import sys, time
from pathlib import Path
from crm_office.errors import OfficeBusyError
from crm_office.runlock import acquire, release
path, start = Path(sys.argv[1]), float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
try:
    me = acquire(path, "racer", 0)
except OfficeBusyError:
    print("busy")
else:
    print("got")
    time.sleep(1.5)
    release(path, me)
"""


def test_of_many_racers_exactly_one_gets_the_lock(tmp_path: Path) -> None:
    start = time.time() + 2.0
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(tmp_path / LOCK_NAME),
                                str(start)], cwd=ROOT, text=True, stdout=subprocess.PIPE)
              for _ in range(6)]
    said = sorted(racer.communicate(timeout=60)[0].strip() for racer in racers)
    assert said == ["busy"] * 5 + ["got"]
    assert not (tmp_path / LOCK_NAME).exists()


def test_the_lock_is_reentrant_and_only_its_owner_removes_it(tmp_path: Path) -> None:
    config = load_config(build_sync_office(tmp_path))
    with office_lock(config, "sync") as path:
        with office_lock(config, "documents", wait_seconds=0):
            assert read_holder(path).command == "sync"  # type: ignore[union-attr]
        assert path.exists()
        release(path, Holder.me("intruder"))  # not its lock: left alone
        assert path.exists()
    assert not path.exists()


def test_a_reused_pid_does_not_keep_a_dead_run_s_lock(tmp_path: Path) -> None:
    path = tmp_path / LOCK_NAME
    mine = Holder.me("sync")
    assert mine.process_start  # Linux: /proc tells when a process started
    reused = Holder(mine.host, mine.pid, "sync", mine.started, "old", "1")
    path.write_text(json.dumps(reused.__dict__), encoding="utf-8")
    taken = acquire(path, "validate", 0)
    assert read_holder(path) == taken
    release(path, taken)
    alive = Holder(mine.host, mine.pid, "sync", mine.started, "live", mine.process_start)
    path.write_text(json.dumps(alive.__dict__), encoding="utf-8")
    with pytest.raises(OfficeBusyError):
        acquire(path, "validate", 0)


def test_a_lock_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    config = build_sync_office(tmp_path, store="notes.txt/crm-office.sqlite")
    (tmp_path / "notes.txt").write_text("a file where a folder should be", encoding="utf-8")
    code, _out, err = finish(crm_office(config, "validate"))
    assert code == 2
    assert "Traceback" not in err
    assert f"cannot create the run lock {tmp_path / 'notes.txt' / LOCK_NAME}" in err


def test_an_old_unreadable_lock_is_removed_but_a_fresh_one_is_respected(tmp_path: Path) -> None:
    path = tmp_path / LOCK_NAME
    path.write_text("", encoding="utf-8")  # a run killed between creating and writing it
    with pytest.raises(OfficeBusyError, match="one that is just starting"):
        acquire(path, "sync", 0)
    old = time.time() - 60
    os.utime(path, (old, old))
    taken = acquire(path, "sync", 0)
    assert read_holder(path) == taken
