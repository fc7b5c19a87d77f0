"""The payment QR of an invoice: the office as payee, the purpose, the picture."""

from __future__ import annotations

from crm_office.config.model import Office
from crm_office.documents.context import Formats
from crm_office.documents.qr import Payee, payment_payload, qr_png
from crm_office.store.documents import DocumentRow


def invoice_qr(office: Office, row: DocumentRow, formats: Formats, locale: str) -> bytes | None:
    """The QR picture for paying ``row`` (None for a currency without a payment QR)."""
    payee = Payee(office.legal_name or office.name, office.bank_account, office.bank_name,
                  office.bank_code, office.correspondent_account, office.tax_id, office.kpp)
    payload = payment_payload(payee, row.amount, row.currency,
                              purpose_text(row, formats, locale))
    return qr_png(payload) if payload else None


def purpose_text(row: DocumentRow, formats: Formats, locale: str) -> str:
    """The payment purpose of an invoice's QR code."""
    vat = (f"в т.ч. НДС {formats.money(row.vat)}" if row.vat else "без НДС") if locale == "ru" \
        else (f"incl. VAT {formats.money(row.vat)}" if row.vat else "no VAT")
    head = (f"Оплата по счёту № {row.number} от {formats.date(row.issued)}" if locale == "ru"
            else f"Invoice {row.number} of {formats.date(row.issued)}")
    return f"{head}, {vat}"
