"""Payment QR payloads built by hand, and a number that fails after it was taken."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import numpy
import openpyxl
import segno
import zxingcpp

from crm_office.config import load_config
from crm_office.documents.make import Request, make_documents
from crm_office.documents.qr import Payee, epc_payload, gost_payload, payment_payload, qr_png
from crm_office.store import Store
from tests.documents_office import build_documents_office

PAYEE = Payee("Northwind GmbH", "DE89 3704 0044 0532 0130 00", "Example Bank", "COBADEFFXXX")


def test_epc_payload_for_euros() -> None:
    payload = payment_payload(PAYEE, Decimal("1200.5"), "EUR", "Invoice INV-2026-00001")
    assert payload == ("BCD\n002\n1\nSCT\nCOBADEFFXXX\nNorthwind GmbH\nDE89370400440532013000\n"
                       "EUR1200.50\n\n\nInvoice INV-2026-00001")
    assert epc_payload(PAYEE, Decimal("1"), "x").splitlines()[7] == "EUR1.00"


def test_gost_payload_keeps_fields_apart_and_counts_kopecks() -> None:
    payee = Payee("ООО «Вектор|Плюс»", "40702810900000000001", "Банк", "044525225")
    payload = gost_payload(payee, Decimal("0.05"), "Оплата\nпо счёту")
    assert payload == ("ST00012|Name=ООО «Вектор Плюс»|PersonalAcc=40702810900000000001|"
                       "BankName=Банк|BIC=044525225|CorrespAcc=0|Sum=5|Purpose=Оплата по счёту")


def test_no_qr_for_other_currencies() -> None:
    assert payment_payload(PAYEE, Decimal(1), "GBP", "x") == ""


def test_payload_decodes_with_a_real_decoder() -> None:
    payload = gost_payload(PAYEE, Decimal("12400.00"), "Счёт № КП-2026/014")
    code = segno.make_qr(payload, error="m", mask=0, boost_error=False, encoding="utf-8")
    image = numpy.array([[255 if not bit else 0 for bit in row]
                         for row in code.matrix_iter(scale=4, border=4)], dtype=numpy.uint8)
    assert [found.text for found in zxingcpp.read_barcodes(image)] == [payload]


def test_our_png_decodes_and_has_segnos_pixels() -> None:
    from PIL import Image

    russian = Payee("ООО «Северный ветер»", "40702810900000000001", "ПАО «Пример Банк»",
                    "044525225", "30101810400000000225", "7707083893", "770701001")
    for payload in (gost_payload(russian, Decimal("1200.50"), "Оплата по счёту № 1 от 22.11.2026"),
                    epc_payload(PAYEE, Decimal("12400"), "Invoice INV-2026-00001"), "x"):
        ours = Image.open(io.BytesIO(qr_png(payload)))
        assert [found.text for found in zxingcpp.read_barcodes(ours.convert("L"))] == [payload]
        code = segno.make_qr(payload, error="m", mask=0, boost_error=False, encoding="utf-8")
        buffer = io.BytesIO()
        code.save(buffer, kind="png", scale=4, border=2)
        assert numpy.array_equal(numpy.array(ours.convert("L")),
                                 numpy.array(Image.open(buffer).convert("L")))


def test_write_failure_after_the_number_makes_it_void_and_listed(tmp_path: Path) -> None:
    config = load_config(build_documents_office(tmp_path, "en"))
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "documents").write_text("a file where the folder should be")
    report = make_documents(config, [Request("offer", "D-000001")], today=dt.date(2026, 1, 5))
    assert [item.status for item in report.documents] == ["void"]
    assert "OF-2026-00001 is void" in report.documents[0].message
    with Store.open(config.paths.store, config.paths.root) as store:
        rows = store.documents()
    assert [(row.number, row.status) for row in rows] == [("OF-2026-00001", "void")]
    assert rows[0].reason
    assert not report.ok
    register = openpyxl.load_workbook(tmp_path / "workbooks" / "deals.xlsx")["Documents"]
    assert [cell.value for cell in register[2]][:2] == ["OF-2026-00001", "offer"]
    assert register.cell(2, 10).value == "void"
