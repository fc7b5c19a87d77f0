"""PDF copies by LibreOffice Writer, a batch at a time, on every core.

Never one LibreOffice start per document: the documents of a batch are split into
one chunk per worker (``os.cpu_count()``, at most 4), and each worker converts its
whole chunk in one ``soffice --convert-to pdf`` call with a private user profile (two
instances cannot share one). Optional PDF/A-2b for offices that archive invoices.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from crm_office.writeback.atomic import write_engine_file

log = logging.getLogger(__name__)
PDF = "pdf:writer_pdf_Export"
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
SECONDS_PER_DOCUMENT = 10
Result = tuple[Path | None, str]


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_batch(files: Sequence[Path], *, archive: bool = False,
                  workers: int | None = None) -> dict[Path, Result]:
    """Make ``<name>.pdf`` beside every file; per file its PDF or the error."""
    if not files:
        return {}
    program = soffice()
    if program is None:
        return {file: (None, "LibreOffice (soffice) is not installed; run scripts/setup.sh")
                for file in files}
    count = max(1, min(workers or os.cpu_count() or 1, 4, len(files)))
    chunks = [list(files[index::count]) for index in range(count)]
    results: dict[Path, Result] = {}
    with ThreadPoolExecutor(count) as pool:
        for done in pool.map(lambda chunk: _convert(program, chunk, archive), chunks):
            results.update(done)
    return results


def _convert(program: str, files: list[Path], archive: bool) -> dict[Path, Result]:
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
            return {file: (None, f"LibreOffice failed: {exc}") for file in files}
        return {file: _move(out / f"{file.stem}.pdf", file.with_suffix(".pdf"))
                for file in files}


def _move(made: Path, target: Path) -> Result:
    if not made.is_file():
        return None, "LibreOffice made no PDF of it"
    write_engine_file(target, made.read_bytes())
    return target, ""
