"""The embedded store: SQLite file by default, PostgreSQL by URL (SQLAlchemy Core).

SQLAlchemy and the database drivers are imported only when this package is.
"""

from crm_office.errors import StoreError
from crm_office.store.entities import Change, Conflict, ConflictOption, StoredRecord
from crm_office.store.migrations import CURRENT_VERSION
from crm_office.store.store import Store
from crm_office.store.values import canonical
from crm_office.store.writes import StoreTransaction

__all__ = [
    "CURRENT_VERSION",
    "Change",
    "Conflict",
    "ConflictOption",
    "Store",
    "StoreError",
    "StoreTransaction",
    "StoredRecord",
    "canonical",
]
