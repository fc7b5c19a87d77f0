"""scripts/setup.sh waits for a busy package manager instead of failing."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
WAIT = '. scripts/apt_wait.sh; as_root() { "$@"; }; wait_for_apt'


def wait_for_apt(lock: Path, seconds: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRM_OFFICE_APT_LOCKS": str(lock), "CRM_OFFICE_APT_WAIT": str(seconds),
           "PYTHON": sys.executable}
    return subprocess.run(["sh", "-c", WAIT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_free_locks_need_no_wait(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    lock.touch()
    done = wait_for_apt(lock, 10)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_lock_held_too_long_fails_with_a_message(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    lock.touch()
    with lock.open("r+b") as held:
        fcntl.lockf(held, fcntl.LOCK_EX)  # as apt and dpkg lock theirs
        done = wait_for_apt(lock, 2)
    assert done.returncode == 1
    assert "another apt/dpkg run holds its lock; waiting for it (at most 2s)" in done.stderr
    assert "still holds its lock after 2s" in done.stderr


def test_set_up_goes_on_once_the_lock_is_released(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    lock.touch()
    held = lock.open("r+b")
    fcntl.lockf(held, fcntl.LOCK_EX)
    threading.Timer(1.5, held.close).start()
    started = time.monotonic()
    done = wait_for_apt(lock, 30)
    assert done.returncode == 0, done.stderr
    assert "waiting for it" in done.stderr
    assert 1 <= time.monotonic() - started < 20


def test_setup_calls_apt_only_through_the_wait() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert ". scripts/apt_wait.sh" in setup
    assert "apt-get" not in setup.replace("apt_get", "")
    assert "DPkg::Lock::Timeout" in (ROOT / "scripts" / "apt_wait.sh").read_text(encoding="utf-8")
