"""The cached QR layouts give segno's own matrix, for every size an invoice can need."""

from __future__ import annotations

import dataclasses

import pytest
import segno

from crm_office.documents import qr_matrix

PAYLOAD = ("ST00012|Name=ООО «Северный ветер»|PersonalAcc=40702810900000000001|BankName=ПАО "
           "«Пример Банк»|BIC=044525225|CorrespAcc=30101810400000000225|Sum=120050|Purpose=")


def _segno(payload: str) -> list[bytes]:
    code = segno.make_qr(payload, error="m", mask=0, boost_error=False, encoding="utf-8")
    return [bytes(row) for row in code.matrix]


def test_same_matrix_as_segno_for_many_sizes() -> None:
    versions = set()
    for length in range(1, 3 * len(PAYLOAD), 23):
        payload = (PAYLOAD * 3)[:length] + "№ INV-2026-00001"
        assert [bytes(row) for row in qr_matrix.qr_matrix(payload)] == _segno(payload)
        versions.add(len(_segno(payload)))
    assert len(versions) > 15  # many sizes, one and several error correction blocks
    assert qr_matrix._trusted


def test_a_wrong_layout_hands_every_code_to_segno(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = "BCD\n002\n1\nSCT\nCOBADEFFXXX\nNorthwind GmbH"
    version = (len(_segno(payload)) - 17) // 4
    layout = qr_matrix._layout(version)
    broken = dataclasses.replace(layout, base=bytes(len(layout.base)))
    monkeypatch.setattr(qr_matrix, "_LAYOUTS", {version: broken})
    monkeypatch.setattr(qr_matrix, "_checked", set())
    monkeypatch.setattr(qr_matrix, "_trusted", True)
    assert [bytes(row) for row in qr_matrix.qr_matrix(payload)] == _segno(payload)
    assert not qr_matrix._trusted
