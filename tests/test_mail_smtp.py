"""Campaigns through a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.errors import MailSetupError
from crm_office.mail.operation import send_campaign, send_test
from crm_office.mail.suppression import stored, suppress
from crm_office.store.store import Store
from crm_office.workbook import read_table
from tests.mail_office import client_rows, make_mail_office
from tests.smtp_server import smtp_server


def _log_rows(config_path: Path) -> list[dict[str, object]]:
    config = load_config(config_path)
    return list(read_table(config.tables["contacts"]).parts[0].records())


def test_campaign_of_200_arrives_once_personal_with_exact_attachments(tmp_path: Path) -> None:
    rows = client_rows(200)
    rows[5][6] = "no"                      # C-000005 did not consent
    rows[7][3] = "client1@mail.example"    # C-000007 shares C-000001's address
    rows[9][3] = "not an address"          # C-000009
    with smtp_server() as (server, port):
        config_path = make_mail_office(tmp_path, rows, port=port)
        config = load_config(config_path)
        with Store.open(config.paths.store, config.paths.root) as store:
            suppress(store, [("client11@mail.example", "opted out", "test")])
        report = send_campaign(config, "M-000001")
        again = send_campaign(config, "Весенняя рассылка")
    got = server.by_address()
    assert report.tally.sent == 196 and report.tally.failed == 0 and report.ok
    assert {e.client_id: e.code for e in report.excluded} == {
        "C-000005": "no-consent", "C-000007": "duplicate-address",
        "C-000009": "invalid-address", "C-000011": "suppressed"}
    assert len(server.received) == 196 and all(len(items) == 1 for items in got.values())
    assert "client5@mail.example" not in got and "client11@mail.example" not in got
    message = got["client42@mail.example"][0].message
    assert message["Subject"] == "Предложение для Клиент 42 <b>"
    assert message["X-CRM-Office-Key"] == "M-000001/C-000042"
    assert message["List-Unsubscribe"] == "<mailto:office@test-office.example?subject=unsubscribe>"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Клиент C-000042: Клиент 42 <b>" in text and "unsubscribe" in text
    assert "Клиент 42 &lt;b&gt;" in html
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert files == {"Прайс-лист 2026.pdf": (tmp_path / "templates" / "Прайс-лист 2026.pdf")
                     .read_bytes(),
                     "brochure.bin": (tmp_path / "templates" / "brochure.bin").read_bytes()}
    assert again.tally.sent == 0 and again.already_sent == 196
    logged = [row for row in _log_rows(config_path) if row["type"] == "e-mail"]
    assert len(logged) == 196
    assert {row["client_id"] for row in logged} == {f"C-{n:06d}" for n in range(1, 201)} - {
        "C-000005", "C-000007", "C-000009", "C-000011"}


def test_temporary_refusals_are_retried_and_550_fails_with_the_reason(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        server.refuse["client2@mail.example"] = ["421 4.7.0 too busy", "451 4.3.0 later"]
        server.refuse["client3@mail.example"] = ["550 5.1.1 no such mailbox"]
        config = load_config(make_mail_office(tmp_path, port=port))
        report = send_campaign(config, "M-000001")
    got = server.by_address()
    assert len(got["client2@mail.example"]) == 1
    assert "client3@mail.example" not in got
    assert report.tally.sent == 9 and report.tally.failed == 1 and not report.ok
    assert "550 5.1.1 no such mailbox" in report.tally.reasons["C-000003"]


def test_the_rate_limit_holds_as_the_server_measures_it(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(make_mail_office(tmp_path, port=port, rate=1200))
        send_campaign(config, "M-000001")
    times = sorted(item.at for item in server.received)
    assert len(times) == 10
    per_minute = (len(times) - 1) / (times[-1] - times[0]) * 60
    assert per_minute <= 1200 * 1.05


def test_unreachable_server_is_a_clear_error_and_nothing_is_lost(tmp_path: Path) -> None:
    with smtp_server() as (_server, port):
        pass  # the port is free again
    config = load_config(make_mail_office(tmp_path, port=port))
    with pytest.raises(MailSetupError) as caught:
        send_campaign(config, "M-000001")
    assert caught.value.reason == "unreachable"
    assert f"127.0.0.1:{port}" in caught.value.message
    report = send_test(config, "me@test-office.example")
    assert not report.ok and report.reason == "unreachable"
    with Store.open(config.paths.store, config.paths.root) as store:
        assert stored(store) == {}


def test_mail_test_sends_one_message(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(make_mail_office(tmp_path, port=port))
        report = send_test(config, "me@test-office.example")
    assert report.ok and report.receipt is not None
    assert [item.to for item in server.received] == ["me@test-office.example"]
    assert "test message" in server.received[0].message["Subject"]
