"""A Russian office reads Russian: every command's output, the engine's sheets and notes.

The office is the one `crm-office init --locale ru` makes, with a few mistakes typed
into its clients workbook (saved again by openpyxl, not by the engine), so that every
kind of output line appears: problems, fixes, "did you mean", marks, sync tables, history.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli
from crm_office.demo.office import create_office
from crm_office.messages import CATALOGUE
from crm_office.model import BUILTIN_TABLES

CODES = {*CATALOGUE, *BUILTIN_TABLES,
         *(column.key for table in BUILTIN_TABLES.values() for column in table.columns)}
ALLOWED = {"crm-office", "cd", *cli.commands, "ID", "json", "format", "all", "config", "toml",
           "xlsx", "ABC", "ZIP", "RU", "Excel", "xls"}
"""Latin words that are names, not prose: the program and its commands, options, file
parts, ISO codes."""


def latin_prose(text: str) -> list[str]:
    """Latin-alphabet words that are neither codes, IDs, file names, paths nor e-mails."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9_\-.@/\[\]]*", text)
    return [word for word in words
            if not re.search(r"[\d@./\[\]_]", word) and not re.fullmatch("[A-Z]", word)
            and word not in CODES | ALLOWED
            and word.strip("-") not in CODES | ALLOWED]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "400"})


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ru") / "office"
    create_office(root, "ru")
    book_path = root / "workbooks" / "clients.xlsx"
    book = openpyxl.load_workbook(book_path)
    sheet = book["Клиенты"]
    column = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(1, column["Менеджер"]).value = "Ответственный менеджер"
    sheet.cell(3, column["Эл. почта"]).value = "ivanov.mail.ru"
    sheet.cell(4, column["Телефон"]).value = "12"
    sheet.cell(5, column["Дата создания"]).value = "31.02.2024"
    sheet.cell(6, column["Клиент"]).value = sheet.cell(2, column["Клиент"]).value
    sheet.cell(7, column["Сегмент"]).value = "Крупнй"
    sheet.cell(8, column["Эл. почта"]).value = " Info@Vector.ru "
    book.save(book_path)
    return root


