"""What the office's-own-IDs, run-lock and clear-messages work added reads Russian too.

The office is the Russian demo office of :mod:`tests.test_russian_office`.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import openpyxl

from tests.test_russian_office import latin_prose, office, pristine, run

__all__ = ["office", "pristine"]  # fixtures used here


def edit_clients(office: Path, **cells: object) -> None:
    """Type values into the clients sheet: ``A5="C-000003"`` style keyword arguments."""
    path = office.parent / "workbooks" / "clients.xlsx"
    book = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        book["Клиенты"][cell] = value
    book.save(path)


def test_sync_notes_id_schemes_and_replaced_cells_read_russian(office: Path) -> None:
    run("--config", str(office), "sync")
    book = openpyxl.load_workbook(office.parent / "workbooks" / "clients.xlsx")
    duplicate = book["Клиенты"]["A4"].value
    edit_clients(office, V3=12345, A5=duplicate, A6="К-0001")
    result = run("--config", str(office), "sync", "--dry-run")
    assert "«Клиенты»: коды C-000001, C-000002, … (по умолчанию)" in result.output
    assert f"код «{duplicate}» уже есть в строке выше" in result.output
    assert "Введено в столбцы программы (будет заменено значениями программы):" in result.output
    assert "(Долг, C-000002): 12345 → 0" in result.output
    assert latin_prose(result.output) == []


def test_a_table_without_its_id_column_waits_in_russian(office: Path) -> None:
    run("--config", str(office), "sync")
    edit_clients(office, A1="Номер")
    result = run("--config", str(office), "sync")
    assert "Нет столбца кодов «Код клиента», поэтому таблица «Клиенты» не синхронизирована" \
        in result.output
    assert "а «Клиенты» в этот раз синхронизировать не удалось" in result.output
    assert latin_prose(result.output) == []
    data = json.loads(run("--config", str(office), "validate", "--no-marks", "--format",
                          "json").output)
    missing = [p for p in data["problems"] if p["code"] == "key-column-missing"]
    assert [p["fix"] for p in missing] == [
        "верните столбец «Код клиента» (или укажите его заголовок в [tables.clients.aliases])"]


def test_another_run_at_work_is_said_in_russian(office: Path) -> None:
    text = office.read_text(encoding="utf-8").replace("[office]\n",
                                                      "[office]\nlock_wait_seconds = 0\n", 1)
    office.write_text(text, encoding="utf-8")
    holder = {"host": socket.gethostname(), "pid": os.getppid(), "command": "sync",
              "started": "2026-11-30T09:14:00+00:00", "token": "other"}
    (office.parent / "crm-office.lock").write_text(json.dumps(holder), encoding="utf-8")
    result = run("--config", str(office), "sync")
    assert result.exit_code == 1
    assert f"другой запуск crm-office (sync, начат: 2026-11-30 09:14, процесс {os.getppid()}) " \
           "ещё работает" in result.output
    assert "дождитесь, пока он закончит" in result.output
    assert latin_prose(result.output) == []


def test_init_onto_a_file_says_so_in_russian(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("not a folder", encoding="utf-8")
    result = run("init", str(target), "--locale", "ru")
    assert result.exit_code == 2
    assert f"Ошибка: {target}: это файл, а не папка" in result.output
    assert "укажите имя новой или существующей папки" in result.output
    assert latin_prose(result.output.replace("my-office", "")) == []
