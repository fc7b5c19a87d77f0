"""Time `sync` on the benchmark office: first full sync, 1,000 scattered edits, no edits.

    .venv/bin/python bench/generate.py && .venv/bin/python bench/sync.py

Works on a copy (bench/data/sync-work). Each sync runs in its own interpreter, so the
peak memory is per sync. The edits are typed into person-owned cells of both workbooks
through the surgical write-back (openpyxl would need minutes to open the 1M-row file).
Targets: no-edit sync under 1 s; 1,000-edit sync under 3x a bare python-calamine read of
the changed files.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import excel_shape  # bench/excel_shape.py: files as Excel 365 saves them
import read  # bench/read.py: sources() and the calamine method


def child(config: Path) -> dict[str, Any]:
    from crm_office.config import load_config
    from crm_office.sync.run import run_sync

    started = time.perf_counter()
    report = run_sync(load_config(config))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "totals": report.totals(),
            "nothing_to_do": report.nothing_to_do,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(config: Path, mode: str = "sync", edits: int = 0) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--work", str(config.parent),
                           "--edits", str(edits)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{mode} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def calamine_child(config: Path) -> dict[str, Any]:
    work = read._prepare("calamine")
    started = time.perf_counter()
    work(config)
    return {"seconds": time.perf_counter() - started,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def scatter_edits(config: Path, count: int, seed: int) -> None:
    """Type ``count`` new values into random person-owned cells of both workbooks."""
    from crm_office.config import load_config
    from crm_office.writeback import FileStamp, WorkbookPatch, write_back

    rng = random.Random(seed)
    office = load_config(config)
    plan = {"clients": ("contact_person", "address", "event"), "contacts": ("summary", "result")}
    for key, fields in plan.items():
        source = office.tables[key].sources[0]
        header = _header(source.path, source.sheet)
        rows = _row_count(source.path, source.sheet)
        patch = WorkbookPatch(source.path, FileStamp.of(source.path))
        sheet = patch.sheet(source.sheet)
        for number in range(count // 2):
            field = rng.choice(fields)
            column = header.index(office.tables[key].table.column(field).en) + 1
            sheet.set_cell(rng.randrange(2, rows + 1), column, f"edited {number} ({seed})")
        write_back(patch, backups=office.paths.backups)


def _header(path: Path, sheet: str) -> list[str]:
    from python_calamine import CalamineWorkbook

    for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).iter_rows():
        return [str(cell) for cell in row]
    return []


def _row_count(path: Path, sheet: str) -> int:
    from python_calamine import CalamineWorkbook

    return int(CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/data"))
    parser.add_argument("--work", type=Path, default=Path("bench/data/sync-work"))
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None,
                        help="JSON figures (default bench/results/sync[-excel].json)")
    parser.add_argument("--excel-shaped", action="store_true",
                        help="reshape the workbooks as Excel 365 saves them first")
    parser.add_argument("--child", choices=("sync", "calamine", "edit", "shape"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        config = args.work / "config.toml"
        if args.child in ("edit", "shape"):
            if args.child == "edit":
                scatter_edits(config, args.edits, seed=1)
            else:
                for name in ("clients.xlsx", "contacts.xlsx"):
                    excel_shape.reshape(args.work / name)
            print(json.dumps({}))
            return 0
        result = child(config) if args.child == "sync" else calamine_child(config)
        print(json.dumps(result))
        return 0
    if not (args.data / "config.toml").is_file():
        sys.exit("run .venv/bin/python bench/generate.py first")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    for name in ("clients.xlsx", "contacts.xlsx", "config.toml"):
        shutil.copy(args.data / name, args.work / name)
    out = args.out or Path("bench/results") / (
        "sync-excel.json" if args.excel_shaped else "sync.json")
    (args.work / "templates").mkdir()
    config = args.work / "config.toml"
    if args.excel_shaped:  # in a child, as every step: Linux keeps a peak RSS across exec
        run_child(config, "shape")
    results: dict[str, Any] = {}
    print("first full sync …", file=sys.stderr, flush=True)
    results["first"] = run_child(config)
    print(f"  {results['first']}", file=sys.stderr)
    run_child(config, "edit", args.edits)  # in a child: Linux keeps a peak RSS across exec
    results["calamine_changed_files"] = run_child(config, "calamine")
    print(f"{args.edits:,}-edit sync …", file=sys.stderr, flush=True)
    results["edits"] = run_child(config)
    print("no-edit sync …", file=sys.stderr, flush=True)
    results["no_edits"] = run_child(config)
    ratio = results["edits"]["seconds"] / results["calamine_changed_files"]["seconds"]
    results["ratio_edits_vs_calamine"] = ratio
    for name in ("first", "edits", "no_edits", "calamine_changed_files"):
        item = results[name]
        print(f"{name:<24}{item['seconds']:>9.2f} s{item['peak_mib']:>9.0f} MiB")
    print(f"no-edit sync {results['no_edits']['seconds']:.2f} s (target < 1 s): "
          f"{'met' if results['no_edits']['seconds'] < 1 else 'MISSED'}")
    print(f"1,000-edit sync / calamine read of the changed files: {ratio:.2f}x (target < 3): "
          f"{'met' if ratio < 3 else 'MISSED'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
