"""Workbooks: open and read with python-calamine, find headers, normalise values."""

from crm_office.workbook.files import OpenedWorkbook, open_workbook
from crm_office.workbook.reader import read_office, read_table
from crm_office.workbook.sheet_table import SheetTable, TableRead

__all__ = ["OpenedWorkbook", "SheetTable", "TableRead", "open_workbook", "read_office",
           "read_table"]
