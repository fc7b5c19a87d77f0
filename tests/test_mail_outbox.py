"""The outbox transport and the CLI: real .eml files, proper MIME, JSON = to_dict()."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.errors import MailRejectedError
from crm_office.mail.message import Attachment, OutgoingMessage, mime_bytes
from crm_office.mail.operation import preview_campaign, send_campaign
from tests.mail_office import client_rows, make_mail_office


def _parse(data: bytes) -> email.message.EmailMessage:
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def test_outbox_messages_are_proper_mime_with_encoded_cyrillic(tmp_path: Path) -> None:
    config = load_config(make_mail_office(tmp_path, transport="outbox"))
    report = send_campaign(config, "M-000001")
    files = sorted((tmp_path / "output" / "outbox").glob("*.eml"))
    assert report.tally.sent == 10 and len(files) == 10
    raw = files[0].read_bytes()
    assert raw.isascii()  # every non-ASCII header and name is encoded
    assert b"Subject: =?utf-8?" in raw and b"filename*" in raw
    parsed = _parse(raw)
    assert parsed.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in parsed.walk()][:4] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html"]
    assert parsed["Subject"].startswith("Предложение для Клиент")
    assert str(parsed["From"]) == "Тест Офис <office@test-office.example>"
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == ["Прайс-лист 2026.pdf", "brochure.bin"]


@pytest.mark.parametrize("field", ["subject", "to_name", "sender_name"])
def test_a_line_break_cannot_add_a_header(field: str) -> None:
    values = {"subject": "Hi", "to_name": "", "sender_name": ""}
    values[field] = "Offer\r\nBcc: victim@evil.example"
    message = OutgoingMessage(sender="a@office.example", to="b@client.example", text="x",
                              key="k", **values)
    parsed = _parse(mime_bytes(message))
    assert parsed["Bcc"] is None
    assert all(name.lower() != "bcc" for name in parsed)


@pytest.mark.parametrize("address", ["b@client.example\r\nBcc: x@evil.example",
                                     "b@client.example, x@evil.example", "", "no-at-sign"])
def test_an_address_that_is_not_one_address_is_refused(address: str) -> None:
    message = OutgoingMessage(sender="a@office.example", to=address, subject="s", text="x",
                              attachments=(Attachment("a.txt", data=b"a"),))
    with pytest.raises(MailRejectedError):
        mime_bytes(message)


def test_same_key_same_message_id() -> None:
    one = OutgoingMessage(sender="a@office.example", to="b@c.example", subject="s", text="x",
                          key="M-1/C-1")
    two = OutgoingMessage(sender="a@office.example", to="b@c.example", subject="t", text="y",
                          key="M-1/C-1")
    assert one.message_id == two.message_id
    assert one.message_id.endswith("@office.example>")


def test_preview_says_who_and_why_and_renders_without_sending(tmp_path: Path) -> None:
    rows = client_rows(6)
    rows[2][6] = "no"
    rows[3][4] = "small"
    rows[4][3] = ""
    config = load_config(make_mail_office(tmp_path, rows, transport="outbox"))
    report = preview_campaign(config, "m-000001")
    assert [r.client_id for r in report.recipients] == ["C-000001", "C-000005", "C-000006"]
    assert [(e.client_id, e.code) for e in report.excluded] == [
        ("C-000002", "no-consent"), ("C-000004", "no-address")]
    assert len(report.previews) == 3
    assert not (tmp_path / "output" / "outbox").exists()


def test_cli_preview_and_send_json_equal_the_reports(tmp_path: Path) -> None:
    config_path = make_mail_office(tmp_path, transport="outbox")
    runner = CliRunner()
    shown = runner.invoke(cli, ["--config", str(config_path), "mail", "preview", "M-000001",
                                "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output) == preview_campaign(load_config(config_path),
                                                        "M-000001").to_dict()
    sent = runner.invoke(cli, ["--config", str(config_path), "-q", "mail", "send", "M-000001",
                               "--limit", "4", "--format", "json"])
    assert sent.exit_code == 0, sent.output
    data = json.loads(sent.output)
    assert (data["sent"], data["planned"], data["ok"]) == (4, 4, True)
    text = runner.invoke(cli, ["--config", str(config_path), "-q", "mail", "send", "M-000001"])
    assert text.exit_code == 0
    assert "sent 6, failed 0, uncertain 0, already sent before 4, excluded 0" in text.output


def test_cli_unknown_campaign_lists_the_known_ones(tmp_path: Path) -> None:
    config_path = make_mail_office(tmp_path, transport="outbox")
    result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "preview", "Nope"])
    assert result.exit_code == 1
    assert "there is no campaign 'Nope' (known: M-000001)" in result.output


def test_a_transport_not_built_names_the_known_ones(tmp_path: Path) -> None:
    from crm_office.errors import ConfigError
    from crm_office.mail.transports import open_transport

    config = load_config(make_mail_office(tmp_path, transport="outbox"))
    with pytest.raises(ConfigError) as caught:
        open_transport(config, "carrier-pigeon")
    assert "known transports: outbox, smtp" in str(caught.value)


def test_a_missing_attachment_stops_before_the_first_message(tmp_path: Path) -> None:
    config_path = make_mail_office(tmp_path, transport="outbox")
    (tmp_path / "templates" / "brochure.bin").unlink()
    result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "send", "M-000001"])
    assert result.exit_code == 1
    assert "brochure.bin of campaign M-000001 does not exist" in result.output
    assert not (tmp_path / "output" / "outbox").exists()


def test_a_template_error_names_the_campaign(tmp_path: Path) -> None:
    config_path = make_mail_office(tmp_path, transport="outbox")
    (tmp_path / "templates" / "mail" / "offer.txt").write_text("{{ client.nope.deeper }}",
                                                               encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "preview",
                                      "M-000001"])
    assert result.exit_code == 1
    assert "template of campaign M-000001 cannot be used" in result.output
    assert "Traceback" not in result.output


def test_the_daily_limit_holds_over_runs(tmp_path: Path) -> None:
    config_path = make_mail_office(tmp_path, transport="outbox")
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(text.replace("retries = 3", "retries = 3\ndaily_limit = 4"),
                           encoding="utf-8")
    config = load_config(config_path)
    first = send_campaign(config, "M-000001")
    second = send_campaign(config, "M-000001")
    assert first.tally.sent == 4 and second.tally.sent == 0
    assert "daily limit reached (4 a day, 0 sent today): 6 left" in first.notes[0]
    assert "(4 a day, 4 sent today): 6 left" in second.notes[0]
    assert len(list((tmp_path / "output" / "outbox").glob("*.eml"))) == 4


def test_contact_log_open_in_excel_is_caught_up_once(tmp_path: Path) -> None:
    from crm_office.workbook import read_table

    config = load_config(make_mail_office(tmp_path, transport="outbox"))
    lock = tmp_path / "workbooks" / "~$contacts.xlsx"
    lock.write_bytes(b"\x0bAnna Smith" + b" " * 40)
    first = send_campaign(config, "M-000001", limit=6)
    assert first.tally.sent == 6 and not first.ok
    assert any(f.skipped and "contacts.xlsx" in f.label for f in first.files)
    lock.unlink()
    second = send_campaign(config, "M-000001")
    third = send_campaign(config, "M-000001")
    assert (second.tally.sent, third.tally.sent) == (4, 0) and third.ok
    logged = [row["client_id"] for row in read_table(config.tables["contacts"]).parts[0].records()
              if row["type"] == "e-mail"]
    assert sorted(logged) == [f"C-{n:06d}" for n in range(1, 11)]


def test_a_russian_office_reads_russian(tmp_path: Path) -> None:
    from crm_office.workbook import read_table

    rows = client_rows(3)
    rows[2][6] = "нет"
    config_path = make_mail_office(tmp_path, rows, transport="outbox")
    config_path.write_text(config_path.read_text(encoding="utf-8").replace(
        'locale = "en"', 'locale = "ru"'), encoding="utf-8")
    config = load_config(config_path)
    report = send_campaign(config, "M-000001")
    assert [e.why for e in report.excluded] == ["нет согласия на рассылку"]
    log = [row for row in read_table(config.tables["contacts"], "ru").parts[0].records()
           if row["type"] == "письмо"]
    assert log[0]["summary"] == "Письмо кампании Весенняя рассылка: Предложение для Клиент 1 <b>"
    eml = next((tmp_path / "output" / "outbox").glob("*C-000001*.eml")).read_bytes()
    assert "Чтобы отказаться от рассылки" in _parse(eml).get_body(("plain",)).get_content()
