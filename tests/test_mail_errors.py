"""What a mail server or the network said, in the office's language: every transport error
comes from the catalogue, English and Russian, with the server's own words kept as they are
(quoted). The failures come from real servers on 127.0.0.1 (aiosmtpd, the local EWS and Graph
endpoints, the IMAP server) or from the real network stack (a refused port, an unknown host)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult

from crm_office.config import load_config
from crm_office.config.model import Config, Secret
from crm_office.errors import MailError, describe
from crm_office.mail.message import OutgoingMessage
from crm_office.mail.operation import send_campaign
from crm_office.mail.transports import open_transport
from tests.ews_server import ews_server
from tests.graph_server import graph_server
from tests.imap_server import imap_server
from tests.mail_office import make_mail_office
from tests.smtp_server import free_port, smtp_server
from tests.test_mail_exchange import EXCHANGE
from tests.test_mail_fetch import IMAP
from tests.test_mail_graph import GRAPH

MESSAGE = OutgoingMessage(sender="office@test-office.example", to="client1@mail.example",
                          subject="Hello", text="Hi", key="errors/1")


def failure(action: Callable[[], Any]) -> MailError:
    with pytest.raises(MailError) as caught:
        action()
    return caught.value


def both(error: MailError, english: str, russian: str, said: str = "") -> None:
    """The error reads ``english``/``russian`` and quotes the server's ``said`` in each."""
    en, ru = describe(error, "en"), describe(error, "ru")
    assert english in en, en
    assert russian in ru, ru
    assert ru.startswith(f"почта ({error.transport}): ") and "подсказка:" in ru
    english_prose = re.sub(r"«[^»]*»|\S*[./:@]\S*|\{[^}]*\}", " ", ru.split("подсказка:")[0])
    assert not re.search(r"\b(?!TLS\b)[A-Za-z]{4,}\b", english_prose.replace(
        error.transport, "")), ru  # no English prose outside the server's quoted words
    if said:
        assert f'"{said}"' in en and f"«{said}»" in ru


def smtp_office(tmp_path: Path, port: int, **smtp: Any) -> Config:
    config = load_config(make_mail_office(tmp_path, port=port))
    return dataclasses.replace(config, mail=dataclasses.replace(
        config.mail, retries=0, smtp=dataclasses.replace(config.mail.smtp, **smtp)))


def smtp_send(config: Config) -> Callable[[], Any]:
    def send() -> Any:
        with open_transport(config) as transport:
            return transport.deliver(MESSAGE)
    return send


