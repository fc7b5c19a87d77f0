"""crm_office: a CRM engine for offices that live in Excel."""

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

__version__ = "0.1.0"

__all__ = [
    "BUILTIN_TABLES",
    "CheckReport",
    "Column",
    "ColumnType",
    "Config",
    "ConfigError",
    "CrmOfficeError",
    "OfficeExistsError",
    "Owner",
    "Problem",
    "Severity",
    "SheetTable",
    "Table",
    "TableRead",
    "ValidationReport",
    "WorkbookError",
    "WorkbookLockedError",
    "__version__",
    "check_office",
    "load_config",
    "read_office",
    "read_table",
    "validate_office",
]
