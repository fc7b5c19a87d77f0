"""The PDF converter's failures are answers per file, never a missing one or a traceback."""

from __future__ import annotations

from pathlib import Path

from crm_office.documents.pdf import convert_pdfs
from crm_office.documents.pdf_uno import convert_uno


def test_a_worker_that_cannot_start_still_answers_every_file(tmp_path: Path) -> None:
    files = [tmp_path / "a.docx", tmp_path / "b.docx"]
    batch = convert_uno(str(tmp_path / "no-python"), files, archive=False, workers=2,
                        locale="ru")
    assert batch.results == {file: (None, "LibreOffice неожиданно завершился")
                             for file in files}
    assert not list(tmp_path.glob("*.pdf"))


def test_an_empty_batch_starts_nothing() -> None:
    batch = convert_pdfs([])
    assert batch.results == {} and batch.peaks == {}
