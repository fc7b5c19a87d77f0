"""Write a seeded benchmark office: clients.xlsx, contacts.xlsx, config.toml, templates/.

    .venv/bin/python bench/generate.py [--clients 100000] [--contacts 1000000]
                                       [--out bench/data] [--seed 20250312] [--force]

The files are written by xlsxwriter in constant-memory mode (inline strings, real
date cells). ``crm_office.config.load_config(out / "config.toml")`` reads the
result. A ``manifest.json`` records the row counts and how many unreadable cells
were written, so bench/read.py can check the reader found exactly those.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from sample_rows import Messer, client_rows, contact_rows, kinds_of

from crm_office.demo.config_text import OFFICE, STAGES, file_name, sheet_name
from crm_office.model.tables import CLIENTS, CONTACTS

TODAY = date(2025, 6, 30)
"""Fixed 'today', so the same seed gives the same files on any day."""
PROGRESS_EVERY = 100_000


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    out: Path = args.out
    files = [out / file_name("clients"), out / file_name("contacts"), out / "config.toml",
             out / "manifest.json"]
    if all(path.is_file() for path in files) and not args.force:
        _say(f"{out}: files exist, nothing to do (use --force to regenerate)")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    (out / "templates").mkdir(exist_ok=True)
    started = time.perf_counter()
    manifest = generate(out, args.clients, args.contacts, args.seed, args.mess)
    (out / "config.toml").write_text(config_text(), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    _say(f"done in {time.perf_counter() - started:.1f} s: {manifest['messy_cells']} messy "
         f"cells, {manifest['unreadable_cells']} unreadable")
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000, help="rows of Clients")
    parser.add_argument("--contacts", type=int, default=1_000_000, help="rows of Contact log")
    parser.add_argument("--out", type=Path, default=Path("bench/data"), help="output folder")
    parser.add_argument("--seed", type=int, default=20250312, help="random seed")
    parser.add_argument("--mess", type=float, default=0.01,
                        help="share of cells typed messily (default 0.01)")
    parser.add_argument("--force", action="store_true", help="regenerate existing files")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.contacts < 0:
        parser.error("--clients must be >= 1 and --contacts >= 0")
    return args


def generate(out: Path, clients: int, contacts: int, seed: int, mess: float) -> dict[str, Any]:
    """Write both workbooks; return the manifest (counts of rows and messy cells)."""
    rnd = random.Random(seed)
    messer = Messer(random.Random(seed + 1), mess)
    known: list[tuple[str, str]] = []

    def remember(rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for row in rows:
            known.append((row["id"], row["name"]))
            yield row

    write_sheet(out / file_name("clients"), sheet_name("clients", "en"), CLIENTS,
                remember(client_rows(clients, rnd, TODAY)), messer)
    write_sheet(out / file_name("contacts"), sheet_name("contacts", "en"), CONTACTS,
                contact_rows(contacts, known, rnd, TODAY), messer)
    return {"seed": seed, "mess": mess, "today": TODAY.isoformat(),
            "rows": {"clients": clients, "contacts": contacts},
            "messy_cells": messer.messy, "unreadable_cells": messer.junk,
            "unreadable_by_code": dict(sorted(messer.junk_by_code.items()))}


def write_sheet(path: Path, sheet: str, table: Any, rows: Iterable[dict[str, Any]],
                messer: Messer) -> None:
    """One workbook with one sheet: English headers in row 1, then the rows."""
    started = time.perf_counter()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        page = book.add_worksheet(sheet)
        date_format = book.add_format({"num_format": "dd.mm.yyyy"})
        bold = book.add_format({"bold": True})
        keys = [column.key for column in table.columns]
        kinds = kinds_of(table)
        for offset, column in enumerate(table.columns):
            page.write_string(0, offset, column.en, bold)
            page.set_column(offset, offset, column.width)
        page.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            values = messer.row([row[key] for key in keys], kinds)
            _write_row(page, count, values, date_format)
            if count % PROGRESS_EVERY == 0:
                _say(f"{path.name}: {count:,} rows ({time.perf_counter() - started:.1f} s)")
    finally:
        book.close()
    _say(f"{path.name}: {count:,} rows written in {time.perf_counter() - started:.1f} s")


def _write_row(page: Any, row: int, values: list[Any], date_format: Any) -> None:
    for column, value in enumerate(values):
        kind = type(value)
        if kind is str:
            page.write_string(row, column, value)
        elif kind is date:
            page.write_datetime(row, column, value, date_format)
        elif kind is bool:
            page.write_boolean(row, column, value)
        elif kind is int or kind is float:
            page.write_number(row, column, value)
        # None: leave the cell empty


def config_text() -> str:
    """config.toml with only the sections the reader needs, shaped like `config_toml`."""
    lines = ["# Benchmark office written by bench/generate.py", "", "[office]"]
    lines += [f"{key} = {_toml(value)}" for key, value in OFFICE["en"].items()]
    lines += ["", "[paths]", 'workbooks = "."', 'templates = "templates"', 'output = "output"',
              'store = "crm-office.sqlite"', 'backups = ".backups"', ""]
    for key in ("clients", "contacts"):
        lines += [f"[tables.{key}]", f"file = {_toml(file_name(key))}",
                  f"sheet = {_toml(sheet_name(key, 'en'))}", ""]
    lines += ["[funnel]", 'won = "won"', 'lost = "lost"', "stages = ["]
    lines += [f"    {{ name = {_toml(name)}, label_ru = {_toml(russian)}, "
              f"probability = {probability} }}," for name, russian, probability in STAGES]
    lines += ["]", ""]
    return "\n".join(lines)


def _toml(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    return str(value)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
