"""Time a full validation of the benchmark office against a bare python-calamine read.

    .venv/bin/python bench/generate.py && .venv/bin/python bench/validate.py [--repeat 1]

Both run in fresh interpreters (peak memory per method). Besides the wall time each prints
its CPU seconds (``time.process_time``: the same on a busy machine as on a quiet one) and
those of the worker processes validate waits for (phone numbers, tax IDs), which a quiet
machine runs on its second core. "validate" is
``validate_office(load_config(...))``: read, type and normalise both tables, then run
every rule. Target: at most 2x the bare calamine read of the same files.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import read  # bench/read.py: sources() and the calamine method

TARGET = 2.0


def child(method: str, config: Path) -> dict[str, Any]:
    if method == "calamine":
        work = read._prepare("calamine")
    else:
        from crm_office.config import load_config
        from crm_office.validate import validate_office

        def work(path: Path) -> Any:
            return validate_office(load_config(path))
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work(config)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    facts: dict[str, Any] = {}
    if method == "validate":
        facts = {"rows": sum(result.rows.values()), "problems": len(result.problems),
                 "by_code": result.summary()["by_code"]}
    return {"seconds": seconds, "cpu_seconds": cpu,
            "worker_cpu_seconds": workers.ru_utime + workers.ru_stime,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **facts}


def measure(method: str, data: Path, repeat: int) -> dict[str, Any]:
    runs = []
    for index in range(repeat):
        print(f"{method}: run {index + 1}/{repeat} …", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, __file__, "--child", method, "--data", str(data)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{method} failed:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    result = dict(runs[-1])
    result["seconds"] = statistics.median(run["seconds"] for run in runs)
    result["peak_mib"] = statistics.median(run["peak_mib"] for run in runs)
    for name in ("cpu_seconds", "worker_cpu_seconds"):
        result[name] = statistics.median(run[name] for run in runs)
    result["runs"] = [round(run["seconds"], 2) for run in runs]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/data"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/results/validate.json"))
    parser.add_argument("--child", choices=("calamine", "validate"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    config = args.data / "config.toml"
    if not config.is_file():
        sys.exit(f"{config} not found: run .venv/bin/python bench/generate.py first")
    if args.child:
        print(json.dumps(child(args.child, config)))
        return 0
    results = {method: measure(method, args.data, args.repeat)
               for method in ("calamine", "validate")}
    ratio = results["validate"]["seconds"] / results["calamine"]["seconds"]
    cpu_ratio = results["validate"]["cpu_seconds"] / results["calamine"]["cpu_seconds"]
    for method, result in results.items():
        print(f"{method:<10}{result['seconds']:>9.2f} s{result['peak_mib']:>9.0f} MiB"
              f"{result['cpu_seconds']:>9.2f} s CPU (+{result['worker_cpu_seconds']:.2f} s "
              f"in workers)   runs {result['runs']}")
    print(f"validate/calamine {ratio:.2f}x (CPU of the process {cpu_ratio:.2f}x)   "
          f"target <= {TARGET}: {'met' if ratio <= TARGET else 'MISSED'}   load {_load()}")
    print(f"problems found: {results['validate']['problems']:,} "
          f"in {results['validate']['rows']:,} rows: {results['validate']['by_code']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"methods": results, "ratio": ratio, "cpu_ratio": cpu_ratio,
                                    "target": TARGET},
                                   indent=2) + "\n", encoding="utf-8")
    return 0


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
