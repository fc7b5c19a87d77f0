"""crm_office: a CRM engine for offices that live in Excel.

The sync part of the API (``run_sync``, ``record_history``, ``restore_record`` and their
reports) is loaded on first use: it brings the store and SQLAlchemy, which ``check`` and
``validate`` do not need.
"""

import importlib
import typing

from crm_office.check import CheckReport, check_office
from crm_office.config import Config, load_config
from crm_office.errors import (
    ConfigError,
    CrmOfficeError,
    OfficeExistsError,
    WorkbookError,
    WorkbookLockedError,
)
from crm_office.model import BUILTIN_TABLES, Column, ColumnType, Owner, Table
from crm_office.problems import Problem, Severity
from crm_office.validate import ValidationReport, validate_office
from crm_office.workbook import SheetTable, TableRead, read_office, read_table

if typing.TYPE_CHECKING:
    from crm_office.documents.make import Request, make_documents
    from crm_office.documents.report import DocumentsReport
    from crm_office.sync.history import RecordHistory, Restored, record_history, restore_record
    from crm_office.sync.report import SyncReport
    from crm_office.sync.run import run_sync

__version__ = "0.1.0"

_ON_FIRST_USE = {
    "RecordHistory": "crm_office.sync.history", "Restored": "crm_office.sync.history",
    "record_history": "crm_office.sync.history", "restore_record": "crm_office.sync.history",
    "SyncReport": "crm_office.sync.report", "run_sync": "crm_office.sync.run",
    "DocumentsReport": "crm_office.documents.report", "Request": "crm_office.documents.make",
    "make_documents": "crm_office.documents.make",
}

__all__ = [
    "BUILTIN_TABLES",
    "CheckReport",
    "Column",
    "ColumnType",
    "Config",
    "ConfigError",
    "CrmOfficeError",
    "DocumentsReport",
    "OfficeExistsError",
    "Owner",
    "Problem",
    "RecordHistory",
    "Request",
    "Restored",
    "Severity",
    "SheetTable",
    "SyncReport",
    "Table",
    "TableRead",
    "ValidationReport",
    "WorkbookError",
    "WorkbookLockedError",
    "__version__",
    "check_office",
    "load_config",
    "make_documents",
    "read_office",
    "read_table",
    "record_history",
    "restore_record",
    "run_sync",
    "validate_office",
]


def __getattr__(name: str) -> object:
    """The sync API, imported when first used (see the module doc)."""
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'crm_office' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ON_FIRST_USE))
