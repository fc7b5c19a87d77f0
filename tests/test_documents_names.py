"""Document file names stay inside the output folder and are valid on Windows and Linux."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_office.documents.names import document_path, safe_name

BAD = ["../../etc/x", "CON", "con.txt", "a:b*?", "x" * 300, "Смит 😀 & Co", "..", " . ",
       "a/b\\c", "LPT1", "tab\there", "nul\x00byte", "trailing dot."]


@pytest.mark.parametrize("client", BAD)
def test_document_file_stays_in_its_folder_and_is_writable(tmp_path: Path, client: str) -> None:
    path = document_path(tmp_path, 2026, "invoice", "INV-2026/00001", client)
    assert tmp_path.resolve() in path.resolve().parents
    assert path.parent == tmp_path / "2026" / "invoice"
    name = path.name
    assert len(name) <= 130
    assert not set('<>:"/\\|?*') & set(name)
    assert name.split(".")[0].split(" ")[0].upper() not in {"CON", "LPT1", "NUL"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    assert path.read_bytes() == b"x"


def test_readable_names_are_kept() -> None:
    assert safe_name("ООО «Вектор»") == "ООО «Вектор»"
    assert safe_name("CON") == "_CON"
    assert safe_name("a:b*?") == "a_b__"
    assert safe_name("😀") == "😀"
    assert safe_name("") == "document"
