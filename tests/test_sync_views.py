"""Per-manager views: the right rows, read back by the project's reader, written when needed."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fixtures_writeback import libreoffice_csv, libreoffice_resave, soffice
from hypothesis import given
from hypothesis import strategies as st

from crm_office.config.model import Source, TableConfig
from crm_office.model import BUILTIN_TABLES
from crm_office.sync.view_layout import TASK_COLUMNS, _number_tail, _tail, text_tail
from crm_office.sync.views import (
    VIEW_SHEETS,
    ViewResult,
    view_path,
    view_sheet_name,
    write_manager_views,
)
from crm_office.workbook import TableRead, read_table
from crm_office.writeback import FileStamp, OfficeWriter

TODAY = date(2026, 11, 16)
OPEN = ("lead", "offer", "negotiation")
Rows = list[dict[str, object]]
Tables = dict[str, Rows]

WORDS = {
    "en": {"active": "active", "lead": "lead", "medium": "medium", "referral": "referral",
           "call": "call", "meeting": "meeting", "price": "price"},
    "ru": {"active": "активный", "lead": "лид", "medium": "средний", "referral": "рекомендация",
           "call": "звонок", "meeting": "встреча", "price": "цена"},
}


def client(client_id: str, manager: str | None, locale: str = "en", **values: object) -> dict[
        str, object]:
    """A client with every column filled, the way typed rows come from the store."""
    words = WORDS[locale]
    row: dict[str, object] = {
        "id": client_id, "name": f"Client {client_id}", "legal_name": f"{client_id} Ltd",
        "tax_id": "7701234567", "contact_person": "Ivan Ivanov", "phone": "+7 916 123-45-67",
        "email": "info@example.com", "address": "1 Main St", "region": "North",
        "industry": "Travel", "segment": words["medium"], "source": words["referral"],
        "event": "exhibition 2026", "manager": manager, "status": words["active"],
        "consent": True, "created": date(2025, 3, 12), "last_contact": date(2026, 10, 1),
        "next_contact": None, "open_deals": 2, "revenue": Decimal("1234.50"),
        "debt": Decimal("0"), "abc_class": "A",
    }
    row.update(values)
    return row


def deal(deal_id: str, manager: str | None, stage: str, locale: str = "en",
         **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": deal_id, "title": f"Deal {deal_id}", "client_id": "C-000001", "manager": manager,
        "stage": stage, "created": date(2026, 9, 1), "amount": Decimal("15000.75"),
        "expected_close": date(2026, 12, 20), "closed": None,
        "refusal_reason": WORDS[locale]["price"], "lost_at_stage": None,
        "product_group": "Tours", "campaign_id": None, "paid": Decimal("100"),
        "days_in_stage": 12,
    }
    row.update(values)
    return row


def contact(contact_id: str, manager: str | None, next_date: date | None, locale: str = "en",
            **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": contact_id, "date": date(2026, 11, 1), "client_id": "C-000001",
        "client": "Acme", "manager": manager, "type": WORDS[locale]["call"],
        "summary": "asked for a price", "result": "interested", "next_action": "send offer",
        "next_date": next_date,
    }
    row.update(values)
    return row


def office(locale: str = "en") -> Tables:
    """Two managers, rows that belong and rows that must stay out of their views."""
    words = WORDS[locale]
    return {
        "clients": [
            client("C-000010", "Anna Petrova", locale),
            client("C-000002", "Boris", locale, status=words["lead"], consent=False),
            client("C-000009", "Anna Petrova", locale, email=None, revenue=None),
            client("C-000001", "anna  petrova ", locale),  # same manager, typed loosely
            client("C-000003", None, locale),
            client("C-000004", "Clara", locale),
        ],
        "deals": [
            deal("D-000005", "Anna Petrova", "Negotiation ", locale),
            deal("D-000001", "Anna Petrova", "offer", locale),
            deal("D-000002", "Anna Petrova", "won", locale),
            deal("D-000003", "Anna Petrova", "lost", locale),
            deal("D-000004", "Boris", "lead", locale),
            deal("D-000006", "Anna Petrova", None, locale),  # type: ignore[arg-type]
        ],
        "contacts": [
            contact("L-000001", "Anna Petrova", date(2026, 11, 20), locale),
            contact("L-000002", "Anna Petrova", TODAY, locale),
            contact("L-000003", "Anna Petrova", date(2026, 11, 15), locale),  # yesterday
            contact("L-000004", "Anna Petrova", None, locale),
            contact("L-000005", "Anna Petrova", TODAY, locale, type=words["meeting"]),
            contact("L-000006", "Boris", date(2027, 1, 1), locale),
        ],
    }


def write(folder: Path, tables: Mapping[str, Sequence[Mapping[str, object]]],
          managers: Sequence[str] = ("Anna Petrova", "Boris"),
          locale: str = "en") -> list[ViewResult]:
    """Write the views as a sync does, the existing files stamped as just read."""
    stamps = {path: FileStamp.of(path) for path in folder.glob("*.xlsx")}
    return write_manager_views(folder, managers, tables, locale=locale, today=TODAY,
                               open_stages=OPEN,
                               writer=OfficeWriter(folder.with_name(f"{folder.name}-backups")),
                               stamps=stamps)


def read_view(path: Path, table: str, locale: str) -> TableRead:
    source = Source(path=path, file="", sheet=view_sheet_name(table, locale),
                    key_path=f"tables.{table}.sources")
    return read_table(TableConfig(table=BUILTIN_TABLES[table], sources=(source,)), locale)


def ids(read: TableRead) -> list[str]:
    return list(read.parts[0].columns["id"])


def stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- which rows ---------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_each_view_holds_exactly_the_managers_rows(tmp_path: Path, locale: str) -> None:
    results = write(tmp_path / "managers", office(locale), locale=locale)
    anna, boris = (result.path for result in results)
    assert anna == tmp_path / "managers" / "Anna Petrova.xlsx"
    assert [(r.manager, r.written, r.skipped, r.rows) for r in results] == [
        ("Anna Petrova", True, "", {"clients": 3, "deals": 2, "contacts": 3}),
        ("Boris", True, "", {"clients": 1, "deals": 1, "contacts": 1}),
    ]
    assert ids(read_view(anna, "clients", locale)) == ["C-000001", "C-000009", "C-000010"]
    assert ids(read_view(anna, "deals", locale)) == ["D-000001", "D-000005"]
    # by next step date, then ID; yesterday's and undated steps are not open tasks
    assert ids(read_view(anna, "contacts", locale)) == ["L-000002", "L-000005", "L-000001"]
    assert ids(read_view(boris, "clients", locale)) == ["C-000002"]
    assert ids(read_view(boris, "deals", locale)) == ["D-000004"]
    assert ids(read_view(boris, "contacts", locale)) == ["L-000006"]


def test_ids_sort_by_number_not_text(tmp_path: Path) -> None:
    clients = [client(client_id, "Anna") for client_id in
               ("C-1000000", "C-999999", "C-000002", "C-000010")]
    [result] = write(tmp_path, {"clients": clients}, ["Anna"])
    assert ids(read_view(result.path, "clients", "en")) == [
        "C-000002", "C-000010", "C-999999", "C-1000000"]
    assert result.rows == {"clients": 4, "deals": 0, "contacts": 0}


def test_sheets_and_headers_are_the_models(tmp_path: Path) -> None:
    [result] = write(tmp_path, office("ru"), ["Anna Petrova"], locale="ru")
    book = openpyxl.load_workbook(result.path)
    assert book.sheetnames == ["Клиенты", "Сделки", "Открытые задачи"]
    for key in VIEW_SHEETS:
        sheet = book[view_sheet_name(key, "ru")]
        table = BUILTIN_TABLES[key]
        keys = TASK_COLUMNS if key == "contacts" else [c.key for c in table.columns]
        headers = [cell.value for cell in sheet[1]]
        assert headers == [table.column(k).header("ru") for k in keys]
        assert headers[0] == table.column("id").header("ru")
        read = read_view(result.path, key, "ru")
        assert list(read.parts[0].fields) == list(keys)
        assert read.problems.items == []


# --- values come back ---------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_values_read_back_equal_the_input(tmp_path: Path, locale: str) -> None:
    tables = office(locale)
    [result] = write(tmp_path, tables, ["Anna Petrova"], locale=locale)
    for key, keep in (("clients", {"C-000001", "C-000009", "C-000010"}),
                      ("deals", {"D-000001", "D-000005"}),
                      ("contacts", {"L-000001", "L-000002", "L-000005"})):
        read = read_view(result.path, key, locale)
        assert read.problems.items == []
        got = {row["id"]: row for row in read.parts[0].records()}
        columns = read.parts[0].columns.keys()
        want = {row["id"]: {k: row.get(k) for k in columns}
                for row in tables[key] if row["id"] in keep}
        assert got == want


def test_awkward_values_come_back_as_typed(tmp_path: Path) -> None:
    awkward = {
        "name": "=HYPERLINK(\"http://x\")", "legal_name": "  spaces around  ",
        "address": "a & b <c> \"d\"\nsecond line\r\nthird", "contact_person": "_x0041_ literal",
        "region": "bell\x07char", "industry": "Ёлки-палки 🎄", "status": "vip",
        "segment": "unknown segment", "tax_id": "007701", "phone": "",
        "revenue": Decimal("-0.01"), "debt": Decimal("12345678.9"), "open_deals": 0,
        "consent": False, "created": date(1900, 3, 1),
    }
    tables = {"clients": [{**client("C-000001", "Anna"), **awkward}]}
    [result] = write(tmp_path, tables, ["Anna"])
    [row] = read_view(result.path, "clients", "en").parts[0].records()
    assert {key: row[key] for key in awkward} == {**awkward, "phone": None}


def test_a_value_of_the_wrong_type_is_kept_as_text(tmp_path: Path) -> None:
    tables = {"clients": [client("C-000001", "Anna", created="soon", consent="maybe",
                                 revenue="n/a")]}
    [result] = write(tmp_path, tables, ["Anna"])
    book = openpyxl.load_workbook(result.path)
    sheet = book["Clients"]
    header = [cell.value for cell in sheet[1]]
    row = {name: cell.value for name, cell in zip(header, sheet[2], strict=True)}
    assert (row["Created"], row["Mailing consent"], row["Revenue"]) == ("soon", "maybe", "n/a")


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_plain_text_shortcut_writes_what_cell_xml_writes(text: str) -> None:
    assert text_tail(text) == _tail(text, 0)


@given(st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
                 st.decimals(allow_nan=False, allow_infinity=False, places=2)),
       st.sampled_from([0, 2]))
def test_number_shortcut_writes_what_cell_xml_writes(number: object, style: int) -> None:
    assert _number_tail(style)(number) == _tail(number, style)


def test_styled_like_the_demo(tmp_path: Path) -> None:
    [result] = write(tmp_path, office("ru"), ["Anna Petrova"], locale="ru")
    sheet = openpyxl.load_workbook(result.path)["Клиенты"]
    header = {cell.value: cell for cell in sheet[1]}
    data = {name: sheet.cell(2, cell.column) for name, cell in header.items()}
    assert sheet.freeze_panes == "A2"
    with zipfile.ZipFile(result.path) as package:
        assert b'<dimension ref="A1:W4"/>' in package.read("xl/worksheets/sheet1.xml")
    assert sheet.auto_filter.ref == "A1:W4"
    assert all(cell.font.bold for cell in header.values())
    assert data["Дата создания"].number_format == "dd.mm.yyyy"
    assert data["Выручка"].number_format == "#,##0.00"
    assert data["Согласие на рассылку"].value == "да"
    assert sheet.column_dimensions["B"].width == pytest.approx(32.71, abs=0.01)
    lists = {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}
    assert lists["O2:O1004"] == '"лид,потенциальный,активный,неактивный"'
    deals = openpyxl.load_workbook(result.path)["Сделки"]
    stage = next(cell.column_letter for cell in deals[1] if cell.value == "Этап")
    ranges = [str(rule.sqref) for rule in deals.data_validations.dataValidation]
    assert ranges and not any(ref.startswith(f"{stage}2:") for ref in ranges)


def test_same_rows_same_bytes(tmp_path: Path) -> None:
    first = write(tmp_path / "one", office())
    second = write(tmp_path / "two", office())
    assert [r.path.read_bytes() for r in first] == [r.path.read_bytes() for r in second]


# --- written only when needed -------------------------------------------------------------


def test_second_run_touches_nothing(tmp_path: Path) -> None:
    first = write(tmp_path, office())
    before = [stamp(result.path) for result in first]
    second = write(tmp_path, office())
    assert [(r.written, r.skipped) for r in second] == [(False, ""), (False, "")]
    assert [stamp(result.path) for result in second] == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Anna Petrova.xlsx", "Boris.xlsx"]


def test_a_changed_row_rewrites_only_that_managers_view(tmp_path: Path) -> None:
    tables = office()
    anna, boris = (result.path for result in write(tmp_path, tables))
    boris_before = stamp(boris)
    tables["clients"][0] = {**tables["clients"][0], "phone": "+7 900 000-00-00"}
    results = write(tmp_path, tables)
    assert [r.written for r in results] == [True, False]
    assert stamp(boris) == boris_before
    phones = read_view(anna, "clients", "en").parts[0].columns["phone"]
    assert "+7 900 000-00-00" in phones


def excel_owner_file(name: str) -> bytes:
    data = bytearray(165)
    data[0] = len(name)
    data[1:1 + len(name)] = name.encode("cp1252")
    data[55:57] = len(name).to_bytes(2, "little")
    data[57:57 + 2 * len(name)] = name.encode("utf-16-le")
    return bytes(data)


@pytest.mark.parametrize(("lock_name", "content"), [
    ("~$Anna Petrova.xlsx", excel_owner_file("Anna Petrova")),
    (".~lock.Anna Petrova.xlsx#", b"Anna Petrova,anna,laptop,16.11.2026 09:00,file:///;"),
])
def test_an_open_view_is_skipped_naming_who_has_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, lock_name: str, content: bytes) -> None:
    tables = office()
    anna = write(tmp_path, tables)[0].path
    before = stamp(anna)
    (tmp_path / lock_name).write_bytes(content)
    tables["clients"][0] = {**tables["clients"][0], "phone": "+7 900 000-00-00"}
    with caplog.at_level(logging.WARNING, logger="crm_office.sync.views"):
        results = write(tmp_path, tables)
    assert results[0].written is False
    assert "open by Anna Petrova" in results[0].skipped
    assert lock_name in results[0].skipped
    assert stamp(anna) == before
    assert "Anna Petrova" in caplog.text
    (tmp_path / lock_name).unlink()
    assert write(tmp_path, tables)[0].written is True


def test_lock_message_in_russian(tmp_path: Path) -> None:
    (tmp_path / ".~lock.Boris.xlsx#").write_bytes(b",boris,pc,date,url;")
    [result] = write(tmp_path, office("ru"), ["Boris"], locale="ru")
    assert result.skipped.startswith("Boris.xlsx открыт у пользователя boris")
    assert not result.path.exists()


def test_views_of_managers_no_longer_listed_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "workbooks" / "managers"
    write(folder, office(), ["Clara", "Boris"])
    clara = stamp(folder / "Clara.xlsx")
    results = write(folder, office(), ["Boris"])
    assert [r.manager for r in results] == ["Boris"]
    assert stamp(folder / "Clara.xlsx") == clara


def test_the_folder_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "managers"
    [result] = write(folder, office(), ["Boris"])
    assert result.path.parent == folder and result.path.is_file()


# --- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(("manager", "name"), [
    ("Anna Petrova", "Anna Petrova.xlsx"),
    ("Анна Петрова-Водкина", "Анна Петрова-Водкина.xlsx"),
    ("J. R. R. Tolkien", "J. R. R. Tolkien.xlsx"),
    ("../../etc/passwd", "_.._etc_passwd.xlsx"),
    ("..\\..\\Windows\\win.ini", "_.._Windows_win.ini.xlsx"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.xlsx"),
    ("tab\there\nnew\x00nul", "tab_here_new_nul.xlsx"),
    ("  ..Anna..  ", "Anna.xlsx"),
    ("CON", "_CON.xlsx"),
    ("nul.txt", "_nul.txt.xlsx"),
    ("COM1", "_COM1.xlsx"),
    ("~$Anna", "__Anna.xlsx"),
    ("", "manager.xlsx"),
    ("...", "manager.xlsx"),
    ("x" * 300, "x" * 100 + ".xlsx"),
])
def test_view_path_is_a_safe_name_in_the_folder(tmp_path: Path, manager: str, name: str) -> None:
    path = view_path(tmp_path, manager)
    assert path.name == name
    assert path.parent == tmp_path


@given(st.text())
def test_view_path_never_leaves_the_folder(manager: str) -> None:
    folder = Path("/office/workbooks/managers")
    path = view_path(folder, manager)
    stem = path.name.removesuffix(".xlsx")
    assert path.parent == folder
    assert 0 < len(stem) <= 100
    assert stem == stem.strip(". ")
    assert not set(stem) & set('/\\:*?"<>|')
    assert all(char.isprintable() for char in stem)


def test_unsafe_names_are_written_inside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "managers"
    managers = ["../../etc/passwd", "a/b", "CON"]
    tables = {"clients": [client(f"C-00000{n}", name) for n, name in enumerate(managers, 1)]}
    results = write(folder, tables, managers)
    assert all(r.written and r.path.parent == folder for r in results)
    assert sorted(p.name for p in folder.iterdir()) == ["_.._etc_passwd.xlsx", "_CON.xlsx",
                                                          "a_b.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["managers"]
    assert ids(read_view(results[1].path, "clients", "en")) == ["C-000002"]


def test_names_that_share_a_file_do_not_overwrite_each_other(tmp_path: Path) -> None:
    tables = {"clients": [client("C-000001", "a/b"), client("C-000002", "a_b")]}
    results = write(tmp_path, tables, ["a/b", "a_b", "a/b", "  "])
    assert [(r.manager, r.written) for r in results] == [("a/b", True), ("a_b", False),
                                                         ("  ", False)]
    assert results[1].skipped == "a_b.xlsx is already the view of manager 'a/b'; give one of " \
                                 "them a different name"
    assert results[2].skipped == "the manager has no name; no view was written"
    assert ids(read_view(results[0].path, "clients", "en")) == ["C-000001"]
    # a second run is quiet too: nothing flips between the two names
    assert [r.written for r in write(tmp_path, tables, ["a/b", "a_b"])] == [False, False]



@pytest.mark.libreoffice
def test_libreoffice_opens_a_view_and_saves_it_back_unchanged(tmp_path: Path) -> None:
    """The manager's own office suite: what it saves reads back as what the view held."""
    if soffice() is None:
        pytest.fail("LibreOffice (soffice) is required; scripts/test.sh installs it")
    tables = office("ru")
    tables["clients"][0].update({"address": "a & b <c>\nline 2", "region": " edge ",
                                 "status": "vip", "contact_person": "_x0041_"})
    [result] = write(tmp_path / "views", tables, ["Anna Petrova"], locale="ru")
    saved = libreoffice_resave(result.path, tmp_path / "saved", tmp_path / "profile")
    for key in VIEW_SHEETS:
        ours = list(read_view(result.path, key, "ru").parts[0].records())
        theirs = read_view(saved, key, "ru")
        assert theirs.problems.items == []
        assert list(theirs.parts[0].records()) == ours
    csv_rows = libreoffice_csv(result.path, tmp_path / "csv", tmp_path / "profile")["Клиенты"]
    assert csv_rows[0] == [column.header("ru") for column in BUILTIN_TABLES["clients"].columns]
    assert [row[0] for row in csv_rows[1:]] == ["C-000001", "C-000009", "C-000010"]
