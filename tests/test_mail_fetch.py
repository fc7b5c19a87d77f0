"""Replies and bounces read over IMAP (a local server) become contact-log rows and
suppressions, once each however often the fetch runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.mail.fetch import fetch_mail
from crm_office.mail.operation import send_campaign
from crm_office.mail.suppression import stored
from crm_office.store.store import Store
from crm_office.workbook import read_table
from tests.imap_server import imap_server
from tests.mail_office import make_mail_office

IMAP = """
[mail.imap]
host = "127.0.0.1"
port = {port}
tls = "none"
username = "office"
password = {{ env = "CRM_TEST_IMAP_PASSWORD" }}
"""


def _reply(message_id: str, sender: str, subject: str, body: str) -> bytes:
    return (f"From: {sender}\r\nTo: office@test-office.example\r\nSubject: {subject}\r\n"
            f"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <r-{sender}>\r\n"
            f"In-Reply-To: {message_id}\r\nReferences: {message_id}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n\r\nOn Monday you wrote:\r\n> the offer\r\n").encode()


def _bounce(address: str, key: str) -> bytes:
    return ("From: MAILER-DAEMON@mx.example\r\nTo: office@test-office.example\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <b-1@mx>\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=BB\r\n\r\n"
            "--BB\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            "--BB\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
            f"Final-Recipient: rfc822; {address}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
            "--BB\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            f"X-CRM-Office-Key: {key}\r\nSubject: offer\r\n\r\n--BB--\r\n").encode()


def test_replies_and_bounces_are_logged_and_suppressed_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_TEST_IMAP_PASSWORD", "secret")
    with imap_server() as (inbox, port):
        config_path = make_mail_office(tmp_path, transport="outbox",
                                       extra=IMAP.format(port=port))
        config = load_config(config_path)
        send_campaign(config, "M-000001")
        with Store.open(config.paths.store, config.paths.root) as store:
            from crm_office.mail.journal import Journal
            entries = Journal(store, "M-000001").entries()
        inbox.messages += [
            _reply(entries["C-000002"].message_id, "client2@mail.example", "Re: offer",
                   "Thank you, please call me on Friday."),
            _reply(entries["C-000003"].message_id, "client3@mail.example", "unsubscribe", "-"),
            _bounce("client5@mail.example", "M-000001/C-000005"),
            _reply("<someone-else@x>", "stranger@x.example", "Hello", "not ours")]
        first = fetch_mail(config)
        second = fetch_mail(config)
        result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "fetch",
                                          "--format", "json"])
    assert (first.read, len(first.replies), len(first.bounces), first.unmatched) == (4, 2, 1, 1)
    assert (second.read, second.already_seen) == (0, 4)
    assert json.loads(result.output)["already_seen"] == 4 and result.exit_code == 0
    assert inbox.fetched == [1, 2, 3, 4]  # every message fetched once over all three runs
    log = [row for row in read_table(config.tables["contacts"]).parts[0].records()
           if str(row["summary"] or "").startswith("Reply")]
    assert [(row["client_id"], row["summary"]) for row in log] == [
        ("C-000002", "Reply: Re: offer — Thank you, please call me on Friday."),
        ("C-000003", "Reply: unsubscribe — -")]
    with Store.open(config.paths.store, config.paths.root) as store:
        suppressed = stored(store)
    assert suppressed["client5@mail.example"][1].startswith("bounced: 5.1.1; smtp; 550")
    assert suppressed["client3@mail.example"][1] == "opted out by reply"
    again = send_campaign(config, "M-000001")  # suppressed addresses are left out from now on
    assert {e.client_id for e in again.excluded if e.code == "suppressed"} == {
        "C-000003", "C-000005"}


def test_wrong_imap_password_is_a_clear_error(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_TEST_IMAP_PASSWORD", "wrong")
    with imap_server() as (_inbox, port):
        config_path = make_mail_office(tmp_path, transport="outbox",
                                       extra=IMAP.format(port=port))
        result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "fetch"])
    assert result.exit_code == 1
    assert "refused" in result.output and "check mail.imap.username" in result.output


def test_replies_and_bounces_from_the_exchange_inbox_once(tmp_path: Path) -> None:
    from tests.ews_server import ews_server
    from tests.test_mail_exchange import EXCHANGE

    with ews_server() as (box, url):
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=EXCHANGE.format(url=url)))
        send_campaign(config, "M-000001")
        with Store.open(config.paths.store, config.paths.root) as store:
            from crm_office.mail.journal import Journal
            entries = Journal(store, "M-000001").entries()
        box.inbox += [_reply(entries["C-000004"].message_id, "client4@mail.example",
                             "Re: offer", "Interested, send the contract."),
                      _bounce("client6@mail.example", "M-000001/C-000006")]
        first = fetch_mail(config)
        second = fetch_mail(config)
        reads = sum("<m:GetItem" in r for r in box.requests)
    assert (first.read, len(first.replies), len(first.bounces)) == (2, 1, 1)
    assert (second.read, second.already_seen) == (0, 2) and reads == 2
    log = [row for row in read_table(config.tables["contacts"]).parts[0].records()
           if str(row["summary"] or "").startswith("Reply")]
    assert [(row["client_id"], row["summary"]) for row in log] == [
        ("C-000004", "Reply: Re: offer — Interested, send the contract.")]
