"""Payment QR codes: the Russian unified payment QR (ГОСТ Р 56042-2014) and the EPC QR.

The payload is plain text built here; segno (a maintained QR library) draws it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

_GOST_FORBIDDEN = str.maketrans({"|": " ", "\n": " ", "\r": " "})
_SCALE = 4
_HEX = bytes.maketrans(b"\0\1", b"f0")  # light module: four white pixels; dark: black


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
    from crm_office.documents.qr_matrix import qr_matrix

    return png_of(qr_matrix(payload))


def png_of(matrix: Sequence[bytes | bytearray], border: int = 2) -> bytes:
    """A black-and-white PNG of a QR matrix (1 = dark), four pixels a module.

    segno's own PNG writer takes longer than making the code (3 ms for an invoice's
    payload); here each module is half a byte of a 1-bit greyscale row, made in C:
    a module becomes the hex digit ``0`` (dark) or ``f`` (light), two digits a byte.
    """
    margin = bytes(border)
    size = len(matrix) + 2 * border
    blank = b"\0" + bytes.fromhex("f" * (size + size % 2))
    lines = [blank] * (border * _SCALE)
    for row in matrix:
        digits = (margin + bytes(row) + margin + b"\0" * (size % 2)).translate(_HEX)
        lines += [b"\0" + bytes.fromhex(digits.decode("ascii"))] * _SCALE
    lines += [blank] * (border * _SCALE)
    pixels = size * _SCALE
    header = struct.pack(">2I5B", pixels, pixels, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(lines), 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data))