def refuse_login(server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> AuthResult:
    return AuthResult(success=False, handled=False)


def test_smtp_wrong_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_TEST_SMTP_PASSWORD", "wrong")
    with smtp_server(authenticator=refuse_login, auth_require_tls=False) as (_server, port):
        config = smtp_office(tmp_path, port, username="office",
                             password=Secret("CRM_TEST_SMTP_PASSWORD", "mail.smtp.password"))
        error = failure(smtp_send(config))
    assert error.reason == "auth"
    both(error, f"127.0.0.1:{port} refused the login",
         f"127.0.0.1:{port} не принял вход (неверный логин или пароль)",
         "535 5.7.8 Authentication credentials invalid")
    assert "проверьте mail.smtp.username и пароль" in describe(error, "ru")


def test_smtp_tls_failure(tmp_path: Path) -> None:
    with smtp_server() as (_server, port):  # a plain server where TLS is expected
        error = failure(smtp_send(smtp_office(tmp_path, port, tls="implicit")))
    assert error.reason == "tls"
    both(error, f"TLS with 127.0.0.1:{port} failed",
         f"не удалось установить защищённое соединение (TLS) с 127.0.0.1:{port}")


def test_smtp_starttls_not_offered_is_a_tls_failure(tmp_path: Path) -> None:
    with smtp_server() as (_server, port):
        error = failure(smtp_send(smtp_office(tmp_path, port, tls="starttls")))
    assert error.reason == "tls" and "STARTTLS" in describe(error, "ru")


def test_smtp_connection_refused(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    error = failure(smtp_send(smtp_office(tmp_path, port)))
    assert error.reason == "unreachable"
    both(error, f"127.0.0.1:{port} refused the connection (no mail server listens there)",
         f"127.0.0.1:{port} отказал в соединении (там не работает почтовый сервер)")


def test_smtp_unknown_host(tmp_path: Path) -> None:
    error = failure(smtp_send(smtp_office(tmp_path, 25, host="no-such-host.invalid")))
    assert error.reason == "unknown-host"
    both(error, "unknown host no-such-host.invalid", "неизвестный сервер no-such-host.invalid")
    assert "проверьте mail.smtp.host" in describe(error, "ru")


@pytest.mark.parametrize(("answer", "english", "russian"), [
    ("550 5.7.1 Relaying denied by policy", "the server refused client1@mail.example",
     "сервер отказался принять письмо для client1@mail.example"),
    ("550 5.1.1 User unknown in virtual mailbox table",
     "mailbox client1@mail.example does not exist on 127.0.0.1",
     "почтового ящика client1@mail.example нет на 127.0.0.1"),
    ("451 4.7.1 Greylisted, try again later", "the server refused client1@mail.example for now",
     "сервер временно не принимает письмо для client1@mail.example"),
])
def test_smtp_refusals_keep_the_servers_words(tmp_path: Path, answer: str, english: str,
                                              russian: str) -> None:
    with smtp_server() as (server, port):
        server.refuse["client1@mail.example"] = [answer] * 3
        error = failure(smtp_send(smtp_office(tmp_path, port)))
    assert error.reason == f"smtp-{answer[:3]}"
    both(error, english, russian, answer)


def test_a_russian_office_records_the_refusal_in_russian(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        server.refuse["client2@mail.example"] = ["550 5.7.1 Relaying denied by policy"]
        config = smtp_office(tmp_path, port)
        russian = dataclasses.replace(config, office=dataclasses.replace(config.office,
                                                                         locale="ru"))
        report = send_campaign(russian, "M-000001")
    assert report.tally.reasons["C-000002"] == (
        "почта (smtp): сервер отказался принять письмо для client2@mail.example: "
        "«550 5.7.1 Relaying denied by policy»")


def exchange_office(tmp_path: Path, url: str, password: bool = False) -> Config:
    extra = EXCHANGE.format(url=url) + ('password = { env = "CRM_TEST_EWS_PASSWORD" }\n'
                                        if password else "")
    config = load_config(make_mail_office(tmp_path, transport="exchange", extra=extra))
    return dataclasses.replace(config, mail=dataclasses.replace(config.mail, retries=0))


def test_exchange_wrong_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_TEST_EWS_PASSWORD", "wrong")
    with ews_server() as (box, url):
        box.password = "right"
        error = failure(smtp_send(exchange_office(tmp_path, url, password=True)))
    assert error.reason == "auth"
    both(error, f"{url} refused the login", f"{url} не принял вход (неверный логин или пароль)")


def test_exchange_mailbox_not_found(tmp_path: Path) -> None:
    with ews_server() as (box, url):
        box.missing_mailbox = True
        error = failure(smtp_send(exchange_office(tmp_path, url)))
    assert error.reason == "no-mailbox"
    both(error, f"mailbox office@test-office.example does not exist on {url}",
         f"почтового ящика office@test-office.example нет на {url}",
         "The SMTP address has no mailbox associated with it.")


def test_exchange_throttled(tmp_path: Path) -> None:
    with ews_server() as (box, url):
        box.busy = 5
        error = failure(smtp_send(exchange_office(tmp_path, url)))
    assert error.reason == "busy"
    both(error, f"{url} asks to wait (too many messages)",
         f"{url} просит подождать (слишком много писем)")
    assert "Try again later" in describe(error, "ru")


def test_exchange_unreachable(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/EWS/Exchange.asmx"
    error = failure(smtp_send(exchange_office(tmp_path, url)))
    assert error.reason == "unreachable"
    both(error, "127.0.0.1:", "отказал в соединении (там не работает почтовый сервер)")


@pytest.fixture
def graph_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with graph_server(tmp_path) as (box, base, cert):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        monkeypatch.setenv("CRM_TEST_GRAPH_SECRET", "s3cret")
        config = load_config(make_mail_office(tmp_path, transport="graph",
                                              extra=GRAPH.format(base=base)))
        yield box, dataclasses.replace(config, mail=dataclasses.replace(config.mail, retries=0))


def test_graph_throttled(graph_office) -> None:  # type: ignore[no-untyped-def]
    box, config = graph_office
    box.throttle_send = 5
    error = failure(smtp_send(config))
    assert error.reason == "http-429"
    both(error, "asks to wait (too many messages)", "просит подождать (слишком много писем)")


def test_graph_wrong_secret(graph_office) -> None:  # type: ignore[no-untyped-def]
    box, config = graph_office
    box.refuse_token = True
    error = failure(smtp_send(config))
    assert error.reason == "auth"
    both(error, "refused the login", "не принял вход (неверный логин или пароль)",
         "invalid_client: AADSTS7000215: Invalid client secret provided.")


def test_graph_mailbox_not_found(graph_office) -> None:  # type: ignore[no-untyped-def]
    box, config = graph_office
    box.missing_mailbox = True
    error = failure(smtp_send(config))
    assert error.reason == "no-mailbox"
    both(error, "mailbox office@test-office.example does not exist",
         "почтового ящика office@test-office.example нет",
         "User not found")


def test_imap_wrong_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crm_office.mail.fetch import fetch_mail

    monkeypatch.setenv("CRM_TEST_IMAP_PASSWORD", "wrong")
    with imap_server() as (_inbox, port):
        config = load_config(make_mail_office(tmp_path, transport="outbox",
                                              extra=IMAP.format(port=port)))
        error = failure(lambda: fetch_mail(config))
    assert error.reason == "auth"
    both(error, f"127.0.0.1:{port} refused the login",
         f"127.0.0.1:{port} не принял вход (неверный логин или пароль)",
         "[AUTHENTICATIONFAILED] wrong password")
