"""Payment QR codes: the Russian unified payment QR (ГОСТ Р 56042-2014) and the EPC QR.

The payload is plain text built here; segno (a maintained QR library) draws it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

_GOST_FORBIDDEN = str.maketrans({"|": " ", "\n": " ", "\r": " "})


@dataclass(frozen=True)
class Payee:
    """Who is paid: the office's bank details."""

    name: str
    account: str
    bank_name: str
    bank_code: str
    correspondent_account: str = ""
    tax_id: str = ""
    kpp: str = ""


def gost_payload(payee: Payee, amount: Decimal, purpose: str) -> str:
    """``ST00012|Name=…|PersonalAcc=…|…|Sum=<kopecks>|Purpose=…`` (UTF-8 marker 2)."""
    fields = [("Name", payee.name), ("PersonalAcc", payee.account),
              ("BankName", payee.bank_name), ("BIC", payee.bank_code),
              ("CorrespAcc", payee.correspondent_account or "0")]
    if payee.tax_id:
        fields.append(("PayeeINN", payee.tax_id))
    if payee.kpp:
        fields.append(("KPP", payee.kpp))
    fields += [("Sum", str(int((amount * 100).to_integral_value()))), ("Purpose", purpose)]
    return "ST00012|" + "|".join(f"{key}={str(value).translate(_GOST_FORBIDDEN).strip()}"
                                 for key, value in fields)


def epc_payload(payee: Payee, amount: Decimal, purpose: str) -> str:
    """The EPC069-12 SEPA credit transfer QR ("GiroCode"), version 002, UTF-8."""
    lines = ["BCD", "002", "1", "SCT", payee.bank_code, payee.name[:70],
             payee.account.replace(" ", ""), f"EUR{amount:.2f}", "", "", purpose[:140]]
    return "\n".join(lines)


def payment_payload(payee: Payee, amount: Decimal, currency: str, purpose: str) -> str:
    """The payload for ``currency`` ("" when there is no payment QR for it)."""
    if currency == "RUB":
        return gost_payload(payee, amount, purpose)
    if currency == "EUR":
        return epc_payload(payee, amount, purpose)
    return ""


def qr_png(payload: str) -> bytes:
    """The QR code of ``payload`` as a PNG (error correction M, fixed mask: repeatable)."""
    import segno

    code = segno.make_qr(payload, error="m", mask=0, boost_error=False, encoding="utf-8")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()
