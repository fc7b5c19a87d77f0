"""Campaign benchmark with a document per recipient: N clients, each with an open deal of
three lines, a campaign with ``documents = ["offer"]`` through the outbox transport.

    .venv/bin/python bench/mail_documents.py [--count 1000]

The first campaign makes every offer (numbered, rendered from the shipped template, written,
registered through the documents library) and sends each client its own; a second campaign
to the same clients reuses the offers the register already has. Prints messages/s of each,
and the peak memory (ru_maxrss) of the process. Run it in a fresh process each time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONFIG = """
[office]
name = "Bench Office"
currency = "EUR"

[paths]
workbooks = "workbooks"
templates = "templates"

{tables}
[funnel]
stages = [{{ name = "lead", probability = 10 }}, {{ name = "offer", probability = 50 }},
          {{ name = "won", probability = 100 }}, {{ name = "lost", probability = 0 }}]

[mail]
transport = "outbox"
sender = "office@bench.example"

[mail.campaigns.first]
subject = "Your offer, {{{{ client.name }}}}"
documents = ["offer"]

[mail.campaigns.second]
subject = "Reminder: your offer, {{{{ client.name }}}}"
documents = ["offer"]
"""


def build(root: Path, count: int) -> Path:
    import xlsxwriter

    from crm_office.demo.templates import write_templates

    tables = {
        "clients": [["Client ID", "Client", "Contact person", "E-mail", "Mailing consent",
                     "Status"]] + [[f"C-{n:06d}", f"Client {n} Ltd", f"Person {n}",
                                    f"client{n}@mail.example", "yes", "active"]
                                   for n in range(1, count + 1)],
        "deals": [["Deal ID", "Deal", "Client ID", "Manager", "Stage", "Planned amount"]]
        + [[f"D-{n:06d}", f"Deal {n}", f"C-{n:06d}", "Anna", "offer", 1000]
           for n in range(1, count + 1)],
        "deal_items": [["Item ID", "Deal ID", "Product code", "Quantity", "Price"]]
        + [[f"DI-{n:06d}{k}", f"D-{n:06d}", f"P-{k}", k + 1, 10 * (k + 1)]
           for n in range(1, count + 1) for k in range(3)],
        "products": [["Product code", "Product", "Unit", "Price", "VAT, %"]]
        + [[f"P-{k}", f"Product {k}", "pc", 10 * (k + 1), 20] for k in range(3)],
        "contacts": [["Contact ID", "Date", "Client ID", "Client", "Manager", "Type",
                      "What was said", "Result"],
                     ["L-000001", dt.date(2026, 1, 5), "C-000001", "Client 1 Ltd", "Anna",
                      "call", "hi", ""]],
    }
    (root / "workbooks").mkdir(parents=True)
    text = []
    for key, rows in tables.items():
        book = xlsxwriter.Workbook(str(root / "workbooks" / f"{key}.xlsx"))
        sheet = book.add_worksheet("Data")
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()),
                                         date_format)
                else:
                    sheet.write(r, c, value)
        book.close()
        text += [f"[tables.{key}]", f'file = "{key}.xlsx"', 'sheet = "Data"', ""]
    write_templates(root / "templates", "en")
    config = root / "config.toml"
    config.write_text(CONFIG.format(tables="\n".join(text)), encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count

    from crm_office.config import load_config
    from crm_office.mail.operation import send_campaign

    with tempfile.TemporaryDirectory(prefix="bench-mail-documents-") as folder:
        config = load_config(build(Path(folder), count))
        for name, what in (("first", "offers made"), ("second", "offers reused")):
            started = time.perf_counter()
            report = send_campaign(config, name)
            took = time.perf_counter() - started
            assert report.tally.sent == count, report.to_dict()
            print(f"{name} campaign ({what}): {count} messages in {took:.2f} s = "
                  f"{count / took:.0f} messages/s")
        documents = list((Path(folder) / "output" / "documents").rglob("*.docx"))
        print(f"documents in output/documents: {len(documents)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
