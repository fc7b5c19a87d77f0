"""Time the store's bulk paths: put_records of N small records, then records() of them.

    .venv/bin/python bench/store.py [--records 1000000] [--location PATH-OR-URL]

Each phase runs in its own interpreter, so its peak RSS (ru_maxrss) is its own. The put
phase makes its records in memory first (as a sync has them); seconds count only
``put_records`` and the commit, while its peak RSS includes the records.
Records have 8 fields of canonical text (names, e-mail, dates, money, a flag).
Without --location a SQLite file in a temporary folder is used and removed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TABLE = "clients"


def make_records(count: int) -> Iterator[object]:
    """``count`` records of 8 canonical fields."""
    from crm_office.store import StoredRecord

    for n in range(1, count + 1):
        yield StoredRecord(TABLE, f"C-{n:06d}", {
            "id": f"C-{n:06d}", "name": f"Client {n} Ltd", "status": "active",
            "email": f"info{n}@client.example", "phone": f"+44 20 7946 {n % 10000:04d}",
            "created": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "credit": f"{n % 100000}.5", "consent": "true" if n % 2 else "false",
        }, False, ("clients.xlsx [Clients]",))


def run_phase(phase: str, location: str, count: int) -> dict[str, float]:
    """Do one phase here; return its seconds and this process's peak RSS."""
    from crm_office.store import Store

    records = list(make_records(count)) if phase == "put" else []
    with Store.open(location, Path.cwd()) as store:
        started = time.perf_counter()
        if phase == "put":
            with store.transaction() as tx:
                tx.put_records(TABLE, records)  # type: ignore[arg-type]
            rows = count
        else:
            rows = len(store.records(TABLE))
        seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(peak_mib, 1), "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--location", default="")
    parser.add_argument("--phase", choices=("put", "load"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.location, args.records)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        location = args.location or str(Path(folder) / "bench.sqlite")
        for phase in ("put", "load"):
            child = subprocess.run(
                [sys.executable, __file__, "--phase", phase, "--location", location,
                 "--records", str(args.records)], check=True, capture_output=True, text=True)
            result = json.loads(child.stdout)
            print(f"{phase:5} {result['rows']:>9,} records  {result['seconds']:7.2f} s  "
                  f"peak RSS {result['peak_rss_mib']:8.1f} MiB")
        if not args.location:
            size = sum(path.stat().st_size for path in Path(folder).iterdir())
            print(f"store files: {size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
