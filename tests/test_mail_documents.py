"""A document made per recipient and attached: each client gets its own offer or invoice,
through a real SMTP server (aiosmtpd), byte-identical to the file in output/documents."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.documents.make import Request, make_documents
from crm_office.mail.operation import preview_campaign, send_campaign
from crm_office.store import Store
from tests.conftest import write_workbook
from tests.documents_office import AWKWARD, build_documents_office
from tests.smtp_server import smtp_server

CLIENTS = [
    ["Client ID", "Client", "Status", "Tax ID", "Address", "Contact person", "E-mail",
     "Mailing consent", "Segment"],
    ["C-000001", AWKWARD, "active", "7707083893", "1 Main St", "Laura", "laura@smith.example",
     "yes", "large"],
    ["C-000002", "ООО «Вектор»", "active", "7707083893", "г. Москва", "Анна",
     "anna@vector.example", "yes", "large"],
    ["C-000003", "Gamma Travel", "active", "7707083893", "2 High St", "Greg",
     "greg@gamma.example", "yes", "large"],
    ["C-000004", "Delta Tours", "active", "7707083893", "3 Low St", "Dora",
     "dora@delta.example", "yes", "large"],
]
DEALS = [
    ["Deal ID", "Deal", "Client ID", "Manager", "Stage", "Planned amount"],
    ["D-000001", "Company retreat", "C-000001", "Anna Smith", "offer", 5000],
    ["D-000003", "Unknown product", "C-000002", "Anna Smith", "offer", 100],
    ["D-000005", "City tour", "C-000003", "Anna Smith", "needs", 700],
    ["D-000006", "Old trip", "C-000004", "Anna Smith", "won", 300],
]


def _office(tmp_path: Path, port: int, documents: str) -> Path:
    extra = f"""
[mail]
transport = "smtp"
sender = "office@northwind.example"
backoff_seconds = 0.05

[mail.smtp]
host = "127.0.0.1"
port = {port}
timeout = 5

