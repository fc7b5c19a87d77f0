"""Write the generated tables of bench/analysis.py as an office's workbooks (xlsxwriter,
constant memory) with a config.toml, and fill its store as a sync leaves it, for the
end-to-end figures."""

from __future__ import annotations

import shutil
import time
from decimal import Decimal
from pathlib import Path

import pandas

from crm_office.model import BUILTIN_TABLES, Table

PLACES = {"clients": ("clients.xlsx", "Clients"), "contacts": ("contacts.xlsx", "Contact log"),
          "deals": ("deals.xlsx", "Deals"), "invoices": ("invoices.xlsx", "Invoices"),
          "payments": ("payments.xlsx", "Payments"), "managers": ("managers.xlsx", "Managers")}


def write_office(raw: dict[str, pandas.DataFrame], folder: Path, sample_config: Path) -> Path:
    """The office folder's config.toml; workbooks in ``folder / "workbooks"``."""
    from xlsxwriter import Workbook

    books = folder / "workbooks"
    books.mkdir(parents=True, exist_ok=True)
    shutil.copytree(sample_config.parent / "templates", folder / "templates",
                    dirs_exist_ok=True)
    for key, (file, sheet_name) in PLACES.items():
        frame = raw[key]
        table = BUILTIN_TABLES[key]
        book = Workbook(str(books / file), {"constant_memory": True})
        sheet = book.add_worksheet(sheet_name)
        dates = book.add_format({"num_format": "dd.mm.yyyy"})
        columns = [column for column in table.columns if column.key in frame]
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.header("en"))
        data = [frame[column.key].tolist() for column in columns]
        for row, values in enumerate(zip(*data, strict=True), start=1):
            for col, value in enumerate(values):
                if value is None or value != value:
                    continue
                if isinstance(value, pandas.Timestamp):
                    sheet.write_datetime(row, col, value.to_pydatetime(), dates)
                elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
                    sheet.write_number(row, col, float(value))
                else:
                    sheet.write_string(row, col, str(value))
        book.close()
    text = sample_config.read_text(encoding="utf-8")
    head = text[:text.index("[tables.clients]")]
    tail = text[text.index("[funnel]"):]
    tables = "".join(f'[tables.{key}]\nfile = "{file}"\nsheet = "{sheet}"\n\n'
                     for key, (file, sheet) in PLACES.items())
    config = folder / "config.toml"
    config.write_text(head + tables + tail, encoding="utf-8")
    return config


def fill_store(raw: dict[str, pandas.DataFrame], config_path: Path) -> None:
    """The store as a sync leaves it: every record's canonical field values (the workbook's
    own IDs, numbered ones for the contact log and payments), the workbooks' and the
    config's SHA-256. (A real first sync of this office takes minutes and ~2 GB; the store
    it leaves holds the same.)"""
    import datetime as dt
    import hashlib

    from crm_office.analysis.frames_cache import META_KEY, new_token, write_frames_cache
    from crm_office.config import load_config
    from crm_office.store import Store, StoredRecord
    from crm_office.writeback import FileStamp

    config = load_config(config_path)
    token, copies = new_token(), {}
    with Store.open(config.paths.store, config.paths.root) as store, \
            store.transaction() as tx:
        for key, (file, sheet) in PLACES.items():
            records = _records(raw[key], BUILTIN_TABLES[key])
            tx.put_records(key, (StoredRecord(key, record_id, data, False, (f"{file} [{sheet}]",))
                                 for record_id, data in records.items()))
            copies[key] = records
        hashes = {f"workbooks/{file}": FileStamp.of(config.paths.workbooks / file).sha256
                  for file, _ in PLACES.values()}
        hashes["@config"] = hashlib.sha256(config_path.read_bytes()).hexdigest()
        hashes["@today"] = dt.date.today().isoformat()
        tx.set_file_hashes(hashes)
        tx.set_meta(META_KEY, token)
    started = time.process_time()
    write_frames_cache(config, token, copies, {})
    print(f"the analysis' columnar copy written in {time.process_time() - started:.2f} s CPU "
          f"(what each sync adds)")


def _records(frame: pandas.DataFrame, table: Table) -> dict[str, dict[str, str | None]]:
    """Record ID -> canonical field values (numbered IDs for rows without one)."""
    from crm_office.model.canonical import canonical

    own = table.id_column if table.id_column in frame else None
    columns = [name for name in frame.columns if name != own]
    data = [frame[name].tolist() for name in columns]
    ids = frame[own].tolist() if own else [f"{table.id_prefix}-{number:07d}"
                                          for number in range(1, len(frame) + 1)]
    return {str(record_id): {
        name: None if value is None or value != value else canonical(
            value.date() if isinstance(value, pandas.Timestamp) else value)
        for name, value in zip(columns, values, strict=True)}
        for record_id, *values in zip(ids, *data, strict=True)}
