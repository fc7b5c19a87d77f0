"""Time the surgical write-back against openpyxl's load + save on a 100,000-row workbook.

    .venv/bin/python bench/writeback.py [--data bench/data] [--rows 100000] [--marks 1000]
                                        [--skip-openpyxl]

The workbook (``writeback-clients.xlsx``: 20 columns of realistic client data,
shared strings, date formats, frozen header, autofilter, dropdowns, conditional
formatting) is written once by xlsxwriter and reused. Each method runs in its
own fresh interpreter on its own copy of the file and reports the seconds of
its work (imports excluded) and its peak RSS (``ru_maxrss``, the child's own):

  write-back  WorkbookPatch + 1,000 marks scattered over the sheet + write_back
              (lock and stamp checks, streamed rewrite, verification, backup,
              atomic replace)
  openpyxl    openpyxl.load_workbook(...) + workbook.save(...)

Targets: the write-back at least 10x faster and at most 1/4 of openpyxl's peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FILE_NAME = "writeback-clients.xlsx"
EXCEL_FILE_NAME = "writeback-clients-excel.xlsx"
SHEET = "Clients"
HEADER = ["Client ID", "Client", "Legal form", "Tax ID", "Contact person", "Phone", "E-mail",
          "City", "Address", "Region", "Industry", "Segment", "Source", "Manager", "Status",
          "Consent", "Created", "Last contact", "Revenue", "Debt"]
TARGET_SPEED = 10.0
TARGET_MEMORY = 4.0


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    data = args.data / (FILE_NAME if args.shape == "xlsxwriter" else EXCEL_FILE_NAME)
    if args.build:
        (build_workbook if args.shape == "xlsxwriter" else build_excel_workbook)(data, args.rows)
        return 0
    if not data.is_file():
        # built in a child: Linux keeps a process's peak RSS across exec, so building here
        # would count against every method measured after it
        _say(f"building {data} ({args.rows:,} rows) ...")
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--data", str(args.data), "--rows",
                        str(args.rows), "--shape", args.shape, "--build"], check=True)
        _say(f"built in {time.perf_counter() - started:.1f} s")
    if args.child:
        print(json.dumps(run_child(args.child, Path(args.work), args.marks, args.sync)))
        return 0
    results = {"write-back": measure("write-back", data, args)}
    if not args.skip_openpyxl:
        results["openpyxl"] = measure("openpyxl", data, args)
    print(render(data, args, results))
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/data"), help="data folder")
    parser.add_argument("--rows", type=int, default=100_000, help="rows when building")
    parser.add_argument("--marks", type=int, default=1_000, help="marks to write")
    parser.add_argument("--skip-openpyxl", action="store_true", help="measure only ours")
    parser.add_argument("--shape", choices=["xlsxwriter", "excel"], default="xlsxwriter",
                        help="who wrote the workbook: xlsxwriter, or shaped as Excel 365 saves")
    parser.add_argument("--sync", action="store_true",
                        help="also what a sync writes: an engine column (header + 1,000 "
                             "values) and 100 appended rows")
    parser.add_argument("--child", choices=["write-back", "openpyxl"], help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def build_workbook(path: Path, rows: int, seed: int = 20250312) -> None:
    """Write the benchmark workbook with xlsxwriter (shared strings, as Excel saves)."""
    import xlsxwriter

    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, HEADER, bold)
    for row in range(1, rows + 1):
        _write_client(sheet, row, rnd, day, money)
    last = rows + 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, rows, len(HEADER) - 1)
    sheet.set_column(0, len(HEADER) - 1, 16)
    sheet.data_validation(f"O2:O{last}", {"validate": "list",
                                           "source": ["lead", "prospect", "active", "inactive"]})
    red = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    sheet.conditional_format(f"T2:T{last}", {"type": "cell", "criteria": ">", "value": 50_000,
                                             "format": red})
    book.close()


_FIRST = ["Anna", "Ivan", "Olena", "Petro", "Maria", "Dmytro", "Svitlana", "Oleg", "Iryna"]
_LAST = ["Petrova", "Ivanenko", "Shevchenko", "Bondar", "Kovalenko", "Tkachenko", "Melnyk"]
_CITY = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Vinnytsia", "Poltava", "Chernihiv"]
_INDUSTRY = ["Travel", "Retail", "Construction", "IT", "Logistics", "Agriculture", "Health"]
_SOURCE = ["exhibition", "referral", "website", "advertising", "cold call"]


def build_excel_workbook(path: Path, rows: int, seed: int = 20250312) -> None:
    """The same workbook shaped as Excel 365 saves it (tests/excel_shaped.py): x14ac rows,
    xr:uids, an x14 data bar, a dropdown, the autofilter and its defined name."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from excel_shaped import ExcelSheet, excel_workbook

    rnd = random.Random(seed)
    data: list[list[object]] = [list(HEADER)]
    data += [_client_values(row, rnd) for row in range(1, rows + 1)]
    excel_workbook(path, [ExcelSheet(SHEET, data, data_bar=20, lists={
        15: ["lead", "prospect", "active", "inactive"]})], calc_chain=False)


