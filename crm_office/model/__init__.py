"""The workbook model: tables, columns, types, owners and header aliases (data only)."""

from crm_office.model.schema import (
    FUNNEL,
    Choice,
    Column,
    ColumnType,
    Owner,
    Table,
    normalise_header,
)
from crm_office.model.tables import BUILTIN_TABLES

__all__ = ["BUILTIN_TABLES", "FUNNEL", "Choice", "Column", "ColumnType", "Owner", "Table",
           "normalise_header"]
