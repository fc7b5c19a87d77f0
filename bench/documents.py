"""Benchmark of documents: 1,000 invoices of 10 lines from the shipped templates.

Prints, on this machine:
- the render-and-write step (template prepared once, package written with only
  word/document.xml new) in documents/s, one process and all cores, without and
  with the payment QR, and with the QR and the office's logo (the demo logo);
  docxtpl as documented (load, render, save per document);
- `crm-office documents` end to end on a prepared office of 1,000 deals at the
  invoiced stage (read, number, render, write, register; no PDF), in seconds;
- PDF/s for a batch of documents by LibreOffice (both cores);
- peak memory (this process and its children).

Run: .venv/bin/python bench/documents.py [--count 1000] [--pdf-count 100 300] [--repeat 3]
     [--only render|end-to-end|pdf] [--restart-every 200] [--no-uno]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crm_office.config import load_config  # noqa: E402
from crm_office.demo.templates import write_templates  # noqa: E402
from crm_office.documents.fields import sample_context  # noqa: E402
from crm_office.documents.money import ItemInput  # noqa: E402
from crm_office.documents.parallel import map_on_cores  # noqa: E402
from crm_office.documents.qr import Payee, gost_payload, qr_png  # noqa: E402
from crm_office.writeback.atomic import write_engine_file  # noqa: E402
from tests.conftest import write_workbook  # noqa: E402
from tests.documents_office import FUNNEL, OFFICE  # noqa: E402


def prepared_office(folder: Path, deals: int, lines: int, locale: str) -> Path:
    """An office of ``deals`` deals at the invoiced stage, ``lines`` items each."""
    products = [["Product code", "Product", "Unit", "Price", "VAT, %"]]
    products += [[f"P-{n:03d}", f"Service number {n}", "pc", 10 + n, 20 if n % 2 else 10]
                 for n in range(40)]
    clients = [["Client ID", "Client", "Status", "Address"]]
    clients += [[f"C-{n:06d}", f"Client {n} & Co", "active", f"{n} High Street"]
                for n in range(1, 201)]
    deal_rows = [["Deal ID", "Deal", "Client ID", "Manager", "Stage", "Planned amount"]]
    items = [["Item ID", "Deal ID", "Product code", "Quantity", "Price", "Discount, %"]]
    for n in range(1, deals + 1):
        deal_rows.append([f"D-{n:06d}", f"Deal {n}", f"C-{n % 200 + 1:06d}", "Anna", "invoiced",
                          1000])
        items += [[f"DI-{n * lines + k:07d}", f"D-{n:06d}", f"P-{(n + k) % 40:03d}", k + 1,
                   10 + k, k % 3 * 5] for k in range(lines)]
    tables: dict[str, list[list[Any]]] = {
        "clients": clients, "deals": deal_rows, "deal_items": items, "products": products,
        "contacts": [["Contact ID", "Date", "Client ID", "Client", "Manager", "Type",
                      "What was said", "Result"]],
        "invoices": [["Invoice No.", "Date", "Client ID", "Deal ID", "Amount", "Due date"]],
    }
    lines_out = ["[office]", OFFICE[locale], "[paths]", 'workbooks = "workbooks"',
                 'templates = "templates"', ""]
    for key, rows in tables.items():
        write_workbook(folder / "workbooks" / f"{key}.xlsx", {"Data": rows})
        lines_out += [f"[tables.{key}]", f'file = "{key}.xlsx"', 'sheet = "Data"', ""]
    write_templates(folder / "templates", locale)
    lines_out += [FUNNEL, "[documents]", 'stage_requests = { invoiced = "invoice" }', ""]
    (folder / "config.toml").write_text("\n".join(lines_out), encoding="utf-8")
    return folder / "config.toml"


def contexts(config_path: Path, count: int, lines: int) -> list[dict[str, Any]]:
    config = load_config(config_path)
    base = sample_context(config, "invoice")
    item = base["items"][0]
    result = []
    for n in range(count):
        context = dict(base, number=f"INV-2026-{n + 1:05d}")
        context["items"] = [dict(item, no=str(k + 1), name=f"Line {k} of {n}")
                            for k in range(lines)]
        result.append(context)
    return result


PAYEE = Payee("ООО «Северный ветер»", "40702810900000000001", "ПАО «Пример Банк»",
              "044525225", "30101810400000000225", "7707083893", "770701001")


def payment_qr(context: dict[str, Any]) -> bytes:
    """A Russian payment QR (ГОСТ Р 56042) as an invoice of the office carries it."""
    purpose = f"Оплата по счёту № {context['number']} от 22.11.2026, в т.ч. НДС 200,00 ₽"
    return qr_png(gost_payload(PAYEE, Decimal("1200.50"), purpose))


def _render_chunk(args: tuple[str, list[dict[str, Any]], str, bool]) -> int:
    from crm_office.documents.render import PreparedTemplate

    template, chunk, out, with_qr = args
    prepared = PreparedTemplate(Path(template))
    folder = Path(out)
    for context in chunk:
        png = payment_qr(context) if with_qr else None
        (folder / f"{context['number']}.docx").write_bytes(prepared.render(context, png))
    return len(chunk)


def render_rate(template: Path, items: list[dict[str, Any]], out: Path, workers: int,
                with_qr: bool, logo: Path | None = None) -> float:
    """Documents/s of the render-and-write step through documents/parallel.py (forked
    workers), the template prepared and tried first, as `make_documents` does."""
    from crm_office.documents.logo import read_logo
    from crm_office.documents.render import TEXT_CHECKS, PreparedTemplate

    prepared = PreparedTemplate(template, read_logo(logo) if logo else None)
    for _ in range(TEXT_CHECKS + 1):
        prepared.render(items[0], payment_qr(items[0]) if with_qr else None)

    def job(index: int) -> int:
        context = items[index]
        png = payment_qr(context) if with_qr else None
        write_engine_file(out / f"{context['number']}.docx", prepared.render(context, png))
        return index

    started = time.perf_counter()
    for _ in map_on_cores(job, range(len(items)), workers):
        pass
    return len(items) / (time.perf_counter() - started)


def plain_rate(template: Path, items: list[dict[str, Any]], out: Path) -> float:
    from crm_office.documents.render import render_plain

    started = time.perf_counter()
    for context in items:
        (out / f"plain-{context['number']}.docx").write_bytes(render_plain(template, context))
    return len(items) / (time.perf_counter() - started)


def end_to_end(config_path: Path) -> tuple[float, dict[str, int]]:
    from crm_office.documents.make import make_documents

    config = load_config(config_path)
    started = time.perf_counter()
    report = make_documents(config, pdf=False, today=dt.date(2026, 11, 22))
    return time.perf_counter() - started, report.to_dict()["counts"]


def pdf_run(files: list[Path], restart_every: int, use_uno: bool) -> None:
    """One batch: PDF/s, LibreOffice CPU seconds per PDF, instances and their peak memory."""
    from crm_office.documents.pdf import convert_pdfs

    for file in files:
        file.with_suffix(".pdf").unlink(missing_ok=True)
    cpu_before = _children_cpu()
    started = time.perf_counter()
    batch = convert_pdfs(files, restart_every=restart_every, use_uno=use_uno)
    seconds = time.perf_counter() - started
    cpu = (_children_cpu() - cpu_before) / len(files) * 1000
    failed = sum(1 for pdf, _error in batch.results.values() if pdf is None)
    peaks = ", ".join(f"{kib / 1024:,.0f}" for kib in batch.peaks.values()) or "n/a"
    print(f"  PDF ({batch.converter}), batch of {len(files)}: {len(files) / seconds:,.1f} PDF/s "
          f"({seconds:.1f} s, {cpu:.0f} ms CPU per PDF, {len(batch.peaks) or 'n/a'} "
          f"instance(s), peak MiB each: {peaks}; failed {failed}) load {_load()}")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def render_part(template: Path, items: list[dict[str, Any]], work: Path,
                plain_count: int) -> None:
    """The render-and-write step, 1 process and all cores, without and with the QR."""
    cores = multiprocessing.cpu_count()
    logo = template.parent / "logo.png"
    for with_qr, with_logo in ((False, False), (True, False), (True, True)):
        for workers in sorted({1, cores}):
            out = work / f"render-{with_qr}-{workers}{'-logo' if with_logo else ''}"
            out.mkdir()
            cpu = time.process_time() + _children_cpu()
            rate = render_rate(template, items, out, workers, with_qr,
                               logo if with_logo else None)
            cpu_ms = (time.process_time() + _children_cpu() - cpu) / len(items) * 1000
            print(f"  render+write {'with' if with_qr else 'without'} QR"
                  f"{', with the logo' if with_logo else ''}, "
                  f"{workers} process(es): {rate:,.0f} documents/s, {cpu_ms:.2f} ms CPU per "
                  f"document, load {_load()}")
    plain = work / "plain"
    plain.mkdir()
    print(f"  docxtpl as documented, 1 process: "
          f"{plain_rate(template, items[:plain_count], plain):,.1f} documents/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=10)
    parser.add_argument("--pdf-count", type=int, nargs="*", default=[100],
                        help="PDF batch sizes (e.g. 100 300); none: no PDF")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each PDF batch")
    parser.add_argument("--restart-every", type=int, default=200,
                        help="documents per LibreOffice instance before a restart")
    parser.add_argument("--no-uno", action="store_true",
                        help="the fallback: one soffice call per part of the batch")
    parser.add_argument("--plain-count", type=int, default=100)
    parser.add_argument("--only", choices=["render", "end-to-end", "pdf"],
                        help="run one part of the benchmark")
    args = parser.parse_args()
    _ = ItemInput
    work = Path(tempfile.mkdtemp(prefix="crm-office-bench-docs-"))
    try:
        config = prepared_office(work / "office", args.count, args.lines, "en")
        template = work / "office" / "templates" / "invoice.docx"
        items = contexts(config, args.count, args.lines)
        print(f"{args.count:,} invoices of {args.lines} lines, "
              f"{multiprocessing.cpu_count()} cores")
        if args.only in (None, "render"):
            render_part(template, items, work, args.plain_count)
        if args.only in (None, "end-to-end"):
            cpu = time.process_time() + _children_cpu()
            seconds, counts = end_to_end(config)
            cpu = time.process_time() + _children_cpu() - cpu
            print(f"  crm-office documents end to end (read, number, render, write, register;"
                  f" no PDF): {seconds:.2f} s ({cpu:.2f} s CPU) for {counts} load {_load()}")
        if args.only in (None, "pdf") and shutil.which("soffice"):
            files = work / "render-False-1"
            if not files.is_dir():
                files.mkdir()
                _render_chunk((str(template), items[:max(args.pdf_count, default=0)],
                               str(files), False))
            for count in args.pdf_count:
                for _ in range(args.repeat):
                    pdf_run(sorted(files.glob("*.docx"))[:count], args.restart_every,
                            not args.no_uno)
        own, children = peak_mib()
        print(f"  peak memory: {own:,.0f} MiB this process, {children:,.0f} MiB largest child")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
