"""The long-lived PDF converter: LibreOffice over UNO, restarted, cleaned up, per-file errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.documents.make import make_documents
from crm_office.documents.pdf import PER_PART, UNO, convert_pdfs
from crm_office.documents.pdf_uno import _Worker, uno_python
from tests.documents_office import build_documents_office

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(uno_python() is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice, python3-uno and pdftotext "
                              "(scripts/setup.sh --with-tests)"),
]


def _documents(tmp_path: Path) -> list[Path]:
    """The offer and invoice of the small office, and a payment reminder (.docx)."""
    config = build_documents_office(tmp_path, "en")
    report = make_documents(load_config(config), pdf=False, today=dt.date(2026, 11, 22),
                            kinds=("offer", "invoice", "reminder"))
    return [Path(item.file) for item in report.documents if item.status == "made"]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _alive_soffice(pid: int) -> bool:
    """Whether ``pid`` is still a LibreOffice (a pid reused by anything else is not)."""
    try:
        return b"soffice" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_uno_batch_restarts_reports_a_broken_file_and_leaves_nothing(tmp_path: Path) -> None:
    files = _documents(tmp_path)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(files[0].read_bytes()[:3000])  # a cut-off zip
    batch = convert_pdfs([files[0], broken, *files[1:]], workers=1, restart_every=2,
                         locale="ru")
    assert batch.converter == UNO
    pdf, error = batch.results[broken]
    assert pdf is None and not broken.with_suffix(".pdf").exists()
    assert error == "LibreOffice не открывает его как документ Word"
    for file in files:
        made, problem = batch.results[file]
        assert problem == "" and made == file.with_suffix(".pdf") and made.is_file()
    invoice = next(file for file in files if "INV-" in file.name)
    text = _text(invoice.with_suffix(".pdf"))
    assert "£1,200.00" in text and "One thousand two hundred pounds and 00 pence" in text
    assert len(batch.instances) == 2  # three documents, a new LibreOffice after two
    assert not any(_alive_soffice(pid) for pid in batch.instances)
    assert not list(files[0].parent.glob(".*.tmp"))  # no temporary PDF left


def test_archive_pdf_on_two_instances(tmp_path: Path) -> None:
    files = _documents(tmp_path)
    batch = convert_pdfs(files, archive=True, workers=2)
    assert batch.converter == UNO and len(batch.instances) == 2
    assert all(pdf is not None and b"pdfaid:part" in pdf.read_bytes()
               for pdf, _error in batch.results.values())
    assert not any(_alive_soffice(pid) for pid in batch.instances)


def test_a_crashed_libreoffice_is_started_again(tmp_path: Path) -> None:
    files = _documents(tmp_path)
    python = uno_python()
    assert python is not None
    worker = _Worker(python, tmp_path / "profile", 100)
    try:
        ok, first, _, _ = worker.convert(files[0], tmp_path / "a.pdf", False, 60)
        assert ok
        os.kill(first, signal.SIGKILL)  # LibreOffice dies between two documents
        ok, second, error, _ = worker.convert(files[1], tmp_path / "b.pdf", False, 60)
        assert ok and error == "" and second != first and (tmp_path / "b.pdf").is_file()
    finally:
        worker.close()
    assert worker.process.returncode == 0 and not _alive_soffice(second)


def test_without_uno_one_soffice_call_per_part(tmp_path: Path) -> None:
    files = _documents(tmp_path)[:1]
    batch = convert_pdfs(files, use_uno=False)
    assert batch.converter == PER_PART
    pdf, error = batch.results[files[0]]
    assert error == "" and pdf is not None and "£" in _text(pdf)
