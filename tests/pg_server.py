"""A real PostgreSQL server for the tests, on 127.0.0.1, started once per session.

``postgresql_url`` (session) runs initdb in a temporary folder, starts postgres on a
free port (its unix socket in that folder too), creates a database and yields its
SQLAlchemy URL; the server stops when the session ends. ``empty_postgresql_url``
empties that database for one test. PostgreSQL refuses to run as root, so as root
the server runs as the ``postgres`` user (Debian's package makes it) or ``nobody``.
Without PostgreSQL the tests that need it are skipped, except on CI (the CI
variable set), where that is a failure: CI installs PostgreSQL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

USER = "crm"
DATABASE = "crm_office_test"


def find_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda path: int(Path(path).parent.parent.name)
                        if Path(path).parent.parent.name.isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _server_user() -> str | None:
    """The unprivileged user to run the server as when we are root (None: ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail("running as root and there is no 'postgres' or 'nobody' user for PostgreSQL")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], user: str | None, log: Path | None = None) -> None:
    if user is not None:
        command = ["runuser", "-u", user, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        server_log = log.read_text(errors="replace") if log and log.exists() else ""
        pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}"
                    f"\n{done.stderr}\n{server_log}")


def _start(bin_dir: Path, folder: Path, user: str | None) -> int:
    data, log, port = folder / "data", folder / "server.log", _free_port()
    _run([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
          "-E", "UTF8", "--no-locale", "--no-sync"], user)
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
               "-c full_page_writes=off -c synchronous_commit=off")
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
          "-o", options, "start"], user, log)
    return port


def _create_database(port: int) -> None:
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user=USER, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {DATABASE}")


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """URL of an empty database on a throw-away PostgreSQL server (see module doc)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL (initdb, pg_ctl) is not installed: sh scripts/setup.sh --with-tests"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="crm-office-pg-"))
    if user is not None:
        record = pwd.getpwnam(user)
        os.chown(folder, record.pw_uid, record.pw_gid)
    started = False
    try:
        port = _start(bin_dir, folder, user)
        started = True
        _create_database(port)
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if started:
            _run([str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w",
                  "stop"], user)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def empty_postgresql_url(postgresql_url: str) -> str:
    """``postgresql_url`` with every table dropped first: an empty store for one test."""
    import psycopg

    plain = postgresql_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return postgresql_url
