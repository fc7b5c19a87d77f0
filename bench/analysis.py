"""Benchmark of the weekly analysis: 100,000 clients, 1,000,000 contact-log rows,
200,000 deals, 100,000 invoices (and their payments).

Prints: the seconds to compute every figure and write the report workbook (target:
under 3 s together) and the peak memory (target: under 1.5 GB). The data is generated
in memory (seeded). With ``--end-to-end`` the tables are also written as workbooks
(``--out``) and its store is filled as a sync leaves it, then the whole report is timed
(read, analyse, write) from the workbooks and from the store against a bare
python-calamine read of the same workbooks (target: faster), and last the whole
``crm-office report weekly`` (the managers' own reports on every core: its CPU seconds
include the workers', and a worker's peak memory is printed). Each figure is given in
wall seconds and in CPU seconds (other jobs on the machine change the first most).

    .venv/bin/python bench/analysis.py [--scale 1.0] [--end-to-end]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy
import pandas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from crm_office.analysis import manager_reports  # noqa: E402
from crm_office.analysis.frames import OfficeFrames, normalise  # noqa: E402
from crm_office.analysis.inputs import Inputs  # noqa: E402
from crm_office.analysis.managers import manager_names  # noqa: E402
from crm_office.analysis.period import Week  # noqa: E402
from crm_office.analysis.report_writer import write_report  # noqa: E402
from crm_office.analysis.scope import manager_frames  # noqa: E402
from crm_office.analysis.weekly import analyse  # noqa: E402
from crm_office.config import load_config  # noqa: E402
from crm_office.config.model import Config  # noqa: E402
from crm_office.model import BUILTIN_TABLES  # noqa: E402

WEEK = Week(2026, 46)
START = date(2024, 1, 1)
DAYS = (WEEK.end - START).days
MANAGERS = [f"Manager {number:02d}" for number in range(1, 21)]


def _dates(rng: numpy.random.Generator, count: int) -> pandas.Series:
    offsets = rng.integers(0, DAYS + 1, count)
    return pandas.Series(pandas.Timestamp(START) + pandas.to_timedelta(offsets, unit="D"))


def _money(rng: numpy.random.Generator, count: int, low: int, high: int) -> list[Decimal]:
    cents = rng.integers(low * 100, high * 100, count)
    return [Decimal(int(value)).scaleb(-2) for value in cents]


def generate(scale: float) -> dict[str, pandas.DataFrame]:
    rng = numpy.random.default_rng(20261116)
    n_clients, n_contacts = int(100_000 * scale), int(1_000_000 * scale)
    n_deals, n_invoices = int(200_000 * scale), int(100_000 * scale)
    client_ids = numpy.array([f"C-{number:06d}" for number in range(1, n_clients + 1)])
    stages = numpy.array(["lead", "qualification", "needs", "demo", "offer", "negotiation",
                          "contract", "invoiced", "won", "lost"])
    reasons = numpy.array(["did not see the benefit", "price", "chose a competitor",
                           "no budget", "not now"])
    deal_stage = rng.choice(stages, n_deals, p=[.05, .05, .05, .05, .05, .05, .03, .02, .35,
                                                 .30])
    created = _dates(rng, n_deals)
    closed = created + pandas.to_timedelta(rng.integers(5, 120, n_deals), unit="D")
    is_closed = pandas.Series(numpy.isin(deal_stage, ["won", "lost"]))
    lost = deal_stage == "lost"
    frames = {
        "clients": pandas.DataFrame({
            "id": client_ids, "name": [f"Client {number}" for number in range(n_clients)],
            "manager": rng.choice(MANAGERS, n_clients),
            "status": rng.choice(["lead", "prospect", "active", "inactive"], n_clients),
            "source": rng.choice(["exhibition", "referral", "website", "advertising"],
                                 n_clients),
            "segment": rng.choice(["small", "medium", "large"], n_clients),
            "region": rng.choice([f"Region {n}" for n in range(12)], n_clients),
            "industry": rng.choice([f"Industry {n}" for n in range(15)], n_clients),
            "created": _dates(rng, n_clients),
            "email": [f"c{number}@example.com" for number in range(n_clients)]}),
        "contacts": pandas.DataFrame({
            "date": _dates(rng, n_contacts),
            "client_id": rng.choice(client_ids, n_contacts),
            "manager": rng.choice(MANAGERS, n_contacts),
            "type": rng.choice(["call", "meeting", "e-mail", "demo"], n_contacts),
            "next_date": _dates(rng, n_contacts)}),
        "deals": pandas.DataFrame({
            "id": [f"D-{number:06d}" for number in range(1, n_deals + 1)],
            "title": "Deal", "client_id": rng.choice(client_ids, n_deals),
            "manager": rng.choice(MANAGERS, n_deals), "stage": deal_stage,
            "created": created, "closed": closed.where(is_closed),
            "amount": _money(rng, n_deals, 100, 50_000),
            "refusal_reason": numpy.where(lost, rng.choice(reasons, n_deals), None),
            "lost_at_stage": numpy.where(lost, rng.choice(stages[1:6], n_deals), None),
            "product_group": rng.choice(["tours", "events", "visa"], n_deals)}),
    }
    invoice_dates = _dates(rng, n_invoices)
    numbers = [f"INV-{number:07d}" for number in range(1, n_invoices + 1)]
    frames["invoices"] = pandas.DataFrame({
        "number": numbers, "date": invoice_dates,
        "client_id": rng.choice(client_ids, n_invoices),
        "amount": _money(rng, n_invoices, 100, 20_000),
        "due_date": invoice_dates + timedelta(days=30)})
    paying = rng.random(n_invoices) < 0.8
    frames["payments"] = pandas.DataFrame({
        "invoice": numpy.array(numbers)[paying],
        "date": (invoice_dates + timedelta(days=20))[paying].reset_index(drop=True),
        "amount": [amount for amount, paid in zip(frames["invoices"]["amount"], paying,
                                                  strict=True) if paid]})
    frames["managers"] = pandas.DataFrame({"name": MANAGERS, "active": True})
    return frames


def load_average() -> str:
    """The 1-minute load average (other jobs share the cores: wall seconds vary)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "data" / "analysis")
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the input workbooks and store of an earlier --end-to-end")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    started = time.perf_counter()
    raw = generate(args.scale)
    frames = OfficeFrames({key: normalise(key, raw.get(key, pandas.DataFrame()), config.funnel)
                           for key in BUILTIN_TABLES})
    print(f"generated and normalised in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{key} {len(frame):,}" for key, frame in frames.tables.items()
                      if len(frame)))
    started, cpu = time.perf_counter(), time.process_time()
    result = analyse(frames, config.funnel, config.analysis, config.commission, WEEK)
    computed, computed_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    data = write_report(result, config.funnel, "en", "Bench", [])
    written, written_cpu = time.perf_counter() - started, time.process_time() - cpu
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"weekly-{WEEK.label}.xlsx").write_bytes(data)
    print(f"compute {computed:.2f} s + write {written:.2f} s = {computed + written:.2f} s "
          f"(target < 3 s); report {len(data) / 1024:.0f} KiB")
    print(f"  CPU {computed_cpu:.2f} s + {written_cpu:.2f} s = {computed_cpu + written_cpu:.2f} s; "
          f"load average {load_average()}")
    started, cpu = time.perf_counter(), time.process_time()
    for name in manager_names(frames):
        own = analyse(manager_frames(frames, name), config.funnel, config.analysis,
                      config.commission, WEEK, name)
        write_report(own, config.funnel, "en", "Bench", None)
    mine, mine_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(MANAGERS)} managers' own reports {mine:.2f} s (CPU {mine_cpu:.2f} s); "
          f"office and managers' reports together {computed + written + mine:.2f} s "
          f"(CPU {computed_cpu + written_cpu + mine_cpu:.2f} s)")
    started, cpu = time.perf_counter(), _cpu_with_workers()
    on_cores = manager_reports.start(
        lambda name: (Path(name), _own_report(frames, config, name)), manager_names(frames))
    on_cores.collect()
    print(f"  the same on {os.cpu_count()} cores (forked workers): "
          f"{time.perf_counter() - started:.2f} s (CPU with the workers' "
          f"{_cpu_with_workers() - cpu:.2f} s); load average {load_average()}")
    print(f"peak memory {peak_mb():.0f} MB (target < 1,500 MB)")
    if args.end_to_end:
        del frames, result
        tables = [raw]
        del raw
        end_to_end(tables, args.out, args.reuse)


