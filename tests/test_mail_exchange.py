"""The Exchange transport: the real exchangelib client against a local EWS endpoint."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from crm_office.config import load_config
from crm_office.mail.operation import send_campaign
from tests.ews_server import ews_server
from tests.mail_office import make_mail_office

EXCHANGE = """
[mail.exchange]
endpoint = "{url}"
auth = "basic"
username = "office"
email = "office@test-office.example"
"""


def _parse(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_campaign_through_exchange_with_busy_back_off(tmp_path: Path) -> None:
    with ews_server() as (box, url):
        box.busy = 2
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=EXCHANGE.format(url=url)))
        report = send_campaign(config, "M-000001")
    assert report.tally.sent == 10 and report.ok
    messages = [_parse(raw) for raw in box.sent]
    assert sorted(str(m["To"]) for m in messages) == sorted(
        f"Иван {n} <client{n}@mail.example>" for n in range(1, 11))
    first = next(m for m in messages if m["X-CRM-Office-Key"] == "M-000001/C-000003")
    assert first["Subject"] == "Предложение для Клиент 3 <b>"
    assert "Клиент C-000003" in first.get_body(("plain",)).get_content()
    attached = {p.get_filename(): p.get_content() for p in first.iter_attachments()}
    assert attached["Прайс-лист 2026.pdf"] == (tmp_path / "templates" /
                                              "Прайс-лист 2026.pdf").read_bytes()
    assert sum("ErrorServerBusy" not in r and "<m:CreateItem" in r for r in box.requests) >= 10


def test_connection_dropped_after_exchange_accepted_is_settled_from_sent_items(
        tmp_path: Path) -> None:
    with ews_server() as (box, url):
        box.drop_after_accept = 4
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=EXCHANGE.format(url=url)))
        report = send_campaign(config, "M-000001")
        again = send_campaign(config, "M-000001")
    keys = [str(_parse(raw)["X-CRM-Office-Key"]) for raw in box.sent]
    assert len(keys) == 10 and len(set(keys)) == 10  # no second send
    assert report.tally.sent == 10 and not report.uncertain
    assert any("FindItem" in r for r in box.requests)
    assert again.tally.sent == 0 and again.already_sent == 10


def test_a_run_stopped_while_sending_is_settled_from_sent_items(tmp_path: Path) -> None:
    from crm_office.mail.journal import SENDING, Entry, Journal
    from crm_office.mail.message import OutgoingMessage, message_id_for
    from crm_office.mail.transports import open_transport
    from crm_office.store.store import Store

    with ews_server() as (box, url):
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=EXCHANGE.format(url=url)))
        sender = config.mail.sender
        with Store.open(config.paths.store, config.paths.root) as store:
            journal = Journal(store, "M-000001")
            stopped = [f"C-{n:06d}" for n in (1, 2, 3)]
            journal.plan(Entry(r, f"client{r[-1]}@mail.example", "planned", f"M-000001/{r}",
                               message_id_for(f"M-000001/{r}", sender)) for r in stopped)
            journal.commit([], [(r, "s") for r in stopped])
            assert {e.state for e in journal.entries().values()} == {SENDING}
        with open_transport(config) as transport:  # C-000002's went out before the stop
            transport.send(OutgoingMessage(sender=sender, to="client2@mail.example",
                                           subject="s", text="x", key="M-000001/C-000002"))
        report = send_campaign(config, "M-000001", resume=True)
    keys = sorted(str(_parse(raw)["X-CRM-Office-Key"]) for raw in box.sent)
    assert keys == sorted(f"M-000001/C-{n:06d}" for n in range(1, 11))
    assert report.settled == 3 and report.tally.sent == 9 and not report.uncertain


def test_report_mail_pictures_travel_in_the_mime_to_exchange(tmp_path: Path) -> None:
    from crm_office.analysis.delivery import OutgoingMail, deliver, paragraphs_html

    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    with ews_server() as (box, url):
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=EXCHANGE.format(url=url)))
        mail = OutgoingMail("morning:2026-12-01", "Anna", "anna@test-office.example",
                            "Your day", "text", paragraphs_html("Your day", [], ["trend@x"]),
                            {"trend@x": png})
        deliver(config, [mail])
        deliver(config, [mail])
    [raw] = box.sent
    message = _parse(raw)
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    html, picture = list(related.iter_parts())
    assert 'src="cid:trend@x"' in html.get_content()
    assert picture["Content-ID"] == "<trend@x>" and picture.get_content() == png
