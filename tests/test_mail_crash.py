"""A campaign killed with SIGKILL midway and run again: one message per recipient, or the
recipient is reported uncertain (SMTP cannot tell whether the server took it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.errors import CampaignError
from crm_office.mail.operation import send_campaign
from tests.mail_office import client_rows, make_mail_office
from tests.smtp_server import smtp_server

CLI = [sys.executable, "-c", "from crm_office.cli.main import main; main()"]


@pytest.mark.parametrize("kill_after", [9, 120])
def test_sigkill_midway_then_resume_sends_each_recipient_once(tmp_path: Path,
                                                                 kill_after: int) -> None:
    with smtp_server() as (server, port):
        config_path = make_mail_office(tmp_path, client_rows(200), port=port, batch=10,
                                       rate=9000)
        errors = tmp_path / "stderr.txt"
        with errors.open("wb") as sink:
            process = subprocess.Popen([*CLI, "--config", str(config_path), "-q", "mail",
                                        "send", "M-000001"], stdout=subprocess.DEVNULL,
                                       stderr=sink)
        deadline = time.monotonic() + 30
        while len(server.received) < kill_after and time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"send ended before the kill: {errors.read_text()!r}")
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        killed_at = len(server.received)
        config = load_config(config_path)
        with pytest.raises(CampaignError, match="--resume"):
            send_campaign(config, "M-000001")
        report = send_campaign(config, "M-000001", resume=True)
    got = server.by_address()
    uncertain = {entry.address for entry in report.uncertain}
    assert 0 < killed_at < 200
    for n in range(1, 201):
        address = f"client{n}@mail.example"
        count = len(got.get(address, []))
        assert count == 1 or (address in uncertain and count == 0), (address, count)
    assert len(uncertain) <= 20  # at most two journal batches are 'sending' at a time
    assert report.tally.sent + killed_at >= 200 - len(uncertain)
