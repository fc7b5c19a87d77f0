"""An office for the mail tests: clients, contact log, campaigns, templates, attachments."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from tests.conftest import write_workbook

CONFIG = """
[office]
name = "Test Office"
locale = "en"

[paths]
workbooks = "workbooks"
templates = "templates"

[tables.clients]
file = "clients.xlsx"
sheet = "Clients"

[tables.contacts]
file = "contacts.xlsx"
sheet = "Contact log"

[tables.campaigns]
file = "campaigns.xlsx"
sheet = "Campaigns"

[funnel]
stages = [
    {{ name = "lead", probability = 10 }},
    {{ name = "won", probability = 100 }},
    {{ name = "lost", probability = 0 }},
]

[mail]
transport = "{transport}"
sender = "office@test-office.example"
sender_name = "Тест Офис"
journal_batch = {batch}
rate_per_minute = {rate}
backoff_seconds = 0.05
retries = 3

[mail.smtp]
host = "127.0.0.1"
port = {port}
timeout = 5

[mail.campaigns.M-000001]
subject = "Предложение для {{{{ client.name }}}}"
html = "mail/offer.html"
text = "mail/offer.txt"
attachments = ["Прайс-лист 2026.pdf", "brochure.bin"]
filters = {{ segment = ["large"] }}
{extra}
"""

HTML = "<html><body><p>Здравствуйте, {{ client.contact_person }}!</p>" \
       "<p>Клиент: {{ client.name }}</p></body></html>"
TEXT = "Здравствуйте, {{ client.contact_person }}!\nКлиент {{ client.id }}: {{ client.name }}\n"


def client_rows(count: int) -> list[list[Any]]:
    rows: list[list[Any]] = [["Client ID", "Client", "Contact person", "E-mail", "Segment",
                              "Status", "Mailing consent", "Manager"]]
    for n in range(1, count + 1):
        rows.append([f"C-{n:06d}", f"Клиент {n} <b>", f"Иван {n}", f"client{n}@mail.example",
                     "large", "active", "yes", "Anna"])
    return rows


def make_mail_office(root: Path, clients: list[list[Any]] | None = None, *,
                     transport: str = "smtp", port: int = 25, batch: int = 20,
                     rate: float = 0, extra: str = "") -> Path:
    """Write the office; returns config.toml."""
    write_workbook(root / "workbooks" / "clients.xlsx",
                   {"Clients": clients if clients is not None else client_rows(10)})
    write_workbook(root / "workbooks" / "contacts.xlsx", {"Contact log": [
        ["Contact ID", "Date", "Client ID", "Client", "Manager", "Type", "What was said",
         "Result"],
        ["L-000001", dt.date(2026, 1, 12), "C-000001", "Клиент 1", "Anna", "call", "hi", ""]]})
    write_workbook(root / "workbooks" / "campaigns.xlsx", {"Campaigns": [
        ["Campaign ID", "Campaign", "Channel", "Segment", "Start"],
        ["M-000001", "Весенняя рассылка", "e-mail", "large", dt.date(2026, 3, 1)]]})
    (root / "templates" / "mail").mkdir(parents=True, exist_ok=True)
    (root / "templates" / "mail" / "offer.html").write_text(HTML, encoding="utf-8")
    (root / "templates" / "mail" / "offer.txt").write_text(TEXT, encoding="utf-8")
    (root / "templates" / "Прайс-лист 2026.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (root / "templates" / "brochure.bin").write_bytes(hashlib.sha256(b"x").digest() * 2000)
    config = root / "config.toml"
    config.write_text(CONFIG.format(transport=transport, port=port, batch=batch, rate=rate,
                                    extra=extra), encoding="utf-8")
    return config