[mail.campaigns.offers]
subject = "Your offer, {{{{ client.name }}}}"
documents = {documents}
"""
    config = build_documents_office(tmp_path, extra="")
    text = config.read_text(encoding="utf-8").replace("[documents]", extra + "\n[documents]")
    config.write_text(text, encoding="utf-8")
    write_workbook(tmp_path / "workbooks" / "clients.xlsx", {"Data": CLIENTS})
    write_workbook(tmp_path / "workbooks" / "deals.xlsx", {"Data": DEALS})
    return config


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_each_client_gets_its_own_offer_byte_identical(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(_office(tmp_path, port, '["offer"]'))
        preview = preview_campaign(config, "offers")
        assert not list((tmp_path / "output" / "documents").rglob("*.docx"))  # nothing made
        report = send_campaign(config, "offers")
        again = send_campaign(config, "offers")
    shown = {r.client_id: r.documents for r in preview.recipients}
    assert set(shown) == {"C-000001", "C-000003"}
    assert "D-000001" in shown["C-000001"][0]
    excluded = {e.client_id: (e.code, e.why) for e in report.excluded}
    assert excluded["C-000002"][0] == "document-missing" and "XX-404" in excluded["C-000002"][1]
    assert "no open deal" in excluded["C-000004"][1]
    assert report.tally.sent == 2 and again.tally.sent == 0
    got = server.by_address()
    assert set(got) == {"laura@smith.example", "greg@gamma.example"}
    with Store.open(config.paths.store, config.paths.root) as store:
        made = {row.client_id: row for row in store.documents("offer")}
    assert set(made) == {"C-000001", "C-000003"}  # the failing deal took no number
    for address, client_id, name in (("laura@smith.example", "C-000001", AWKWARD),
                                     ("greg@gamma.example", "C-000003", "Gamma Travel")):
        (message,) = [item.message for item in got[address]]
        (part,) = list(message.iter_attachments())
        data = part.get_content()
        file = Path(made[client_id].file)
        assert file.parent.parent.parent == tmp_path / "output" / "documents"
        assert part.get_filename() == file.name and data == file.read_bytes()
        text = _docx_text(data)
        assert name in text and made[client_id].number in text


def test_an_offer_already_made_is_reused_not_numbered_again(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(_office(tmp_path, port, '["offer"]'))
        first = make_documents(config, [Request("offer", "D-000001")])
        (made,) = first.of("made")
        report = send_campaign(config, "offers")
    with Store.open(config.paths.store, config.paths.root) as store:
        numbers = [row.number for row in store.documents("offer", "D-000001")]
    assert numbers == [made.number] and report.tally.sent == 2
    (message,) = [item.message for item in server.by_address()["laura@smith.example"]]
    (part,) = list(message.iter_attachments())
    assert part.get_content() == Path(made.file).read_bytes()


def test_overdue_invoices_go_with_their_own_file_hand_typed_ones_exclude(tmp_path: Path) -> None:
    deals = [*DEALS, ["D-000007", "Invoiced trip", "C-000003", "Anna Smith", "invoiced", 900]]
    with smtp_server() as (server, port):
        config_path = _office(tmp_path, port, '["invoice"]')
        write_workbook(tmp_path / "workbooks" / "deals.xlsx", {"Data": deals})
        config = load_config(config_path)
        # an invoice made a year ago (due long since), and OLD-1 typed in by hand for C-000001
        made = make_documents(config, [Request("invoice", "D-000007")],
                              today=dt.date.today() - dt.timedelta(days=365))
        (invoice,) = made.of("made")
        result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "preview",
                                          "offers", "--format", "json"])
        report = send_campaign(config, "offers")
    preview = json.loads(result.output)
    assert [(r["client_id"], r["documents"]) for r in preview["recipients"]] == [
        ("C-000003", [Path(invoice.file).name])]
    why = {e.client_id: e.why for e in report.excluded}
    assert "OLD-1" in why["C-000001"] and "no overdue invoice" in why["C-000002"]
    (message,) = [item.message for item in server.by_address()["greg@gamma.example"]]
    (part,) = list(message.iter_attachments())
    assert part.get_content() == Path(invoice.file).read_bytes()
    assert invoice.number in _docx_text(part.get_content())
    assert report.tally.sent == 1


def _sheet_campaign(tmp_path: Path, port: int, documents: str) -> Path:
    config = _office(tmp_path, port, "[]")
    write_workbook(tmp_path / "workbooks" / "campaigns.xlsx", {"Data": [
        ["Campaign ID", "Campaign", "Channel", "Start", "Документы"],
        ["M-000001", "Offers by sheet", "e-mail", dt.date(2026, 3, 1), documents]]})
    text = config.read_text(encoding="utf-8").replace(
        "[funnel]", '[tables.campaigns]\nfile = "campaigns.xlsx"\nsheet = "Data"\n\n[funnel]')
    config.write_text(text, encoding="utf-8")
    return config


def test_the_campaigns_sheet_documents_column_asks_for_them(tmp_path: Path) -> None:
    with smtp_server() as (server, port):
        config = load_config(_sheet_campaign(tmp_path, port, "КП"))
        report = send_campaign(config, "Offers by sheet")
    assert report.campaign["documents"] == ["offer"] and report.tally.sent == 2
    (message,) = [item.message for item in server.by_address()["greg@gamma.example"]]
    (part,) = list(message.iter_attachments())
    assert "Gamma Travel" in _docx_text(part.get_content())


def test_a_word_the_documents_column_does_not_know_names_its_cell(tmp_path: Path) -> None:
    config_path = _sheet_campaign(tmp_path, 25, "offer, brochure")
    result = CliRunner().invoke(cli, ["--config", str(config_path), "mail", "preview",
                                      "M-000001"])
    assert result.exit_code == 1, result.output  # as every campaign that cannot be prepared
    assert "campaigns.xlsx, sheet Data, cell E2: brochure is not a document to attach" \
        in " ".join(result.output.split())
