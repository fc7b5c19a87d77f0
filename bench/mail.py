"""Mail benchmark: 10,000 personalised messages, each with its own 50 KB attachment, to a
local SMTP server (aiosmtpd) in another process; the journal on and off.

    .venv/bin/python bench/mail.py [--count 10000] [--size-kb 50] [--batch 20]

Each mode runs in a child process of its own (so its peak memory is its own): the campaign's
templates rendered in Jinja's sandbox, the MIME built by the email package, one SMTP
connection, and with the journal a SQLite store in WAL mode, ``sending`` committed before
each batch of ``--batch`` messages is handed over. Prints messages/s, the journal's cost and
the peak memory (ru_maxrss) of each run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HTML = ("<html><body><p>Dear {{ client.contact_person }},</p><p>our offer for {{ client.name }}"
        " in {{ client.region }} is attached.</p><p>{{ office.name }}</p></body></html>")
TEXT = ("Dear {{ client.contact_person }},\n\nour offer for {{ client.name }} in "
        "{{ client.region }} is attached.\n\n{{ office.name }}\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _messages(count: int, size: int) -> Iterator[tuple[str, object]]:
    from crm_office.mail.campaigns import Campaign
    from crm_office.mail.message import Attachment, OutgoingMessage
    from crm_office.mail.render import Renderer

    campaign = Campaign(key="BENCH", name="Bench", subject="Offer for {{ client.name }}",
                        html=HTML, text=TEXT)
    renderer = Renderer(campaign, "en", "office@bench.example")
    rng = random.Random(20261201)
    for n in range(1, count + 1):
        client = {"id": f"C-{n:06d}", "name": f"Client {n} Ltd",
                  "contact_person": f"Person {n}", "region": f"Region {n % 40}"}
        rendered = renderer.render({"client": client, "office": {"name": "Bench Office"}})
        yield client["id"], OutgoingMessage(
            sender="office@bench.example", to=f"client{n}@mail.example",
            subject=rendered.subject, text=rendered.text, html=rendered.html,
            attachments=(Attachment(f"offer-{n}.pdf", data=rng.randbytes(size)),),
            key=f"BENCH/{client['id']}", unsubscribe="office@bench.example")


def child(mode: str, port: int, count: int, size: int, batch: int) -> None:
    from crm_office.config.model import SmtpSettings
    from crm_office.mail.delivery import deliver_all
    from crm_office.mail.journal import Entry, Journal
    from crm_office.mail.message import message_id_for
    from crm_office.mail.transports.smtp import SmtpTransport
    from crm_office.store.store import Store

    settings = SmtpSettings("127.0.0.1", port, "", None, False, timeout=60)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open("journal.sqlite", Path(folder)) if mode == "on" else None
        journal = Journal(store, "BENCH") if store is not None else None
        start = time.perf_counter()
        if journal is not None:
            journal.plan(Entry(f"C-{n:06d}", f"client{n}@mail.example", "planned",
                               f"BENCH/C-{n:06d}",
                               message_id_for(f"BENCH/C-{n:06d}", "office@bench.example"))
                         for n in range(1, count + 1))
        with SmtpTransport(settings) as transport:
            tally = deliver_all(_messages(count, size), transport, journal, batch=batch,
                                total=count)
        seconds = time.perf_counter() - start
        if store is not None:
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "sent": tally.sent, "failed": tally.failed,
                      "seconds": seconds, "per_second": tally.sent / seconds,
                      "peak_mib": peak}))


def run(mode: str, port: int, args: argparse.Namespace) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--port", str(port),
                          "--count", str(args.count), "--size-kb", str(args.size_kb),
                          "--batch", str(args.batch)], check=True, capture_output=True,
                         text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--size-kb", type=int, default=50)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=("on", "off"))
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.port, args.count, args.size_kb * 1024, args.batch)
        return
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l",
                               f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"])
    try:
        time.sleep(1.5)
        results: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
        for turn in range(args.repeat):
            for mode in ("off", "on") if turn % 2 == 0 else ("on", "off"):
                results[mode].append(run(mode, port, args))
                print(f"journal {mode:3}: {results[mode][-1]['sent']:,.0f} messages in "
                      f"{results[mode][-1]['seconds']:.1f} s = "
                      f"{results[mode][-1]['per_second']:.0f} messages/s, peak "
                      f"{results[mode][-1]['peak_mib']:.0f} MiB", flush=True)
    finally:
        server.terminate()
        server.wait()
    best = {mode: max(r["per_second"] for r in runs) for mode, runs in results.items()}
    overhead = (best["off"] - best["on"]) / best["off"] * 100
    print(f"best: {best['off']:.0f} messages/s without the journal, {best['on']:.0f} with it; "
          f"journal overhead {overhead:.1f} %; peak memory "
          f"{max(r['peak_mib'] for runs in results.values() for r in runs):.0f} MiB")


if __name__ == "__main__":
    main()
