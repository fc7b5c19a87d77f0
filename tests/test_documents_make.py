"""Offers and invoices made for real deals, read back with python-docx and openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from crm_office.config import load_config
from crm_office.documents.make import Request, make_documents
from crm_office.documents.qr import Payee, gost_payload, qr_png
from crm_office.documents.words import amount_in_words
from crm_office.store import Store
from tests.documents_office import AWKWARD, build_documents_office, png_pixels

TODAY = dt.date(2026, 11, 22)
NBSP = "\xa0"
# D-000001: 40 × 95.00 less 5 % = 3,610.00 at 20 %; 3 × 12.50 = 37.50 at 10 %.
EXPECTED = {
    # (locale, VAT included): lines, subtotal, VAT, total as printed
    ("en", False): (["£3,610.00", "£37.50"], "£3,647.50", "£725.75", "£4,373.25",
                    "Four thousand three hundred and seventy-three pounds and 25 pence"),
    ("en", True): (["£3,610.00", "£37.50"], "£3,647.50", "£605.08", "£3,647.50",
                   "Three thousand six hundred and forty-seven pounds and 50 pence"),
    ("ru", False): ([f"3{NBSP}610,00{NBSP}₽", f"37,50{NBSP}₽"], f"3{NBSP}647,50{NBSP}₽",
                    f"725,75{NBSP}₽", f"4{NBSP}373,25{NBSP}₽",
                    "Четыре тысячи триста семьдесят три рубля 25 копеек"),
    ("ru", True): ([f"3{NBSP}610,00{NBSP}₽", f"37,50{NBSP}₽"], f"3{NBSP}647,50{NBSP}₽",
                   f"605,08{NBSP}₽", f"3{NBSP}647,50{NBSP}₽",
                   "Три тысячи шестьсот сорок семь рублей 50 копеек"),
}


def document_text(path: Path) -> str:
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("included", [False, True], ids=["net", "vat-included"])
@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("kind", ["offer", "invoice"])
def test_document_reads_back_with_every_line_and_total(tmp_path: Path, locale: str,
                                                       included: bool, kind: str) -> None:
    config = load_config(build_documents_office(tmp_path, locale, included=included))
    report = make_documents(config, [Request(kind, "D-000001")], today=TODAY, pdf=False)
    assert [item.status for item in report.documents] == ["made"], report.to_dict()
    made = report.documents[0]
    text = document_text(Path(made.file))
    lines, subtotal, vat, total, words = EXPECTED[(locale, included)]
    assert AWKWARD in text and "1 Main St <B>" in text
    assert ("Laura & Co" in text) == (kind == "offer")
    assert "Gala dinner" in text and "Printed guide" in text
    for expected in [*lines, subtotal, vat, total, words]:
        assert expected in text, expected
    assert words == amount_in_words(Decimal(total.strip("£₽").replace(NBSP, "")
                                            .replace(",", ".") if locale == "ru"
                                            else total.strip("£").replace(",", "")),
                                    config.office.currency, locale)
    assert "{{" not in text and "{%" not in text
    number = "INV-2026-00001" if kind == "invoice" else "OF-2026-00001"
    assert made.number == number and number in text
    assert Path(made.file) == (tmp_path / "output" / "documents" / "2026" / kind /
                               f"{number} Smith & Sons _Best_ _Ltd_.docx")


def test_register_contact_log_and_invoice_row(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    report = make_documents(config, [Request("invoice", "D-000001")], today=TODAY)
    assert report.ok, report.to_dict()
    assert {outcome.label for outcome in report.files if outcome.written} == {
        "deals.xlsx", "contacts.xlsx", "invoices.xlsx"}
    invoices = openpyxl.load_workbook(tmp_path / "workbooks" / "invoices.xlsx")["Data"]
    last = [cell.value for cell in invoices[invoices.max_row]]
    assert last[0] == "INV-2026-00001" and last[2:4] == ["C-000001", "D-000001"]
    assert Decimal(str(last[4])) == Decimal("4373.25")
    assert last[5].date() == TODAY + dt.timedelta(days=14)
    contacts = openpyxl.load_workbook(tmp_path / "workbooks" / "contacts.xlsx")["Data"]
    row = [cell.value for cell in contacts[contacts.max_row]]
    assert row[2:7] == ["C-000001", AWKWARD, "Anna Smith", "document",
                        "invoice INV-2026-00001 made, £4,373.25"]
    register = openpyxl.load_workbook(tmp_path / "workbooks" / "deals.xlsx")["Documents"]
    values = [[cell.value for cell in row] for row in register.iter_rows()]
    assert values[0][:3] == ["Number", "Kind", "Date"]
    assert values[1][0:2] == ["INV-2026-00001", "invoice"]
    assert values[1][9] == "made"


def test_same_deal_twice_says_which_exists_and_new_makes_another(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    again = make_documents(config, [Request("offer", "D-000001")], today=TODAY)
    assert [item.status for item in again.documents] == ["exists"]
    assert "OF-2026-00001" in again.documents[0].message
    assert again.files == []
    newer = make_documents(config, [Request("offer", "D-000001")], today=TODAY, new=True)
    assert [item.number for item in newer.documents] == ["OF-2026-00002"]


@pytest.mark.parametrize(("deal", "words"), [
    ("D-000999", "there is no deal D-000999"),
    ("D-000002", "deal D-000002 has no client"),
    ("D-000003", "product XX-404 of deal D-000003 is not in the price list"),
])
def test_bad_deals_get_a_clear_message_and_cost_no_number(tmp_path: Path, deal: str,
                                                          words: str) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    report = make_documents(config, [Request("invoice", deal)], today=TODAY)
    assert [item.status for item in report.documents] == ["failed"]
    assert words in report.documents[0].message
    assert not report.ok and report.files == []
    assert not (tmp_path / "output" / "documents").exists()
    with Store.open(config.paths.store, config.paths.root) as store:
        assert store.documents() == []


def test_planned_amount_is_one_line(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    report = make_documents(config, [Request("invoice", "D-000004")], today=TODAY)
    text = document_text(Path(report.documents[0].file))
    assert "Planned only" in text and "£1,200.00" in text  # 1,000.00 + 20 % VAT


def test_documents_makes_what_the_funnel_calls_for(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    report = make_documents(config, today=TODAY)
    made = sorted((item.kind, item.deal_id, item.status) for item in report.documents)
    assert made == [("invoice", "D-000004", "made"), ("offer", "D-000001", "made"),
                    ("offer", "D-000002", "failed"), ("offer", "D-000003", "failed")]
    again = make_documents(config, today=TODAY)
    assert {item.status for item in again.documents} == {"exists", "failed"}


def test_reminder_documents_only_when_asked(tmp_path: Path) -> None:
    """The payment reminder mails carry reminders; `documents` makes one only when asked."""
    config = load_config(build_documents_office(tmp_path, "en"))
    asked = make_documents(config, today=TODAY, kinds=["reminder"])
    assert [(item.kind, item.deal_id, item.status) for item in asked.documents] == [
        ("reminder", "C-000001", "made")]  # OLD-1 is overdue and unpaid
    offers = make_documents(config, today=TODAY, kinds=["offer"])
    assert {item.kind for item in offers.documents} == {"offer"}


def test_rub_invoice_carries_the_gost_payment_qr(tmp_path: Path) -> None:
    import numpy
    import zxingcpp

    config = load_config(build_documents_office(tmp_path, "ru"))
    report = make_documents(config, [Request("invoice", "D-000001")], today=TODAY)
    with zipfile.ZipFile(report.documents[0].file) as package:
        png = package.read("word/media/crm_payment_qr.png")
    expected = ("ST00012|Name=ООО «Северный ветер»|PersonalAcc=40702810900000000001|"
                "BankName=ПАО «Пример Банк»|BIC=044525225|CorrespAcc=30101810400000000225|"
                "PayeeINN=7707083893|KPP=770701001|Sum=437325|Purpose=Оплата по счёту № "
                f"INV-2026-00001 от 22.11.2026, в т.ч. НДС 725,75{NBSP}₽")
    pixels = numpy.array(png_pixels(png), dtype=numpy.uint8) * 255
    found = zxingcpp.read_barcodes(numpy.pad(pixels, 20, constant_values=255))
    assert [code.text for code in found] == [expected]
    payee = Payee("ООО «Северный ветер»", "40702810900000000001", "ПАО «Пример Банк»",
                  "044525225", "30101810400000000225", "7707083893", "770701001")
    assert png == qr_png(gost_payload(payee, Decimal("4373.25"), expected.split("Purpose=")[1]))


def test_gbp_invoice_has_no_qr(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    report = make_documents(config, [Request("invoice", "D-000001")], today=TODAY)
    with zipfile.ZipFile(report.documents[0].file) as package:
        assert not [name for name in package.namelist() if name.startswith("word/media/")]


def test_payment_reminder_lists_what_is_still_owed(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "ru"))
    report = make_documents(config, [Request("reminder", "C-000001")], today=TODAY)
    assert [item.status for item in report.documents] == ["made"], report.to_dict()
    text = document_text(Path(report.documents[0].file))
    assert "Напоминание об оплате № REM-2026-00001 от 22.11.2026" in text
    assert "Счёт OLD-1 (01.03.2025), срок оплаты 15.03.2025" in text
    assert f"Итого долг: 10,00{NBSP}₽ (Десять рублей 00 копеек)" in text
    again = make_documents(config, [Request("reminder", "C-000001")], today=TODAY)
    assert [item.status for item in again.documents] == ["exists"]
    nothing = make_documents(config, [Request("reminder", "C-000002")], today=TODAY)
    assert "client C-000002 has no overdue invoice" in nothing.documents[0].message