def end_to_end(tables: list[dict[str, pandas.DataFrame]], out: Path, reuse: bool) -> None:
    """The whole office report (inputs, figures, workbook; no manager's own) from the
    workbooks and from the store, against a bare python-calamine read of the workbooks."""
    from analysis_inputs import PLACES, fill_store, write_office
    from python_calamine import CalamineWorkbook

    from crm_office.analysis.frames import read_frames
    from crm_office.analysis.inputs import office_frames
    from crm_office.analysis.service import make_weekly_report

    started = time.perf_counter()
    config_path = out / "office" / "config.toml"
    raw = tables.pop()
    if not (reuse and (out / "office" / "crm-office.sqlite").is_file()):
        config_path = write_office(raw, out / "office", ROOT / "config.toml")
        (out / "office" / "crm-office.sqlite").unlink(missing_ok=True)
        fill_store(raw, config_path)
        print(f"input workbooks written and the store filled in "
              f"{time.perf_counter() - started:.1f} s")
    del raw
    started, cpu = time.perf_counter(), time.process_time()
    for file, sheet in PLACES.values():
        CalamineWorkbook.from_path(str(out / "office" / "workbooks" / file)).get_sheet_by_name(
            sheet).to_python()
    bare, bare_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"bare python-calamine read of the input workbooks: {bare:.2f} s, CPU {bare_cpu:.2f} s")
    config = load_config(config_path)
    figures = {}
    for source, read in (("workbooks", lambda: (read_frames(config), None)),
                         ("store's records", lambda: _from_records(config)),
                         ("store's columnar copy", lambda: office_frames(config))):
        started, cpu = time.perf_counter(), time.process_time()
        frames, inputs = read()
        reading, reading_cpu = time.perf_counter() - started, time.process_time() - cpu
        result = analyse(frames, config.funnel, config.analysis, config.commission, WEEK)
        write_report(result, config.funnel, "en", "Bench", [])
        whole, whole_cpu = time.perf_counter() - started, time.process_time() - cpu
        figures[source] = result.figures()
        said = f" [{inputs.describe('en')}]" if inputs else ""
        print(f"end to end from the {source}: {whole:.2f} s (inputs {reading:.2f} s), "
              f"CPU {whole_cpu:.2f} s (inputs {reading_cpu:.2f} s); against the bare read: "
              f"{whole / bare:.2f}x, CPU {whole_cpu / bare_cpu:.2f}x (target < 1){said}")
        del frames
    print(f"same figures from all three: "
          f"{'yes' if len({repr(each) for each in figures.values()}) == 1 else 'NO'}")
    started, cpu, own_cpu = time.perf_counter(), _cpu_with_workers(), time.process_time()
    made = make_weekly_report(config, WEEK, mail=False)
    source = made.inputs.source if made.inputs else "?"
    whole = time.perf_counter() - started
    print(f"crm-office report weekly (inputs, office report, {len(made.manager_reports)} "
          f"managers' own on {os.cpu_count()} cores, History; files written): {whole:.2f} s "
          f"({whole / bare:.2f}x the bare read, target < 1), CPU {_cpu_with_workers() - cpu:.2f} s "
          f"with the workers' ({time.process_time() - own_cpu:.2f} s in this process); "
          f"from the {source}")
    print(f"load average {load_average()}; peak memory {peak_mb():.0f} MB, of a worker "
          f"{_workers_peak_mb():.0f} MB (target < 1,500 MB each)")


def _own_report(frames: OfficeFrames, config: Config, name: str) -> None:
    own = analyse(manager_frames(frames, name), config.funnel, config.analysis,
                  config.commission, WEEK, name)
    write_report(own, config.funnel, "en", "Bench", None)


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of its ended workers."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _workers_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _from_records(config: Config) -> tuple[OfficeFrames, Inputs]:
    """The store's records (what the report reads when the columnar copy is missing)."""
    from crm_office.analysis.inputs import store_inputs
    from crm_office.analysis.store_frames import read_store_frames
    from crm_office.store import Store

    with Store.open(config.paths.store, config.paths.root) as store:
        inputs = store_inputs(config, store)
        return read_store_frames(config, store), inputs


if __name__ == "__main__":
    main()
