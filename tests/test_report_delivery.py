"""The report and reminder mails' journal: a run stopped while a mail was being handed over
is settled on the next run — from the server's copy where the transport keeps one (the
outbox), else left uncertain and not sent again (SMTP)."""

from __future__ import annotations

from pathlib import Path

from crm_office.analysis.delivery import OutgoingMail, deliver
from crm_office.config import load_config
from crm_office.config.model import Config
from crm_office.mail.journal import SENDING, Entry, Journal
from crm_office.mail.message import message_id_for
from crm_office.store.store import Store
from tests.mail_office import make_mail_office
from tests.smtp_server import smtp_server

MAIL = OutgoingMail("morning:2026-12-01", "Anna Smith", "anna@test-office.example",
                    "Your day, 01.12.2026", "Contacts due today")


def _stopped_while_sending(config: Config) -> None:
    """What a run killed after marking the mail ``sending`` leaves in the journal."""
    with Store.open(config.paths.store, config.paths.root) as store:
        journal = Journal(store, MAIL.campaign)
        journal.plan([Entry(MAIL.recipient, MAIL.to, "planned", MAIL.key,
                            message_id_for(MAIL.key, config.mail.sender), subject=MAIL.subject)])
        journal.commit([], [(MAIL.recipient, MAIL.subject)], "smtp")
        assert journal.entries()[MAIL.recipient].state == SENDING


def test_outbox_without_the_file_sends_it_now(tmp_path: Path) -> None:
    config = load_config(make_mail_office(tmp_path, transport="outbox"))
    _stopped_while_sending(config)
    report = deliver(config, [MAIL])
    assert len(report.sent) == 1 and Path(report.sent[0]).is_file()
    assert deliver(config, [MAIL]).already == [MAIL.to]


def test_smtp_leaves_it_uncertain_and_sends_nothing(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(make_mail_office(tmp_path, transport="smtp", port=port))
        _stopped_while_sending(config)
        report = deliver(config, [MAIL])
        again = deliver(config, [MAIL])
        assert server.received == []
    assert report.sent == [] and report.uncertain == [MAIL.to] == again.uncertain


def test_a_mail_refused_for_good_is_reported_refused_on_later_runs(tmp_path: Path) -> None:
    """A 550 is not tried again, and a later run says so, with the server's reason."""
    with smtp_server() as (server, port):
        server.refuse[MAIL.to] = ["550 5.1.1 No such user"] * 5
        config = load_config(make_mail_office(tmp_path, transport="smtp", port=port))
        first = deliver(config, [MAIL])
        again = deliver(config, [MAIL])
        assert server.received == []
    assert list(first.failed) == [MAIL.to] and "No such user" in first.failed[MAIL.to]
    assert again.already == [] and again.sent == []
    assert list(again.refused) == [MAIL.to] and "No such user" in again.refused[MAIL.to]
    assert again.to_dict()["refused"] == again.refused