@pytest.fixture
def office(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the office for each test; returns its config.toml."""
    shutil.copytree(pristine, tmp_path / "office")
    return tmp_path / "office" / "config.toml"


def test_check_speaks_russian(office: Path) -> None:
    result = run("--config", str(office), "check")
    assert "Офис: Северный ветер" in result.output
    assert "Ответственный менеджер" in result.output and "Таблица" in result.output
    assert latin_prose(result.output) == []


def test_validate_speaks_russian_in_output_notes_and_issues_sheet(office: Path) -> None:
    result = run("--config", str(office), "validate")
    assert result.exit_code == 1
    assert "возможно, это поле manager («Менеджер»)" in result.output
    assert "[tables.clients.aliases] manager" in result.output
    assert latin_prose(result.output) == []
    book = openpyxl.load_workbook(office.parent / "workbooks" / "clients.xlsx")
    assert "Проблемы" in book.sheetnames and "Issues" not in book.sheetnames
    issues = [[cell.value for cell in row] for row in book["Проблемы"].iter_rows()]
    assert issues[0] == ["Важность", "Лист", "Ячейка", "Столбец", "Значение", "Проблема",
                         "Как исправить", "Правило"]
    texts = " ".join(str(value) for row in issues[1:] for value in row[:2] + row[3:7]
                     if value is not None and "@" not in str(value))
    assert latin_prose(texts) == []
    note = book["Клиенты"]["G3"].comment.text
    assert note.startswith("ошибка: «ivanov.mail.ru»") and latin_prose(note) == []


def test_validate_fix_dry_run_speaks_russian(office: Path) -> None:
    result = run("--config", str(office), "validate", "--fix", "--dry-run")
    assert "Безопасные исправления (пробный прогон: не применены)" in result.output
    assert "Пробный прогон: ни одна книга не изменена." in result.output
    assert latin_prose(result.output) == []


def test_sync_history_and_restore_speak_russian(office: Path) -> None:
    synced = run("--config", str(office), "sync")
    assert "Синхронизация" in synced.output and "Клиенты" in synced.output
    assert latin_prose(synced.output) == []
    again = run("--config", str(office), "sync")
    assert latin_prose(again.output) == []
    history = run("--config", str(office), "history", "C-000001")
    assert history.exit_code == 0
    assert "C-000001 в таблице «Клиенты»" in history.output
    assert latin_prose(history.output) == []
    restored = CliRunner().invoke(cli, ["--config", str(office), "restore", "C-000001"])
    assert restored.exit_code == 1
    assert "C-000001 не в архиве; возвращать нечего" in restored.stderr
    missing = CliRunner().invoke(cli, ["--config", str(office), "history", "C-999999"])
    assert "Ошибка: в хранилище нет записи «C-999999»" in missing.stderr
    assert "подсказка: сначала выполните `crm-office sync`" in missing.stderr
    assert latin_prose(missing.stderr) == []


def test_init_speaks_russian(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "новый офис"), "--locale", "ru")
    assert "Демо-офис создан" in result.output and "История контактов" in result.output
    assert latin_prose(result.output) == []


def test_lang_overrides_the_office_locale_before_or_after_the_command(office: Path) -> None:
    before = run("--lang", "en", "--config", str(office), "check")
    after = run("check", "--config", str(office), "--lang", "en")
    assert "Office: Северный ветер" in before.output
    assert before.output == after.output
    english_office = office.parent / "english"
    create_office(english_office, "en")
    russian = run("check", "--config", str(english_office / "config.toml"), "--lang", "ru")
    assert "Офис:" in russian.output and "Office:" not in russian.output


def test_json_keeps_codes_whatever_the_language(office: Path) -> None:
    result = run("--config", str(office), "check", "--format", "json")
    data = json.loads(result.output)
    assert {problem["code"] for problem in data["problems"]} >= {"column-unknown"}
    unknown = next(p for p in data["problems"] if p["code"] == "column-unknown")
    assert unknown["message"].startswith("Столбец «Ответственный менеджер»")


@pytest.mark.parametrize(("text", "expected"), [
    ("(Клиенты row 6)", ["row"]),
    ("A: Код клиента → id, B: Клиент → name", []),
    ("это не ZIP-архив", []),
    ("it is not a zip package", ["it", "is", "not", "a", "zip", "package"]),
    ("C-000001, clients.xlsx, info@vector.ru, column-missing, --all", []),
])
def test_the_latin_prose_detector_itself(text: str, expected: list[str]) -> None:
    assert latin_prose(text) == expected


def test_a_workbook_open_elsewhere_is_skipped_with_a_russian_reason(office: Path) -> None:
    books = office.parent / "workbooks"
    (books / ".~lock.clients.xlsx#").write_text(",Анна Смирнова,pc,01.12.2026 09:14,file:///;",
                                                encoding="utf-8")
    result = run("--config", str(office), "validate")
    assert "clients.xlsx: не записана" in result.output
    assert "открыта у пользователя Анна Смирнова" in result.output
    assert "удалите файл блокировки" in result.output
    assert latin_prose(result.output) == []


def test_sync_skips_a_workbook_open_elsewhere_in_russian(office: Path) -> None:
    books = office.parent / "workbooks"
    (books / ".~lock.clients.xlsx#").write_text(",Анна Смирнова,pc,01.12.2026 09:14,file:///;",
                                                encoding="utf-8")
    result = run("--config", str(office), "sync")
    assert result.exit_code == 1
    assert "clients.xlsx: не записана" in result.output
    assert "открыта у пользователя Анна Смирнова" in result.output
    assert latin_prose(result.output) == []


def ours(output: str) -> str:
    """The output without the English names of the test office and of an accepted header."""
    return output.replace("Test Office", "").replace("Clients", "").replace("Status,", "")


RUSSIAN_ROWS = [["Код клиента", "Клиент", "Статус"], ["C-000001", "ООО «Вектор»", "активный"]]


@pytest.mark.parametrize(("damage", "code"), [
    (lambda path: path.write_bytes(b""), "file-empty"),
    (lambda path: path.write_text("просто текст", encoding="utf-8"), "file-not-xlsx"),
    (lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
     "file-old-xls"),
])
def test_a_bad_file_is_described_in_russian(make_office, damage, code: str) -> None:
    config = make_office(RUSSIAN_ROWS, locale="ru")
    book = config.parent / "workbooks" / "clients.xlsx"
    damage(book)
    result = run("--config", str(config), "check")
    assert result.exit_code == 1 and code in run("--config", str(config), "check",
                                                 "--format", "json").output
    assert latin_prose(ours(result.output)) == []


@pytest.mark.parametrize(("sheet", "rows", "expected"), [
    ("Лист1", RUSSIAN_ROWS, "В книге нет листа «Clients»; есть: Лист1."),
    ("Clients", [["какой-то заголовок"], ["значение"]], "Не найдена строка заголовков"),
    ("Clients", [["Код клиента", "Клиент"], ["C-000001", "Вектор"]],
     "Нет обязательного столбца «Статус» (поле status"),
])
def test_a_bad_sheet_is_described_in_russian(make_office, sheet: str, rows, expected: str
                                             ) -> None:
    config = make_office(rows, locale="ru", sheet=sheet)
    result = run("--config", str(config), "check")
    assert expected in result.output
    assert latin_prose(ours(result.output)) == []


def test_archive_and_restore_speak_russian(office: Path) -> None:
    run("--config", str(office), "sync")
    path = office.parent / "workbooks" / "clients.xlsx"
    book = openpyxl.load_workbook(path)
    record_id = book["Клиенты"]["A10"].value
    book["Клиенты"].delete_rows(10)
    book.save(path)
    synced = run("--config", str(office), "sync")
    assert f"Убраны в архив из таблицы «Клиенты» (вернуть: `crm-office restore ID`): " \
           f"{record_id}" in synced.output
    assert latin_prose(synced.output) == []
    history = run("--config", str(office), "history", record_id)
    assert f"{record_id} в таблице «Клиенты» (в архиве)" in history.output
    assert latin_prose(history.output) == []
    restored = run("--config", str(office), "restore", record_id)
    assert restored.exit_code == 0, restored.output
    assert restored.output.startswith(f"{record_id} возвращена в clients.xlsx, лист «Клиенты», "
                                      "строка ")


def test_an_office_rule_condition_reads_in_russian(make_office) -> None:
    from tests.conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG + ('[rules.clients]\nconditions = [{{ when = {{ status = "активный" }},'
                               ' require = ["email"] }}]\n')
    rows = [["Код клиента", "Клиент", "Статус", "Эл. почта"],
            ["C-000001", "ООО «Вектор»", "активный", None]]
    path = make_office(rows, config=config, locale="ru")
    result = run("--config", str(path), "validate", "--no-marks")
    assert "«Эл. почта» нужно заполнить, когда «Статус» = «активный»." in result.output
    assert latin_prose(ours(result.output)) == []


KEY_HELP = "что означает ключ, сказано в справочнике настроек в README"
"""A key's help is written in English (README's reference): a Russian office is sent there."""


@pytest.mark.parametrize(("office_lines", "message", "hint"), [
    ('naem = "Вектор"', "[office.naem] неизвестный ключ", "возможно, вы имели в виду «name»?"),
    ('vat_rate = "двадцать"', "[office.vat_rate] должен быть: целое число или число, а не "
     "текст 'двадцать'", KEY_HELP),
    ("country = 7", "[office.country] должен быть: текст, а не целое число 7", KEY_HELP),
])
def test_a_config_mistake_reads_in_russian(make_office, office_lines: str, message: str,
                                           hint: str) -> None:
    from tests.conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG.replace('locale = "{locale}"', 'locale = "{locale}"\n' + office_lines)
    path = make_office(RUSSIAN_ROWS, config=config, locale="ru")
    result = CliRunner().invoke(cli, ["--config", str(path), "check"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Ошибка: ") and message in result.stderr
    assert f"подсказка: {hint}" in result.stderr
    as_json = CliRunner().invoke(cli, ["--config", str(path), "check", "--format", "json"])
    assert json.loads(as_json.stdout)["message"].endswith(("unknown key", "'двадцать'", "7"))


def test_a_workbook_the_config_names_but_is_missing_reads_in_russian(make_office) -> None:
    path = make_office(RUSSIAN_ROWS, locale="ru")
    (path.parent / "workbooks" / "clients.xlsx").unlink()
    result = CliRunner().invoke(cli, ["--config", str(path), "validate"])
    assert result.exit_code == 2
    assert "[tables.clients.file] книга не найдена: " in result.stderr
    assert "подсказка: путь указывается относительно paths.workbooks" in result.stderr


def test_documents_and_templates_speak_russian(office: Path) -> None:
    made = run("--config", str(office), "documents", "--no-pdf", "--dry-run")
    assert made.exit_code == 0, made.output
    assert "будет составлен" in made.output
    assert latin_prose(made.output) == []
    checked = run("--config", str(office), "templates", "check")
    assert latin_prose(checked.output.replace("offer", "").replace("invoice", "")
                       .replace("act", "").replace("reminder", "")) == []


TRANSPORTS = {"outbox"}
"""The transport is named as the config names it (`mail.transport = "outbox"`)."""


@pytest.fixture(scope="module")
def mail_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ru-mail") / "office"
    create_office(root, "ru")
    return root / "config.toml"


def test_mail_preview_send_and_fetch_speak_russian(mail_office: Path) -> None:
    """Before: "Campaign … transport …", "Would receive", "client/name/e-mail/why",
    "matches segment = …", "sent 3, failed 0", "written", an English fetch error."""
    preview = run("--config", str(mail_office), "mail", "preview", "M-000001")
    assert preview.exit_code == 0
    assert "Кампания M-000001" in preview.output and "Получат (" in preview.output
    assert "подходит: Сегмент = средний" in preview.output
    assert "нет согласия на рассылку" in preview.output
    assert set(latin_prose(preview.output)) <= TRANSPORTS, preview.output
    sent = run("--config", str(mail_office), "mail", "send", "M-000001", "--limit", "3")
    assert sent.exit_code == 0
    assert "отправлено: 3, с ошибкой: 0" in sent.output and "записан" in sent.output
    assert set(latin_prose(sent.output)) <= TRANSPORTS, sent.output
    fetched = CliRunner().invoke(cli, ["--config", str(mail_office), "mail", "fetch"])
    assert fetched.exit_code == 2
    assert "нет почтового ящика для чтения ответов" in fetched.stderr
    config_words = {"host", "username", "password", "exchange", "graph"}  # keys and values
    assert set(latin_prose(fetched.stderr.replace("[mail.imap.host]", ""))) <= config_words


def test_mail_writes_russian_into_the_workbooks(mail_office: Path) -> None:
    run("--config", str(mail_office), "mail", "send", "M-000001", "--limit", "1")
    books = mail_office.parent / "workbooks"
    book = openpyxl.load_workbook(books / "campaigns.xlsx")
    assert "Исключения" in book.sheetnames and "Suppression" not in book.sheetnames
    assert [cell.value for cell in book["Исключения"][1]] == ["Эл. почта", "Причина",
                                                             "Источник", "Добавлен"]
    campaigns = book["Кампании"]
    headers = [cell.value for cell in campaigns[1]]
    assert {"Отправлено", "Исключено", "Последняя отправка"} <= set(headers)
    assert latin_prose(" ".join(str(h) for h in headers)) == []
    log = openpyxl.load_workbook(books / "contacts.xlsx")["История контактов"]
    summaries = [str(cell.value) for cell in next(log.iter_cols(
        min_col=[c.value for c in log[1]].index("Содержание") + 1))]
    assert any(text.startswith("Письмо кампании") for text in summaries)


def test_mail_lang_en_overrides_the_office_locale(mail_office: Path) -> None:
    preview = run("--config", str(mail_office), "mail", "preview", "M-000001", "--lang", "en")
    assert "Campaign M-000001" in preview.output and "Would receive (" in preview.output
    assert "matches Segment = средний" in preview.output


def test_run_speaks_russian(office: Path) -> None:
    result = run("--config", str(office), "run")
    assert "прочитано книг" in result.output and "добавлено:" in result.output
    # the weekly report of a manager whose clients lost their manager column (no contacts of
    # their own) used to fail inside pandas with a traceback
    assert "Traceback" not in result.output
    assert re.search(r"недельный отчёт +готово", result.output), result.output
    assert latin_prose(result.output.replace("WARNING", "")) == []
