"""The Graph transport: msal and requests against a local identity + Graph endpoint (HTTPS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.mail.operation import send_campaign
from tests.graph_server import graph_server
from tests.mail_office import make_mail_office

GRAPH = """
[mail.graph]
tenant_id = "contoso"
client_id = "app-1"
client_secret = {{ env = "CRM_TEST_GRAPH_SECRET" }}
mailbox = "office@test-office.example"
authority = "{base}"
api = "{base}/v1.0"
"""


@pytest.fixture
def graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with graph_server(tmp_path) as (box, base, cert):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        monkeypatch.setenv("CRM_TEST_GRAPH_SECRET", "s3cret")
        yield box, GRAPH.format(base=base)


def test_campaign_through_graph_with_429_retry_after_and_upload_session(
        tmp_path: Path, graph) -> None:  # type: ignore[no-untyped-def]
    box, extra = graph
    box.throttle_send, box.retry_after = 2, "0"
    big = bytes(range(256)) * (14 * 1024)  # 3.5 MiB: over the 3 MB inline limit
    (tmp_path / "templates").mkdir(parents=True, exist_ok=True)
    (tmp_path / "templates" / "brochure.bin").write_bytes(big)
    config_path = make_mail_office(tmp_path, transport="graph", extra=extra)
    (tmp_path / "templates" / "brochure.bin").write_bytes(big)
    report = send_campaign(load_config(config_path), "M-000001")
    assert report.tally.sent == 10 and report.ok
    assert len(box.sent) == 10 and not box.drafts  # throttled sends reused their drafts
    assert box.tokens == 1
    first = next(m for m in box.sent if m["toRecipients"][0]["emailAddress"]["address"]
                 == "client4@mail.example")
    assert first["subject"] == "Предложение для Клиент 4 <b>"
    assert first["internetMessageHeaders"] == [{"name": "X-CRM-Office-Key",
                                                "value": "M-000001/C-000004"}]
    assert "Клиент 4 &lt;b&gt;" in first["body"]["content"]
    files = box.attachment_bytes(first)
    assert files["brochure.bin"] == big
    assert files["Прайс-лист 2026.pdf"] == (tmp_path / "templates" /
                                            "Прайс-лист 2026.pdf").read_bytes()
    assert sum(call.startswith("PUT bytes") for call in box.calls) >= 30


def test_connection_dropped_after_graph_sent_is_settled_from_sent_items(
        tmp_path: Path, graph) -> None:  # type: ignore[no-untyped-def]
    box, extra = graph
    box.drop_after_send = 3
    config = load_config(make_mail_office(tmp_path, transport="graph", extra=extra))
    report = send_campaign(config, "M-000001")
    assert len(box.sent) == 10 and report.tally.sent == 10 and not report.uncertain
    ids = [m["internetMessageId"] for m in box.sent]
    assert len(set(ids)) == 10
    assert any("sentitems" in call for call in box.calls)


def test_replies_and_bounces_from_the_graph_inbox_once(tmp_path: Path,
                                                        graph) -> None:  # type: ignore[no-untyped-def]
    from crm_office.mail.fetch import fetch_mail
    from tests.test_mail_fetch import _bounce, _reply

    box, extra = graph
    config = load_config(make_mail_office(tmp_path, transport="graph", extra=extra))
    send_campaign(config, "M-000001")
    box.inbox += [_reply(box.sent[0]["internetMessageId"], "someone@mail.example", "Re: hi",
                         "Yes please."), _bounce("client9@mail.example", "M-000001/C-000009")]
    first = fetch_mail(config)
    second = fetch_mail(config)
    assert (first.read, len(first.replies), len(first.bounces)) == (2, 1, 1)
    assert (second.read, second.already_seen) == (0, 2)
    assert sum(call.endswith("/$value") for call in box.calls) == 2


def test_report_mail_pictures_go_as_inline_attachments_once(
        tmp_path: Path, graph) -> None:  # type: ignore[no-untyped-def]
    import base64

    from crm_office.analysis.delivery import OutgoingMail, deliver, paragraphs_html
    from crm_office.mail.message import Attachment

    box, extra = graph
    config = load_config(make_mail_office(tmp_path, transport="graph", extra=extra))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    mail = OutgoingMail("weekly:2026-W46", "head-of-sales", "boss@test-office.example",
                        "Weekly report 2026-W46", "text",
                        paragraphs_html("Weekly report", ["one"], ["funnel@crm-office"]),
                        {"funnel@crm-office": png},
                        (Attachment("weekly-2026-W46.xlsx", data=b"PK-workbook"),))
    assert deliver(config, [mail]).sent == ["boss@test-office.example"]
    assert deliver(config, [mail]).already == ["boss@test-office.example"]
    [sent] = box.sent
    assert 'src="cid:funnel@crm-office"' in sent["body"]["content"]
    inline = {a["name"]: a for a in sent["attachments"] if a.get("isInline")}
    assert list(inline) == ["funnel.png"]
    assert inline["funnel.png"]["contentId"] == "funnel@crm-office"
    assert base64.b64decode(inline["funnel.png"]["contentBytes"]) == png
    assert box.attachment_bytes(sent)["weekly-2026-W46.xlsx"] == b"PK-workbook"
