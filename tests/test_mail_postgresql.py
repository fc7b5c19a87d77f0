"""The mail journal and the suppression list on a real PostgreSQL store."""

from __future__ import annotations

from pathlib import Path

from crm_office.config import load_config
from crm_office.mail.journal import Journal
from crm_office.mail.operation import preview_campaign, send_campaign
from crm_office.mail.suppression import stored, suppress
from crm_office.store.store import Store
from tests.mail_office import make_mail_office
from tests.smtp_server import smtp_server

pytest_plugins = ["tests.pg_server"]


def test_campaign_journal_on_postgresql(tmp_path: Path, empty_postgresql_url: str) -> None:
    with smtp_server() as (server, port):
        server.refuse["client4@mail.example"] = ["550 5.1.1 no such mailbox"]
        config_path = make_mail_office(tmp_path, port=port)
        text = config_path.read_text(encoding="utf-8")
        config_path.write_text(text.replace('templates = "templates"',
                                            f'templates = "templates"\nstore = '
                                            f'"{empty_postgresql_url}"'), encoding="utf-8")
        config = load_config(config_path)
        with Store.open(config.paths.store, config.paths.root) as store:
            suppress(store, [("Client7@mail.example", "opted out", "test")])
        first = send_campaign(config, "M-000001")
        second = send_campaign(config, "M-000001")
        preview = preview_campaign(config, "M-000001")
        with Store.open(config.paths.store, config.paths.root) as store:
            states = {r: e.state for r, e in Journal(store, "M-000001").entries().items()}
            suppressed = stored(store)
    assert (first.tally.sent, first.tally.failed) == (8, 1)
    assert (second.tally.sent, second.already_sent) == (0, 8)
    assert len(server.received) == 8
    assert states["C-000004"] == "failed" and states["C-000001"] == "sent"
    assert "C-000007" not in states and set(suppressed) == {"client7@mail.example"}
    assert sorted(e.code for e in preview.excluded).count("already-sent") == 8
