"""One payment-reminder mechanism: the levels decide when, the mail goes through the
transport and the journal, and carries the Word reminder document when the office has
its template. One overdue invoice → exactly one reminder per level."""

from __future__ import annotations

import email
import email.policy
import io
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

from crm_office.analysis.frames import read_frames
from crm_office.config import load_config
from crm_office.demo.templates import write_templates
from crm_office.reminders import run_reminders
from tests.conftest import write_workbook

D = date
TABLES = {
    "clients": [["Client ID", "Client", "Status", "E-mail", "Manager"],
                ["C-000001", "Ashford Data", "active", "info@ashford.example", "Anna Smith"]],
    "contacts": [["Contact ID", "Date", "Client ID", "Client", "Manager", "Type",
                  "What was said", "Result"],
                 ["L-000001", D(2026, 11, 2), "C-000001", "Ashford Data", "Anna Smith",
                  "call", "hello", None]],
    "invoices": [["Invoice No.", "Date", "Client ID", "Amount", "Due date"],
                 ["INV-1", D(2026, 11, 10), "C-000001", 500, D(2026, 11, 24)]],
    "payments": [["Payment ID", "Invoice No.", "Date", "Amount"]],
}
DAYS = [D(2026, 11, 20), D(2026, 11, 21), D(2026, 11, 21), D(2026, 11, 25), D(2026, 12, 1),
        D(2026, 12, 1), D(2026, 12, 10), D(2026, 12, 24), D(2026, 12, 24), D(2027, 1, 5)]
"""Before due is 3 days before 24 Nov, 7 days on 1 Dec, 30 days on 24 Dec; the runs of
the other days find nothing new."""


def _office(root: Path, template: bool = True,
            tables: dict[str, list[list[object]]] | None = None) -> Path:
    lines = ['[office]\nname = "Northwind"\ncurrency = "EUR"\nlocale = "en"\n',
             '[paths]\nworkbooks = "workbooks"\ntemplates = "templates"\n']
    for key, rows in (tables or TABLES).items():
        write_workbook(root / "workbooks" / f"{key}.xlsx", {"Data": rows})
        lines.append(f'[tables.{key}]\nfile = "{key}.xlsx"\nsheet = "Data"\n')
    write_templates(root / "templates", "en")
    if not template:
        (root / "templates" / "reminder.docx").unlink()
    lines.append('[mail]\ntransport = "outbox"\nsender = "office@northwind.example"\n')
    lines.append("[reminders]\nmorning = false\n")
    (root / "config.toml").write_text("\n".join(lines), encoding="utf-8")
    return root / "config.toml"


def _parse(path: Path) -> EmailMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_one_overdue_invoice_gets_one_reminder_per_level_with_its_document(
        tmp_path: Path) -> None:
    config = load_config(_office(tmp_path))
    sent = [(day, row["level"]) for day in DAYS for row in run_reminders(config, day).payments]
    assert sent == [(D(2026, 11, 21), "before due"), (D(2026, 12, 1), "7 days"),
                    (D(2026, 12, 24), "30 days")]
    files = sorted((tmp_path / "output" / "outbox").glob("*.eml"))
    assert [path.name.split("-")[0:3] for path in files] == [
        ["reminder_INV", "1_30_days_C", "000001"], ["reminder_INV", "1_7_days_C", "000001"],
        ["reminder_INV", "1_before_due_C", "000001"]]
    mails = {str(_parse(path)["X-CRM-Office-Key"]): _parse(path) for path in files}
    assert set(mails) == {f"reminder:INV-1:{level}/C-000001"
                          for level in ("before due", "7 days", "30 days")}
    assert list(mails["reminder:INV-1:before due/C-000001"].iter_attachments()) == []
    numbers = []
    for level in ("7 days", "30 days"):
        [document] = list(mails[f"reminder:INV-1:{level}/C-000001"].iter_attachments())
        assert document.get_filename().endswith(".docx")
        data = document.get_payload(decode=True)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body = package.read("word/document.xml").decode("utf-8")
        assert "INV-1" in body
        numbers.append(document.get_filename().split(" ")[0])
    assert numbers == ["REM-2026-00001", "REM-2026-00002"]  # one document each time
    logged = read_frames(config)["contacts"]["summary"].tolist()
    assert [line for line in logged if str(line).startswith("Payment reminder (")] == [
        "Payment reminder (before due) for invoice INV-1",
        "Payment reminder (7 days) for invoice INV-1",
        "Payment reminder (30 days) for invoice INV-1"]


def test_without_the_template_the_reminder_goes_without_a_document(tmp_path: Path) -> None:
    config = load_config(_office(tmp_path, template=False))
    report = run_reminders(config, D(2026, 12, 1))
    assert [(row["level"], row["document"]) for row in report.payments] == [("7 days", "")]
    [path] = (tmp_path / "output" / "outbox").glob("*.eml")
    assert list(_parse(path).iter_attachments()) == []
    assert not (tmp_path / "output" / "documents").exists()


def test_contact_log_open_in_excel_the_reminder_goes_once_and_is_logged_later(
        tmp_path: Path) -> None:
    config = load_config(_office(tmp_path, template=False))
    lock = tmp_path / "workbooks" / "~$contacts.xlsx"
    lock.write_bytes(b"\x0bAnna Smith" + b" " * 40)
    first = run_reminders(config, D(2026, 12, 1))
    assert len(first.payments) == 1 and first.logged == 0
    assert any("contacts.xlsx" in why for why in first.waiting)
    again = run_reminders(config, D(2026, 12, 2))  # still open: not mailed twice
    assert again.payments == [] and again.logged == 0
    lock.unlink()
    later = run_reminders(config, D(2026, 12, 3))
    assert later.payments == [] and later.logged == 1 and later.waiting == []
    assert len(list((tmp_path / "output" / "outbox").glob("*.eml"))) == 1
    logged = read_frames(config)["contacts"]["summary"].tolist()
    assert logged.count("Payment reminder (7 days) for invoice INV-1") == 1
    assert run_reminders(config, D(2026, 12, 4)).logged == 0


def test_the_daily_limit_counts_reminders_too(tmp_path: Path) -> None:
    two = {**TABLES, "clients": [*TABLES["clients"], [
        "C-000002", "Brook Ltd", "active", "ap@brook.example", "Anna Smith"]],
        "invoices": [*TABLES["invoices"], ["INV-2", D(2026, 11, 10), "C-000002", 90,
                                           D(2026, 11, 24)]]}
    path = _office(tmp_path, template=False, tables=two)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'transport = "outbox"', 'transport = "outbox"\ndaily_limit = 1'), encoding="utf-8")
    config = load_config(path)
    first = run_reminders(config, D(2026, 12, 1))
    assert len(first.payments) == 1 and len(first.delivery.postponed) == 1
    assert run_reminders(config, D(2026, 12, 1)).payments == []  # the limit is spent
    assert len(list((tmp_path / "output" / "outbox").glob("*.eml"))) == 1