def _write_client(sheet: object, row: int, rnd: random.Random, day: object,
                  money: object) -> None:
    values = _client_values(row, rnd)
    for column, value in enumerate(values[:16]):
        sheet.write_string(row, column, value)  # type: ignore[attr-defined]
    sheet.write_datetime(row, 16, values[16], day)  # type: ignore[attr-defined]
    sheet.write_datetime(row, 17, values[17], day)  # type: ignore[attr-defined]
    sheet.write_number(row, 18, values[18], money)  # type: ignore[attr-defined]
    sheet.write_number(row, 19, values[19], money)  # type: ignore[attr-defined]


def _client_values(row: int, rnd: random.Random) -> list[object]:
    first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
    company = f"{rnd.choice(_LAST)} {rnd.choice(['Trade', 'Group', 'Service', 'Tour'])} {row}"
    created = date(2018, 1, 1) + timedelta(days=rnd.randrange(2700))
    values = [f"C-{row:06d}", company, rnd.choice(["LLC", "PE", "JSC"]),
              f"{rnd.randrange(10**7, 10**8)}", f"{first} {last}",
              f"+380 {rnd.randrange(10, 99)} {rnd.randrange(100, 999)} {rnd.randrange(1000, 9999)}",
              f"{first.lower()}.{last.lower()}{row}@example.com", rnd.choice(_CITY),
              f"{rnd.randrange(1, 200)} {rnd.choice(_LAST)} street", rnd.choice(_CITY),
              rnd.choice(_INDUSTRY), rnd.choice("ABC"), rnd.choice(_SOURCE),
              rnd.choice(_FIRST), rnd.choice(["lead", "prospect", "active", "inactive"]),
              rnd.choice(["yes", "no"])]
    return [*values, created, created + timedelta(days=rnd.randrange(400)),
            round(rnd.uniform(0, 250_000), 2), round(rnd.uniform(0, 90_000), 2)]


def measure(method: str, data: Path, args: argparse.Namespace) -> dict[str, float]:
    """Run one method in a fresh interpreter on a fresh copy of the workbook."""
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as folder:
        work = Path(folder) / data.name
        shutil.copyfile(data, work)
        command = [sys.executable, __file__, "--data", str(data.parent), "--child", method,
                   "--work", str(work), "--marks", str(args.marks), "--shape", args.shape,
                   *(["--sync"] if args.sync else [])]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{method} failed:\n{done.stderr}")
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result


def run_child(method: str, work: Path, marks: int, sync: bool = False) -> dict[str, float]:
    """The measured work, inside the child; imports happen before the clock starts."""
    if method == "openpyxl":
        import openpyxl

        started = time.perf_counter()
        book = openpyxl.load_workbook(work)
        book.save(work.with_name("saved.xlsx"))
    else:
        import openpyxl
        import python_calamine  # noqa: F401

        from crm_office.writeback import Mark, WorkbookPatch, write_back

        started = time.perf_counter()
        patch = WorkbookPatch(work)
        sheet = patch.sheet(SHEET)
        rnd = random.Random(7)
        for _ in range(marks):
            sheet.mark(Mark(rnd.randrange(2, 100_002), rnd.randrange(1, len(HEADER) + 1),
                            "Value looks wrong: check it"))
        if sync:
            _sync_like(sheet, rnd)
        result = write_back(patch, backups=work.parent / "backups")
        assert result.marks_added > 0
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 2), "peak_mib": round(peak, 1)}


def _sync_like(sheet: Any, rnd: random.Random) -> None:
    """An engine column (its header and 1,000 values) and 100 appended clients."""
    engine = len(HEADER) + 1
    sheet.set_cell(1, engine, "ABC class")
    for _ in range(1_000):
        sheet.set_cell(rnd.randrange(2, 100_002), engine, rnd.choice("ABC"))
    for number in range(100):
        sheet.append_row(_client_values(200_000 + number, rnd))


def render(data: Path, args: argparse.Namespace, results: dict[str, dict[str, float]]) -> str:
    size = data.stat().st_size / 2**20
    lines = [f"workbook: {data} ({size:.1f} MiB, sheet '{SHEET}', {args.shape})",
             f"{'method':<34}{'seconds':>10}{'peak MiB':>12}"]
    work = f"{args.marks:,} marks" + (" + sync" if args.sync else "")
    for method, figures in results.items():
        label = f"{method}" + (f" ({work})" if method == "write-back" else "")
        lines.append(f"{label:<34}{figures['seconds']:>10.2f}{figures['peak_mib']:>12.1f}")
    if "openpyxl" in results:
        ours, theirs = results["write-back"], results["openpyxl"]
        speed = theirs["seconds"] / ours["seconds"]
        memory = theirs["peak_mib"] / ours["peak_mib"]
        lines.append(f"write-back is {speed:.1f}x faster (target >= {TARGET_SPEED:.0f}x: "
                     f"{'met' if speed >= TARGET_SPEED else 'MISSED'}) and uses 1/{memory:.1f} "
                     f"of the peak memory (target <= 1/{TARGET_MEMORY:.0f}: "
                     f"{'met' if memory >= TARGET_MEMORY else 'MISSED'})")
    return "\n".join(lines)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
