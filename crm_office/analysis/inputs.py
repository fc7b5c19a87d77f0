"""Where the weekly analysis reads the office from, and saying so.

The store, when the last sync saw every workbook of the office (and the config) exactly
as they are now: the SHA-256 it recorded for each equals the file's now. Reading the
store takes a fraction of reading the workbooks. Otherwise — no store yet, never synced,
a workbook or the config changed since — the workbooks are read, as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import say

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Config
    from crm_office.store import Store

log = logging.getLogger(__name__)

STORE, WORKBOOKS = "store", "workbooks"


@dataclass(frozen=True)
class Inputs:
    """Where the figures come from: ``store`` (as of ``synced_at``) or ``workbooks``
    (``reason`` says why not the store: no-store, never-synced, changed, config-changed,
    with the ``file`` that changed)."""

    source: str
    synced_at: dt.datetime | None = None
    reason: str = ""
    file: str = ""
    columnar: bool = False
    """Read from the columnar copy the sync left (else from the store's records)."""

    def describe(self, locale: str) -> str:
        """One line for the report and the command's output."""
        if self.source == STORE:
            moment = self.synced_at.strftime("%Y-%m-%d %H:%M UTC") if self.synced_at else "?"
            return say("analysis.inputs.store", locale, synced_at=moment)
        why = say(f"analysis.inputs.{self.reason}", locale, file=self.file)
        return say("analysis.inputs.workbooks", locale, why=why)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason or None, "file": self.file or None,
                "synced_at": self.synced_at.isoformat() if self.synced_at else None,
                "columnar": self.columnar}


def office_frames(config: Config) -> tuple[OfficeFrames, Inputs]:
    """The office's frames from the store when it is up to date, else from the workbooks."""
    from crm_office.analysis.frames import read_frames
    from crm_office.analysis.frames_cache import read_cached_frames
    from crm_office.analysis.store_frames import read_store_frames

    store = _open_store(config)
    if store is None:
        return read_frames(config), Inputs(WORKBOOKS, reason="no-store")
    with store:
        inputs = store_inputs(config, store)
        if inputs.source == STORE:
            log.info("weekly analysis: inputs from the store (synced %s)", inputs.synced_at)
            frames = read_cached_frames(config, store)
            if frames is not None:
                return frames, replace(inputs, columnar=True)
            return read_store_frames(config, store), inputs
    log.info("weekly analysis: inputs from the workbooks (%s %s)", inputs.reason, inputs.file)
    return read_frames(config), inputs


def store_inputs(config: Config, store: Store) -> Inputs:
    """``store`` when the last sync recorded every workbook (and the config) as it is now."""
    from crm_office.writeback import FileStamp

    recorded = store.file_hashes()
    if not recorded:
        return Inputs(WORKBOOKS, reason="never-synced")
    if recorded.get("@config") != hashlib.sha256(config.path.read_bytes()).hexdigest():
        return Inputs(WORKBOOKS, reason="config-changed")
    for path, label in config.workbook_files().items():
        if not path.is_file() or recorded.get(_key(config, path)) != FileStamp.of(path).sha256:
            return Inputs(WORKBOOKS, reason="changed", file=label)
    return Inputs(STORE, synced_at=store.read(_synced_at))


def _open_store(config: Config) -> Store | None:
    """The office's store; None when its SQLite file does not exist (never made)."""
    from crm_office.store import Store
    from crm_office.store.location import resolve

    target = resolve(config.paths.store, config.paths.root)
    if target.path is not None and not target.path.is_file():
        return None
    return Store.open(config.paths.store, config.paths.root)


def _key(config: Config, path: Path) -> str:
    """A workbook as the sync records it: relative to the office folder."""
    try:
        return str(path.resolve().relative_to(config.paths.root))
    except ValueError:
        return str(path)


def _synced_at(conn: Connection) -> dt.datetime | None:
    import sqlalchemy as sa

    from crm_office.store import schema

    moment: dt.datetime | None = conn.execute(
        sa.select(sa.func.max(schema.files.c.synced_at))).scalar()
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment
