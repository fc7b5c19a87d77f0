"""The document commands: exit codes, JSON equal to the library's, a real PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.config import load_config
from crm_office.documents.make import make_documents
from crm_office.documents.templates_check import check_templates
from tests.documents_office import build_documents_office


def run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-q", "--config", str(config), *args])
    return result.exit_code, result.stdout


def test_invoice_command_makes_then_says_it_exists(tmp_path: Path) -> None:
    config = build_documents_office(tmp_path, "en")
    code, out = run(config, "invoice", "D-000001", "--no-pdf", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counts"]["made"] == 1
    assert data["documents"][0]["number"].startswith("INV-")
    code, out = run(config, "invoice", "D-000001")
    assert code == 0 and "already exists" in out and "--new makes another" in out
    code, out = run(config, "invoice", "D-000001", "--new", "--format", "json")
    assert code == 0 and json.loads(out)["documents"][0]["number"].endswith("00002")


def test_missing_deal_exits_1_with_the_reason(tmp_path: Path) -> None:
    config = build_documents_office(tmp_path, "en")
    code, out = run(config, "offer", "D-123456")
    assert code == 1
    assert "there is no deal D-123456 in the Deals sheet" in out


def test_documents_dry_run_json_equals_the_library(tmp_path: Path) -> None:
    config = build_documents_office(tmp_path, "en")
    code, out = run(config, "documents", "--dry-run", "--format", "json")
    expected = make_documents(load_config(config), dry_run=True).to_dict()
    assert json.loads(out) == json.loads(json.dumps(expected))
    assert code == 1  # two deals at the offer stage cannot be made (no client, no product)
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "crm-office.sqlite").exists()


def test_templates_check_and_fields(tmp_path: Path) -> None:
    config = build_documents_office(tmp_path, "ru")
    code, out = run(config, "templates", "check", "--format", "json")
    assert code == 0
    assert json.loads(out) == check_templates(load_config(config)).to_dict()
    code, out = run(config, "templates", "fields", "invoice", "--format", "json")
    fields = json.loads(out)
    assert code == 0 and fields["client.name"] == 'Smith & Sons "Best" <Ltd>'
    assert fields["total_in_words"].endswith("копеек") and "item.amount" in fields
    code, _ = run(config, "templates", "fields", "contract")
    assert code == 2


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext (scripts/setup.sh --with-tests)")
def test_pdf_holds_the_same_total(tmp_path: Path) -> None:
    config = build_documents_office(tmp_path, "en")
    _code, out = run(config, "documents", "--pdf", "--format", "json")
    made = [item for item in json.loads(out)["documents"] if item["status"] == "made"]
    assert len(made) == 2 and all(item["pdf"] for item in made)  # offer, invoice
    _code, out = run(config, "documents", "--kind", "reminder", "--format", "json")
    assert [item["kind"] for item in json.loads(out)["documents"]] == ["reminder"]
    invoice = next(item for item in made if item["kind"] == "invoice")
    text = subprocess.run(["pdftotext", "-layout", invoice["pdf"], "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "£1,200.00" in text and invoice["number"] in text
    assert "One thousand two hundred pounds and 00 pence" in text


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_pdf_archive_is_pdf_a(tmp_path: Path) -> None:
    from crm_office.documents.pdf import convert_batch

    config = build_documents_office(tmp_path, "ru", extra="pdf = true\npdf_archive = true")
    code, out = run(config, "offer", "D-000001", "--format", "json")
    pdf = Path(json.loads(out)["documents"][0]["pdf"])
    assert code == 0 and pdf.is_file()
    assert b"pdfaid:part" in pdf.read_bytes()
    assert convert_batch([]) == {}
