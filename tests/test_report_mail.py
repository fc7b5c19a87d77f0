"""The weekly report mails go through the configured transport: a real SMTP server receives
the head of sales' mail with the charts inline and the workbook attached; a re-run of the
same week mails nobody twice; the outbox is the default."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.analysis.period import Week
from crm_office.analysis.service import make_weekly_report
from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.demo.office import create_office
from crm_office.mail.message import InlineImage, OutgoingMessage, mime_bytes
from tests.smtp_server import smtp_server

BOSS = "boss@northwind.example"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def _office(root: Path, transport: str, port: int = 25, managers: bool = True) -> Path:
    create_office(root, "en", force=False)
    path = root / "config.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('transport = "outbox"', f'transport = "{transport}"')
    text = text.replace("host = \"127.0.0.1\"\nport = 25", f'host = "127.0.0.1"\nport = {port}')
    text = re.sub(r'\[analysis\]\nhead_of_sales = "[^"]*"\n', "", text)  # the demo's own
    path.write_text(text + f'\n[analysis]\nhead_of_sales = "{BOSS}"\n'
                    f"manager_reports = {str(managers).lower()}\n", encoding="utf-8")
    return path


def _related_pictures(message: EmailMessage) -> tuple[str, dict[str, bytes]]:
    """The HTML and the pictures of its multipart/related, by Content-ID."""
    related = next(part for part in message.walk()
                   if part.get_content_type() == "multipart/related")
    html_part, *pictures = list(related.iter_parts())
    assert html_part.get_content_type() == "text/html"
    found = {}
    for picture in pictures:
        assert picture.get_content_type() == "image/png"
        assert picture.get_content_disposition() == "inline"
        found[str(picture["Content-ID"]).strip("<>")] = picture.get_payload(decode=True)
    return html_part.get_content(), found


def test_head_of_sales_gets_the_report_by_smtp_once(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_SMTP_PASSWORD", "unused")
    with smtp_server() as (server, port):
        config = load_config(_office(tmp_path, "smtp", port, managers=False))
        result = make_weekly_report(config, Week(2026, 46))
        assert result.report is not None
        report = result.report.read_bytes()
        again = make_weekly_report(config, Week(2026, 46))
        received = server.by_address()
    assert list(received) == [BOSS] and len(received[BOSS]) == 1
    assert result.mails == [BOSS]
    assert again.mails == [] and again.mail_notes == {"already_sent": [BOSS]}
    message = received[BOSS][0].message
    assert message["Subject"] == "Weekly report 2026-W46"
    assert message["X-CRM-Office-Key"] == "weekly:2026-W46/head-of-sales"
    html, pictures = _related_pictures(message)
    shown = set(re.findall(r'src="cid:([^"]+)"', html))
    assert shown == set(pictures) == {"funnel@crm-office", "trend@crm-office"}
    assert all(png.startswith(b"\x89PNG") for png in pictures.values())
    [workbook] = list(message.iter_attachments())
    assert workbook.get_filename() == "weekly-2026-W46.xlsx"
    assert workbook.get_payload(decode=True) == report


def test_outbox_by_default_and_no_second_file_on_a_re_run(tmp_path: Path) -> None:
    config = load_config(_office(tmp_path, "outbox", managers=False))
    first = make_weekly_report(config, Week(2026, 46))
    shown = CliRunner().invoke(cli, ["--config", str(tmp_path / "config.toml"), "report",
                                     "weekly", "--week", "2026-W46"])
    assert shown.exit_code == 0, shown.output
    assert "0 mail(s) sent" in shown.output
    assert ("not sent now: 1 already sent, 0 refused by the server for good, 0 failed, "
            "0 uncertain, 0 over the daily limit") in shown.output
    [boss] = sorted((tmp_path / "output" / "outbox").glob("*.eml"))
    assert first.mails == [str(boss)] and "head-of-sales" in boss.name
    parsed = email.message_from_bytes(boss.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    _html, pictures = _related_pictures(parsed)
    assert len(pictures) == 2


def test_inline_pictures_are_related_to_the_html_and_not_attachments() -> None:
    message = OutgoingMessage(sender="a@office.example", to="b@client.example", subject="s",
                              text="plain", html='<p><img src="cid:chart@x"></p>', key="k",
                              inline=(InlineImage("chart@x", PNG),))
    parsed = email.message_from_bytes(mime_bytes(message), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert [part.get_content_type() for part in parsed.walk()] == [
        "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png"]
    assert list(parsed.iter_attachments()) == []
    _html, pictures = _related_pictures(parsed)
    assert pictures == {"chart@x": PNG}
    with pytest.raises(ValueError, match="Content-ID"):
        InlineImage("bad>\r\nBcc: x", PNG)
    with pytest.raises(ValueError, match="image type"):
        InlineImage("chart@x", PNG, subtype="png\r\nBcc: x")


def test_a_mail_refused_for_now_is_sent_on_the_next_run(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_SMTP_PASSWORD", "unused")
    with smtp_server() as (server, port):
        path = _office(tmp_path, "smtp", port, managers=False)
        path.write_text(path.read_text(encoding="utf-8").replace(
            'transport = "smtp"', 'transport = "smtp"\nretries = 0'), encoding="utf-8")
        config = load_config(path)
        server.refuse[BOSS] = ["451 4.3.0 try later"]
        first = make_weekly_report(config, Week(2026, 46))
        second = make_weekly_report(config, Week(2026, 46))
        received = server.by_address()
    assert first.mails == [] and "451" in first.mail_notes["failed"][BOSS]
    assert second.mails == [BOSS] and len(received[BOSS]) == 1
