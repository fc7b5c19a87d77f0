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
