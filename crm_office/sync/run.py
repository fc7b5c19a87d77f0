"""`crm-office sync`: one client base from many workbooks, nothing lost.

Steps (docs/sync-design.md): skip when no workbook changed; read; merge per table;
settle decided conflicts; give new rows IDs; assign leads; compute engine columns;
write back; commit the store in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from crm_office.collector import gc_paused
from crm_office.config.model import Config
from crm_office.store import Store
from crm_office.sync.report import SyncReport
from crm_office.sync.session import SyncSession

log = logging.getLogger(__name__)


def run_sync(config: Config, *, dry_run: bool = False, today: dt.date | None = None,
             on_step: Callable[[str], None] | None = None,
             allow_mass_archive: bool = False) -> SyncReport:
    """Merge every workbook of the office into the store and back; see the module doc."""
    with Store.open(config.paths.store, config.paths.root) as store, gc_paused():
        session = SyncSession(config, store, today or dt.date.today(), dry_run, on_step,
                              allow_mass_archive)
        return session.run()
