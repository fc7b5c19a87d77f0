"""Names of the engine-owned sheets (Issues, Conflicts, Suppression) when config.toml names none.

The name follows the office's language («Проблемы», «Конфликты»), except that an
office whose workbooks already hold the English sheet keeps it: the engine never
starts a second sheet beside the one people already use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from crm_office.catalogue import say
from crm_office.config.model import Mail, SyncSettings, TableConfig, Validation


def engine_sheet(configured: str, kind: str, locale: str, workbooks: Iterable[Path]) -> str:
    """The configured name, else the English one already in use, else the locale's."""
    if configured:
        return configured
    english, own = say(f"sheet.{kind}", "en"), say(f"sheet.{kind}", locale)
    if own != english and any(english in _sheet_names(path) for path in workbooks):
        return english
    return own


def name_engine_sheets(validation: Validation, sync: SyncSettings, locale: str,
                       workbooks: Iterable[Path]) -> tuple[Validation, SyncSettings]:
    """Fill in the defaulted sheet names of both settings."""
    books = tuple(workbooks)
    return (replace(validation, issues_sheet=engine_sheet(validation.issues_sheet, "issues",
                                                          locale, books)),
            replace(sync, conflicts_sheet=engine_sheet(sync.conflicts_sheet, "conflicts",
                                                       locale, books)))


def name_suppression_sheet(mail: Mail, locale: str, campaigns: TableConfig | None) -> Mail:
    """Fill in the defaulted suppression sheet (it lives in the campaigns workbook)."""
    books = [source.path for source in campaigns.sources[:1]] if campaigns else []
    return replace(mail, suppression_sheet=engine_sheet(mail.suppression_sheet, "suppression",
                                                        locale, books))


def _sheet_names(path: Path) -> list[str]:
    from crm_office.workbook.files import sheet_names

    return sheet_names(path)
