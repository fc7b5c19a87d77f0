"""PDF copies by LibreOffice Writer, a batch at a time, on every core.

Never one LibreOffice start per document. The converter is long-lived: one listening
LibreOffice per core (``os.cpu_count()``, at most 4), each with a private user profile,
driven over UNO with the documents opened hidden (:mod:`crm_office.documents.pdf_uno`),
restarted every :data:`~crm_office.documents.pdf_uno.RESTART_EVERY` documents and after
a crash, closed at the end of the batch. It needs Debian's UNO bindings for the system
Python (``python3-uno``, ``scripts/setup.sh --with-pdf``); without them each core's part
of the batch is converted in one ``soffice --convert-to pdf`` call (slower). Optional
PDF/A-2b for offices that archive invoices. A document that cannot be converted is
reported by name; the others go on.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from crm_office.catalogue import say
from crm_office.documents.pdf_uno import (
    NONE,
    RESTART_EVERY,
    Result,
    convert_uno,
    reason,
    uno_python,
)
from crm_office.writeback.atomic import write_engine_file

log = logging.getLogger(__name__)
PDF = "pdf:writer_pdf_Export"
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
SECONDS_PER_DOCUMENT = 10
UNO, PER_PART = "uno", "soffice-per-part"
"""The two converters: long-lived instances over UNO, or one soffice call per part."""


@dataclass
class PdfBatch:
    """Per file its PDF or the error; which converter ran; per LibreOffice instance (its
    pid; UNO only) its peak resident memory in KiB."""

    converter: str
    results: dict[Path, Result] = field(default_factory=dict)
    peaks: dict[int, int] = field(default_factory=dict)

    @property
    def instances(self) -> set[int]:
        """The pids of the LibreOffice instances that converted (UNO only)."""
        return set(self.peaks)


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_batch(files: Sequence[Path], *, archive: bool = False, workers: int | None = None,
                  locale: str = "en") -> dict[Path, Result]:
    """Make ``<name>.pdf`` beside every file; per file its PDF or why not (in ``locale``)."""
    return convert_pdfs(files, archive=archive, workers=workers, locale=locale).results


def convert_pdfs(files: Sequence[Path], *, archive: bool = False, workers: int | None = None,
                 restart_every: int = RESTART_EVERY, use_uno: bool = True,
                 locale: str = "en") -> PdfBatch:
    """:func:`convert_batch`, saying which converter ran and on which instances."""
    count = max(1, min(workers or os.cpu_count() or 1, 4, len(files)))
    python = uno_python() if use_uno else None
    if not files:
        return PdfBatch(UNO if python else PER_PART)
    if python is not None:
        log.info("PDF: %d document(s) on %d long-lived LibreOffice instance(s) over UNO",
                 len(files), count)
        done = convert_uno(python, files, archive=archive, workers=count,
                           restart_every=restart_every, locale=locale)
        return PdfBatch(UNO, done.results, done.peaks)
    program = soffice()
    if program is None:
        missing = say("document.pdf.missing", locale, program="LibreOffice",
                      command="scripts/setup.sh --with-pdf")
        return PdfBatch(PER_PART, {file: (None, missing) for file in files})
    log.warning("PDF: no UNO bindings (python3-uno: scripts/setup.sh --with-pdf); %d "
                "document(s) by one soffice call per part on %d core(s)", len(files), count)
    chunks = [list(files[index::count]) for index in range(count)]
    batch = PdfBatch(PER_PART)
    with ThreadPoolExecutor(count) as pool:
        for done_part in pool.map(lambda chunk: _convert(program, chunk, archive, locale),
                                  chunks):
            batch.results.update(done_part)
    return batch


def _convert(program: str, files: list[Path], archive: bool, locale: str
             ) -> dict[Path, Result]:
    with tempfile.TemporaryDirectory(prefix="crm-office-pdf-") as work:
        profile, out = Path(work) / "profile", Path(work) / "out"
        command = [program, "--headless", "--norestore", "--nologo", "--nodefault",
                   f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", PDF_A if archive else PDF, "--outdir", str(out),
                   *(str(file) for file in files)]
        try:
            subprocess.run(command, check=False, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=60 + SECONDS_PER_DOCUMENT * len(files))
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {file: (None, reason(str(exc), locale)) for file in files}
        return {file: _move(out / f"{file.stem}.pdf", file.with_suffix(".pdf"), locale)
                for file in files}


def _move(made: Path, target: Path, locale: str) -> Result:
    if not made.is_file():
        return None, reason(NONE, locale)
    write_engine_file(target, made.read_bytes())
    return target, ""
