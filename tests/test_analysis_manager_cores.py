"""The managers' own reports made by forked workers: the same reports as in one process,
in the managers' order; a manager a worker could not make is made again in the parent,
so its error is the real one."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from crm_office.analysis import manager_reports, service
from crm_office.analysis.period import Week
from crm_office.config import load_config
from crm_office.demo.office import create_office
from crm_office.errors import ConfigError

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="workers are forked")
NAMES = ["Ann", "Bob", "Cid", "Dee", "Eve", "Fay"]


def _pid_of(name: str) -> tuple[Path, None]:
    time.sleep(0.1)
    return Path(f"{name}-{os.getpid()}"), None


def test_workers_and_this_process_share_the_managers_in_order() -> None:
    made = manager_reports.start(_pid_of, NAMES, workers=3).collect()
    assert list(made) == NAMES
    pids = [int(path.name.split("-")[1]) for path, _ in made.values()]
    assert [path.name.split("-")[0] for path, _ in made.values()] == NAMES
    assert any(pid != os.getpid() for pid in pids) and len(set(pids)) <= 3


def test_managers_a_worker_failed_are_made_again_here() -> None:
    parent = os.getpid()

    def job(name: str) -> tuple[Path, None]:
        if os.getpid() != parent:
            raise RuntimeError("only in a worker")
        return _pid_of(name)

    made = manager_reports.start(job, NAMES, workers=2).collect()
    assert [path.name for path, _ in made.values()] == [f"{name}-{parent}" for name in NAMES]


def test_a_worker_that_dies_leaves_its_managers_to_this_process() -> None:
    parent = os.getpid()

    def job(name: str) -> tuple[Path, None]:
        if os.getpid() != parent:
            os._exit(3)
        return _pid_of(name)

    made = manager_reports.start(job, NAMES, workers=2).collect()
    assert [path.name for path, _ in made.values()] == [f"{name}-{parent}" for name in NAMES]


def test_an_error_everywhere_is_raised_as_it_is() -> None:
    def job(name: str) -> tuple[Path, None]:
        raise ConfigError(f"no manager '{name}'", key_path="--manager", hint="managers: none")

    with pytest.raises(ConfigError) as caught:
        manager_reports.start(job, NAMES, workers=2).collect()
    assert caught.value.hint == "managers: none"


def test_a_failure_before_collecting_stops_the_workers() -> None:
    with pytest.raises(RuntimeError), manager_reports.start(_pid_of, NAMES * 10,
                                                            workers=3) as running:
        workers = list(running.workers)
        raise RuntimeError("the office report could not be written")
    assert len(workers) == 2 and not any(worker.is_alive() for worker in workers)
    assert gc.get_freeze_count() == 0


def _made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool) -> dict[str, Any]:
    create_office(tmp_path, "en", force=False)
    config = load_config(tmp_path / "config.toml")
    if not workers:
        monkeypatch.setattr(manager_reports.multiprocessing, "get_all_start_methods",
                            lambda: ["spawn"])
    mine: dict[str, Any] = {}
    monkeypatch.setattr(service, "_send", lambda config, frames, analysis, result, own:
                        mine.update({name: each.to_dict() for name, each in own.items()}))
    result = service.make_weekly_report(config, Week(2026, 46), mail=True)
    monkeypatch.undo()
    parts = {}
    for name, path in result.manager_reports.items():
        assert path.parent == tmp_path / "output" / "reports" / "managers"
        with zipfile.ZipFile(path) as package:
            parts[name] = {part: package.read(part) for part in package.namelist()
                           if part != "docProps/core.xml"}  # its time of making
    return {"analyses": mine, "workbooks": parts}


def test_workers_make_the_same_reports_as_one_process(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _made(tmp_path / "alone", monkeypatch, workers=False)
    on_cores = _made(tmp_path / "cores", monkeypatch, workers=True)
    assert len(alone["analyses"]) == 5 and list(alone["workbooks"]) == list(alone["analyses"])
    assert on_cores == alone



def test_workers_log_into_serve_log_but_never_rotate_it(tmp_path: Path) -> None:
    """Under `serve` the log file rotates; only the command's own process may rotate it,
    and a worker's lines still reach the file."""
    import logging
    from logging.handlers import RotatingFileHandler

    path = tmp_path / "serve.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)

    def job(name: str) -> tuple[Path, None]:
        time.sleep(0.1)
        rotating = any(isinstance(each, RotatingFileHandler) for each in root.handlers)
        logging.getLogger("crm_office.test").info("written %s", name)
        return Path(f"{name}-{os.getpid()}-{rotating}"), None

    try:
        made = manager_reports.start(job, NAMES, workers=2).collect()
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)
    by_worker = [path.name for path, _ in made.values()
                 if path.name.split("-")[1] != str(os.getpid())]
    assert by_worker and all(name.endswith("-False") for name in by_worker)
    text = path.read_text("utf-8")
    assert all(f"written {name}" in text for name in NAMES)
