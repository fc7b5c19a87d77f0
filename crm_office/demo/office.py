"""Create a complete demo office: config.toml, workbooks full of data, Word templates.

Every run writes the same bytes: the data come from a fixed seed and reference
date, and every zip package is re-packed with fixed timestamps.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from crm_office.catalogue import Text
from crm_office.demo.config_text import OFFICE, WORKBOOKS, config_toml
from crm_office.demo.data import build_rows
from crm_office.demo.layout import write_workbook
from crm_office.demo.seed import REFERENCE_DATE, Row
from crm_office.demo.templates import KINDS, write_templates
from crm_office.errors import (
    ConfigError,
    OfficeExistsError,
    OfficeFolderError,
    WorkbookLockedError,
)
from crm_office.model import BUILTIN_TABLES

__all__ = ["REFERENCE_DATE", "OfficeSummary", "create_office"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfficeSummary:
    """What `init` wrote: the office folder, every file, and the rows per table."""

    root: Path
    files: tuple[Path, ...]
    rows: dict[str, int]


def create_office(target: Path, locale: str = "en", *, force: bool = False) -> OfficeSummary:
    """Write a demo office into ``target`` (created if missing).

    Raises OfficeExistsError if ``target/config.toml`` exists and ``force`` is false,
    and WorkbookLockedError if a file it would overwrite is open in Excel or LibreOffice.
    """
    target = Path(target)
    config = target / "config.toml"
    if locale not in OFFICE:
        raise ConfigError(f"unknown locale '{locale}'", key_path="office.locale",
                          hint=f"choose one of: {', '.join(OFFICE)}")
    _refuse_a_file(target)
    if config.exists() and not force:
        raise OfficeExistsError(Text("error.office-exists", target=target),
                                hint=Text("hint.use-force"))
    _refuse_open_files(target)
    rows = build_rows(locale)
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = [*write_workbooks(target / "workbooks", rows, locale),
                   *write_templates(target / "templates", locale)]
        config.write_bytes(config_toml(locale).encode("utf-8"))  # last: an office is complete
    except OSError as exc:
        raise OfficeFolderError(Text("error.cannot-write-office", reason=exc.strerror or exc,
                                     file=f" ({exc.filename})" if exc.filename else ""),
                                path=target, hint=Text("hint.writable-folder")) from exc
    files = [config, *written]
    log.info("created a %s demo office in %s: %d files", locale, target, len(files))
    return OfficeSummary(target, tuple(files), {key: len(value) for key, value in rows.items()})


def _refuse_a_file(target: Path) -> None:
    """An office is a folder: a file (or a path through a file) cannot become one."""
    for part in (target, *target.parents):
        if part.exists() and not part.is_dir():
            what = Text("error.target-is-file") if part == target else \
                Text("error.target-inside-file", file=part)
            raise OfficeFolderError(what, path=target, hint=Text(
                "hint.new-folder", example="crm-office init my-office"))


def _refuse_open_files(target: Path) -> None:
    """Never overwrite a workbook or template that is open in Excel, Word or LibreOffice."""
    names = [f"workbooks/{file}" for file in dict.fromkeys(file for _k, file, _e, _r in WORKBOOKS)]
    for name in [*names, *(f"templates/{kind}.docx" for kind in KINDS)]:
        path = target / name
        for lock in (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")):
            if lock.exists():
                raise WorkbookLockedError(path=path, holder="",
                                          hint=Text("hint.close-then-init"))


def write_workbooks(folder: Path, rows: dict[str, list[Row]], locale: str) -> list[Path]:
    """Write each workbook of the office with its sheets, in config order."""
    folder.mkdir(parents=True, exist_ok=True)
    books: dict[str, list[tuple[str, str]]] = {}
    for key, file, english, russian in WORKBOOKS:
        books.setdefault(file, []).append((key, russian if locale == "ru" else english))
    paths = []
    for file, tables in books.items():
        path = folder / file
        write_workbook(path, [(BUILTIN_TABLES[key], sheet, rows[key]) for key, sheet in tables],
                       locale)
        paths.append(path)
    return paths
