"""The sync part of the public API: usable from `crm_office`, loaded only when used."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import crm_office
from crm_office.store import Store
from crm_office.sync.session import SYNC_STEPS, SyncSession
from tests.sync_office import build_sync_office


def test_importing_the_package_does_not_load_the_store():
    code = "import sys, crm_office; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_sync_history_and_restore_through_the_package(tmp_path):
    config = crm_office.load_config(build_sync_office(tmp_path))
    report = crm_office.run_sync(config)
    assert isinstance(report, crm_office.SyncReport) and report.ok
    found = crm_office.record_history(config, "C-000001")
    assert isinstance(found, crm_office.RecordHistory)
    assert found.record.data["name"] == "Acme Ltd"
    assert crm_office.restore_record.__module__ == "crm_office.sync.history"


def test_an_unknown_name_is_an_attribute_error():
    try:
        crm_office.run_everything  # noqa: B018
    except AttributeError as exc:
        assert "run_everything" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_a_step_after_the_commit_sees_the_whole_run(tmp_path):
    config = crm_office.load_config(build_sync_office(tmp_path))
    seen = {}

    def after(state):
        seen["clients"] = sorted(state.plans["clients"].merged)
        seen["committed"] = len(state.store.records("clients"))

    with Store.open(config.paths.store, config.paths.root) as store:
        SyncSession(config, store, dt.date(2026, 12, 1), False, None,
                    steps=(*SYNC_STEPS, after)).run()
    assert seen == {"clients": ["C-000001", "C-000002", "C-000003"], "committed": 3}
