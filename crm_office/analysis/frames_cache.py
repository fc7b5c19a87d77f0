"""A columnar copy of the store's records for the weekly analysis, written by the sync.

Reading a million records out of the store means a million JSON texts to parse; the
analysis reads a handful of columns. So each sync that commits also writes, per table,
the columns the analysis reads (:data:`~crm_office.analysis.store_frames.READ`) as
numpy arrays: each column's distinct canonical texts and, per record, the number of its
text (-1: empty). Loading that is a file read; only the distinct texts are converted.

The files sit in ``crm-office-frames/`` next to the SQLite store (in the office folder for
a database server), named by a token the same sync keeps in the store (meta
``analysis_frames``): files of another token are out of date and are not read, nor is a
file that cannot be read (a sync stopped while writing it); the analysis reads the store's
records then. The sync and the report hold the office's run lock, so a copy is never read
while it is written. Plain arrays only (no pickles).
"""

from __future__ import annotations

import logging
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.analysis.frames import OfficeFrames, normalise
from crm_office.model import BUILTIN_TABLES

if TYPE_CHECKING:
    import pandas

    from crm_office.config.model import Config
    from crm_office.model import Table
    from crm_office.store import Store

log = logging.getLogger(__name__)

FOLDER = "crm-office-frames"
META_KEY = "analysis_frames"
Records = Mapping[str, Mapping[str, Any]]
"""Record ID -> field -> canonical text (None: empty)."""


def cache_folder(config: Config) -> Path:
    from crm_office.store.location import resolve

    target = resolve(config.paths.store, config.paths.root)
    return (target.path.parent if target.path is not None else config.paths.root) / FOLDER


def new_token() -> str:
    return uuid.uuid4().hex


def write_frames_cache(config: Config, token: str, tables: Mapping[str, Records],
                       engine: Mapping[str, Records]) -> None:
    """Write the analysis' columns of ``tables`` (records of canonical texts; the engine
    columns it reads from ``engine``, the values the sync wrote) under ``token``; files of
    other tokens are removed."""
    import numpy

    from crm_office.analysis.store_frames import READ
    from crm_office.model.canonical import canonical

    folder = cache_folder(config)
    folder.mkdir(parents=True, exist_ok=True)
    for key, records in tables.items():
        if key not in READ:
            continue
        ids = sorted(records)
        rows = [records[record_id] for record_id in ids]
        table, kept = BUILTIN_TABLES[key], engine.get(key, {})
        arrays: dict[str, Any] = {}
        for name in READ[key]:
            if name == table.id_column:
                texts: list[Any] = ids
            elif table.column(name).owner == "engine":
                texts = [canonical((kept.get(record_id) or {}).get(name)) for record_id in ids]
            else:
                texts = [row.get(name) for row in rows]
            arrays[f"{name}.codes"], arrays[f"{name}.texts"] = _encoded(texts)
        with (folder / f"{token}-{key}.npz").open("wb") as stream:
            numpy.savez(stream, **arrays)  # under the run lock: no report reads meanwhile
    for old in folder.glob("*.npz"):
        if not old.name.startswith(token):
            old.unlink(missing_ok=True)


def read_cached_frames(config: Config, store: Store) -> OfficeFrames | None:
    """The frames from the files of the store's current token; None when any is missing."""
    import pandas

    from crm_office.analysis.store_frames import READ

    token = store.meta(META_KEY)
    if token is None:
        return None
    folder = cache_folder(config)
    tables: dict[str, pandas.DataFrame] = {}
    for key, table in BUILTIN_TABLES.items():
        frame = pandas.DataFrame()
        if key in config.tables and key in READ:
            path = folder / f"{token}-{key}.npz"
            if not path.is_file():
                log.info("no columnar copy of %s for this sync: the store's records are read",
                         key)
                return None
            try:
                frame = _load(path, table, READ[key])
            except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
                log.warning("the columnar copy %s cannot be read (%s): the store's records "
                            "are read", path, exc)
                return None
        tables[key] = normalise(key, frame, config.funnel)
    return OfficeFrames(tables)


def _load(path: Path, table: Table, names: tuple[str, ...]) -> pandas.DataFrame:
    import numpy
    import pandas

    from crm_office.analysis.store_frames import typed_column

    with path.open("rb") as stream, numpy.load(stream, allow_pickle=False) as arrays:
        return pandas.DataFrame({
            name: typed_column(table.column(name), arrays[f"{name}.codes"],
                               arrays[f"{name}.texts"].tolist())
            for name in names})


def _encoded(texts: list[Any]) -> tuple[Any, Any]:
    """Each text's number among the distinct texts (-1: empty), and the distinct texts."""
    import numpy
    import pandas

    codes, uniques = pandas.factorize(pandas.Series(texts, dtype=object))
    return codes.astype(numpy.int32), numpy.array([str(text) for text in uniques], dtype=str)
