"""Time reading the benchmark office three ways, each in a fresh interpreter.

    .venv/bin/python bench/read.py [--data bench/data] [--repeat 1] [--skip-pandas]
                                   [--out bench/results/read.json]

Methods (each run is its own subprocess, so peak memory is per method):
  calamine   python-calamine: from_path(...).get_sheet_by_name(...).to_python(), both files
  crm_office read_office(load_config(...)): header detection, typed and normalised values
  pandas     pandas.read_excel(..., engine="openpyxl"), both files

Seconds are measured inside the child around the work only (imports excluded);
peak MiB is the child's own ru_maxrss. With --repeat N the medians are shown.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

TABLES = ("clients", "contacts")
METHODS = ("calamine", "crm_office", "pandas")
LABELS = {"calamine": "python-calamine to_python", "crm_office": "crm_office read_office",
          "pandas": "pandas read_excel (openpyxl)"}
TARGET_CRM_VS_CALAMINE = 1.5
TARGET_PANDAS_VS_CRM = 5.0


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    config = args.data / "config.toml"
    if not config.is_file():
        sys.exit(f"{config} not found: run .venv/bin/python bench/generate.py first")
    if args.child:
        print(json.dumps(run_here(args.child, config)))
        return 0
    _warm_cache(config)
    methods = [m for m in METHODS if not (args.skip_pandas and m == "pandas")]
    results = {method: measure(method, config, args.repeat) for method in methods}
    summary = summarise(results, config, args.repeat)
    print(render(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/data"),
                        help="folder written by bench/generate.py")
    parser.add_argument("--repeat", type=int, default=1, help="runs per method (medians)")
    parser.add_argument("--skip-pandas", action="store_true",
                        help="leave out pandas+openpyxl (minutes on 1M rows)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/read.json"),
                        help="where to write the JSON figures")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")
    return args


# --- in the child ----------------------------------------------------------------------------

def run_here(method: str, config: Path) -> dict[str, Any]:
    """Import what the method needs, then time the work alone; report seconds and memory."""
    work = _prepare(method)
    start_mib = _rss_now_mib()
    started = time.perf_counter()
    result = work(config)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    facts = _facts(method, result)
    return {"seconds": seconds, "peak_mib": peak_mib, "start_mib": start_mib, **facts}


def _prepare(method: str) -> Callable[[Path], Any]:
    if method == "calamine":
        from python_calamine import CalamineWorkbook

        return lambda config: [
            CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
            for path, sheet in sources(config)]
    if method == "crm_office":
        from crm_office.config import load_config
        from crm_office.workbook import read_office

        return lambda config: read_office(load_config(config))
    import openpyxl  # noqa: F401  (imported here so read_excel's lazy import is not timed)
    import pandas

    return lambda config: [pandas.read_excel(path, sheet_name=sheet, engine="openpyxl")
                           for path, sheet in sources(config)]


def _facts(method: str, result: Any) -> dict[str, Any]:
    """Rows read, and for crm_office the problems and whether every column came out typed."""
    if method == "calamine":
        return {"rows": sum(max(len(rows) - 1, 0) for rows in result)}
    if method == "pandas":
        return {"rows": sum(len(frame) for frame in result)}
    problems: dict[str, int] = {}
    for read in result.values():
        for code, count in read.problems.by_code().items():
            problems[code] = problems.get(code, 0) + count
    return {"rows": sum(read.row_count for read in result.values()),
            "problems": sum(problems.values()), "problems_by_code": dict(sorted(problems.items())),
            "untyped_cells": _untyped_cells(result)}


def _untyped_cells(result: dict[str, Any]) -> int:
    """Cells of date, yes/no, integer and money columns not holding that type (or None)."""
    from datetime import date
    from decimal import Decimal

    from crm_office.model import ColumnType

    expected = {ColumnType.DATE: date, ColumnType.BOOL: bool, ColumnType.INTEGER: int,
                ColumnType.MONEY: Decimal, ColumnType.NUMBER: Decimal}
    wrong = 0
    for read in result.values():
        for part in read.parts:
            for key, values in part.columns.items():
                kind = expected.get(part.table.column(key).type)
                if kind is not None:
                    wrong += sum(1 for v in values if v is not None and type(v) is not kind)
    return wrong


def _rss_now_mib() -> float:
    with open("/proc/self/statm") as stream:
        pages = int(stream.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def sources(config: Path) -> list[tuple[Path, str]]:
    """(workbook, sheet) of each benchmark table, read from config.toml without crm_office."""
    with config.open("rb") as stream:
        raw = tomllib.load(stream)
    folder = config.parent / raw.get("paths", {}).get("workbooks", "workbooks")
    return [(folder / raw["tables"][key]["file"], raw["tables"][key]["sheet"]) for key in TABLES]


# --- in the parent ---------------------------------------------------------------------------

def _warm_cache(config: Path) -> None:
    """Read each file once so no method pays for a cold disk."""
    for path, _sheet in sources(config):
        path.read_bytes()


def measure(method: str, config: Path, repeat: int) -> dict[str, Any]:
    """Run the method ``repeat`` times, each in a fresh subprocess; medians of the figures."""
    runs = []
    for index in range(repeat):
        print(f"{LABELS[method]}: run {index + 1}/{repeat} …", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--child", method, "--data", str(config.parent)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{method} failed (exit {done.returncode}):\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {runs[-1]['seconds']:.2f} s, {runs[-1]['peak_mib']:.0f} MiB",
              file=sys.stderr, flush=True)
    result = {key: runs[-1][key] for key in runs[-1] if key not in ("seconds", "peak_mib",
                                                                     "start_mib")}
    for key in ("seconds", "peak_mib", "start_mib"):
        result[key] = statistics.median(run[key] for run in runs)
    result["runs"] = [{key: run[key] for key in ("seconds", "peak_mib", "start_mib")}
                      for run in runs]
    return result


def summarise(results: dict[str, dict[str, Any]], config: Path, repeat: int) -> dict[str, Any]:
    """Everything printed, as one JSON-ready dict."""
    manifest_path = config.parent / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    seconds = {method: result["seconds"] for method, result in results.items()}
    ratios = {"crm_office/calamine": seconds["crm_office"] / seconds["calamine"]}
    targets: dict[str, Any] = {"crm_office/calamine": {
        "at_most": TARGET_CRM_VS_CALAMINE,
        "met": ratios["crm_office/calamine"] <= TARGET_CRM_VS_CALAMINE}}
    if "pandas" in seconds:
        ratios["pandas/crm_office"] = seconds["pandas"] / seconds["crm_office"]
        targets["pandas/crm_office"] = {
            "at_least": TARGET_PANDAS_VS_CRM,
            "met": ratios["pandas/crm_office"] >= TARGET_PANDAS_VS_CRM}
    return {
        "when": datetime.now().isoformat(timespec="seconds"), "repeat": repeat,
        "machine": _machine(), "code": _code_fingerprint(),
        "data": {"files": {path.name: path.stat().st_size for path, _ in sources(config)},
                 "manifest": manifest},
        "methods": results, "ratios": ratios, "targets": targets,
        "sanity": _sanity(results["crm_office"], manifest),
    }


def _sanity(crm: dict[str, Any], manifest: dict[str, Any]) -> dict[str, Any]:
    rows = sum(manifest.get("rows", {}).values()) if manifest else None
    problems = manifest.get("unreadable_cells")
    return {"rows_expected": rows, "rows_read": crm["rows"],
            "problems_expected": problems, "problems_found": crm["problems"],
            "untyped_cells": crm["untyped_cells"],
            "ok": crm["rows"] == rows and crm["problems"] == problems
            and crm["untyped_cells"] == 0}


def _machine() -> dict[str, Any]:
    packages = ("python-calamine", "pandas", "openpyxl", "xlsxwriter")
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "versions": {name: version(name) for name in packages}}


def _code_fingerprint() -> dict[str, str]:
    """sha256 (first 12) of crm_office/workbook/*.py: which reader the figures belong to."""
    spec = importlib.util.find_spec("crm_office")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "workbook"
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(folder.glob("*.py"))}


def render(summary: dict[str, Any]) -> str:
    """The human table of the same figures."""
    lines = [f"{'method':<32}{'seconds':>10}{'peak MiB':>10}{'start MiB':>11}{'rows':>11}"
             f"{'problems':>10}"]
    for method, result in summary["methods"].items():
        lines.append(f"{LABELS[method]:<32}{result['seconds']:>10.2f}{result['peak_mib']:>10.0f}"
                     f"{result['start_mib']:>11.0f}{result['rows']:>11,}"
                     f"{result.get('problems', '-'):>10}")
    lines.append("")
    for name, ratio in summary["ratios"].items():
        target = summary["targets"][name]
        bound = (f"<= {target['at_most']}" if "at_most" in target
                 else f">= {target['at_least']}")
        lines.append(f"{name:<22}{ratio:>6.2f}x   target {bound}: "
                     f"{'met' if target['met'] else 'MISSED'}")
    sanity = summary["sanity"]
    lines.append(f"sanity: rows {sanity['rows_read']} of {sanity['rows_expected']}, "
                 f"problems {sanity['problems_found']} of {sanity['problems_expected']} "
                 f"written unreadable, untyped cells {sanity['untyped_cells']}: "
                 f"{'ok' if sanity['ok'] else 'MISMATCH'}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
