"""Exchange access as the real exchangelib client makes it, read from the SOAP requests the
local EWS endpoint received: a service account sending by impersonation names the mailbox in
the ExchangeImpersonation header; as a delegate it sends as the mailbox, with no such header."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.mail.operation import send_campaign
from tests.ews_server import ews_server
from tests.mail_office import make_mail_office

T = "{http://schemas.microsoft.com/exchange/services/2006/types}"
M = "{http://schemas.microsoft.com/exchange/services/2006/messages}"
S = "{http://schemas.xmlsoap.org/soap/envelope/}"
ACCESS = """
[mail.exchange]
endpoint = "{url}"
auth = "basic"
username = "svc-crm"
password = {{ env = "CRM_TEST_EWS_PASSWORD" }}
email = "sales@test-office.example"
access = "{access}"
"""


def impersonated(request: ET.Element) -> list[str]:
    """The addresses in the request's ExchangeImpersonation header (none: not impersonating)."""
    header = request.find(f"{S}Header")
    assert header is not None
    return [node.text or "" for node in header.iter(f"{T}PrimarySmtpAddress")]


def mailboxes(request: ET.Element) -> set[str]:
    """The mailboxes whose folders the request works in (Sent Items, the root...)."""
    return {node.text or "" for folder in request.iter(f"{T}DistinguishedFolderId")
            for node in folder.iter(f"{T}EmailAddress")}


@pytest.mark.parametrize("access", ["impersonation", "delegate"])
def test_exchange_access(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, access: str) -> None:
    monkeypatch.setenv("CRM_TEST_EWS_PASSWORD", "s3cret")
    with ews_server() as (box, url):
        box.password = "s3cret"
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=ACCESS.format(url=url, access=access)))
        report = send_campaign(config, "M-000001")
    assert report.tally.sent == 10 and len(box.sent) == 10
    requests = [ET.fromstring(body) for body in box.requests]
    creates = [r for r in requests if r.find(f"{S}Body/{M}CreateItem") is not None]
    assert len(creates) == 10
    assert set(box.logins) == {"svc-crm"}  # the service account logs in every time
    for request in requests:
        assert mailboxes(request) <= {"sales@test-office.example"}
        if access == "impersonation":
            assert impersonated(request) == ["sales@test-office.example"]
        else:
            assert impersonated(request) == []
            assert "ExchangeImpersonation" not in ET.tostring(request, encoding="unicode")
    for create in creates:  # the copy goes to the mailbox's own Sent Items
        assert mailboxes(create) == {"sales@test-office.example"}
        assert create.find(f"{S}Body/{M}CreateItem").get(  # type: ignore[union-attr]
            "MessageDisposition") == "SendAndSaveCopy"


AUTODISCOVER = """
[mail.exchange]
autodiscover = true
auth = "basic"
username = "svc-crm"
password = { env = "CRM_TEST_EWS_PASSWORD" }
email = "sales@localhost"
"""


def can_listen_on_443() -> bool:
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind(("127.0.0.1", 443))
        except OSError:
            return False
    return True


@pytest.mark.skipif(not can_listen_on_443(), reason="the autodiscover service must listen on "
                    "127.0.0.1:443 (root), the only port exchangelib's autodiscover asks")
def test_autodiscover_finds_the_ews_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exchangelib.autodiscover import Autodiscovery, clear_cache

    from tests.autodiscover_server import autodiscover_server

    monkeypatch.setenv("CRM_TEST_EWS_PASSWORD", "s3cret")
    clear_cache()
    with ews_server() as (box, url), autodiscover_server(
            tmp_path, url, "sales@test-office.example") as (discovery, cert):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        monkeypatch.setattr(Autodiscovery, "DNS_RESOLVER_KWARGS", {"configure": False})
        monkeypatch.setattr(Autodiscovery, "DNS_RESOLVER_ATTRS", {
            "nameservers": ["127.0.0.1"], "port": discovery.dns_port, "timeout": 2})
        config = load_config(make_mail_office(tmp_path, transport="exchange",
                                              extra=AUTODISCOVER))
        try:
            report = send_campaign(config, "M-000001")
        finally:
            clear_cache()
    assert report.tally.sent == 10 and len(box.sent) == 10  # at the URL autodiscover gave
    assert "localhost. A" in discovery.dns_questions
    (asked,) = discovery.requests
    assert "GetUserSettingsRequestMessage" in asked and "sales@localhost" in asked
    assert set(discovery.logins) == {"svc-crm"} and set(box.logins) == {"svc-crm"}
    creates = [ET.fromstring(body) for body in box.requests if "<m:CreateItem" in body]
    assert all(mailboxes(create) == {"sales@test-office.example"} for create in creates)
