"""One catalogue for everything a person reads: complete in both languages, used everywhere."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from crm_office.catalogue import ENTRIES, SECTIONS, Text, plural_form, say, say_count
from crm_office.config.settings import SECTIONS as SETTINGS
from crm_office.messages import CATALOGUE
from crm_office.model import BUILTIN_TABLES
from crm_office.problems import Severity, make_problem
from crm_office.workbook.files import open_workbook

PACKAGE = Path(__file__).parent.parent / "crm_office"
TEMPLATES = {**{f"problem:{code}": (english, russian)
                for code, (_severity, english, russian) in CATALOGUE.items()},
             **ENTRIES}
NAMES_IN_RUSSIAN = {"Excel", "ID", "ZIP", "ABC", "A", "B", "C", "File", "Info", "Protect",
                    "Workbook", "xlsx", "config", "toml", "name", "company", "ru", "tables",
                    "aliases", "rules", "choices", "funnel", "deals", "crm-office", "init",
                    "sync", "restore", "format", "json", "all", "force", "xls", "yes", "no", "true",
                    "TOML", "PNG", "JPEG",
                    "false"}
"""Latin words a Russian text may hold: product names, config keys, commands, options."""
NAMES_IN_RUSSIAN |= {setting.key for settings in SETTINGS.values() for setting in settings}
NAMES_IN_RUSSIAN |= set(BUILTIN_TABLES)
NAMES_IN_RUSSIAN |= {"CSAT"}
"""A satisfaction measure named so in Russian reports too."""
NAMES_IN_RUSSIAN |= {"mail", "preview", "send", "resume", "resend-uncertain", "exchange", "graph",
                     "unsubscribe"}
"""The mail commands and options, transports, and the subject an opt-out reply carries."""
NAMES_IN_RUSSIAN |= {"README", "paths", "history", "createdb", "pip", "install", "upgrade",
                     "postgresql", "PostgreSQL", "SQLite"}
"""The store: its config section, database programs and the command that upgrades crm-office."""


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _text, name, _spec, _conversion in string.Formatter().parse(template) if name}


def test_no_key_is_in_two_sections() -> None:
    assert sum(len(section) for section in SECTIONS.values()) == len(ENTRIES)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_text_in_both_languages_with_the_same_fields(key: str) -> None:
    english, russian = TEMPLATES[key]
    assert english.strip() and russian.strip()
    assert fields(english) == fields(russian), key
    if key.startswith("count."):
        assert (len(english.split("|")), len(russian.split("|"))) == (2, 3)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_russian_texts_hold_no_english(key: str) -> None:
    _english, russian = TEMPLATES[key]
    text = re.sub(r"\{[^}]*\}", " ", russian)
    words = re.findall(r"[A-Za-z][A-Za-z\-]*", text)
    assert [word for word in words if word.strip("-") not in NAMES_IN_RUSSIAN
            and not re.fullmatch("[A-Z]{2,3}", word)] == [], russian  # ISO codes are codes
    assert " row" not in text and "rows" not in text


def source_files() -> list[Path]:
    return [path for path in PACKAGE.rglob("*.py") if "demo" not in path.parts]


def test_every_fix_a_rule_gives_is_a_catalogue_key() -> None:
    """A fix written as English text would stay English in a Russian office."""
    found = []
    for path in source_files():
        code = path.read_text(encoding="utf-8")
        for literal in re.findall(r"\bfix=f?\"([^\"]*)\"", code):
            if literal not in ENTRIES:
                found.append(f"{path.name}: {literal}")
        found += [f"{path.name}: f-string" for _ in re.findall(r"\bfix=f\"", code)]
        found += [f"{path.name}: {key}" for key in re.findall(r"return \"([a-z-]+)\"\n", code)
                  if "_hint" in code and key not in ENTRIES and "-" in key]
    assert found == []


def test_every_key_named_in_the_code_exists() -> None:
    named = set()
    for path in source_files():
        code = path.read_text(encoding="utf-8")
        named |= {key for key in re.findall(r"\b(?:Text|say|say_count)\(\s*\"([\w.\-]+)\"",
                                            code) if not key.endswith(".")}
    assert named and named <= set(ENTRIES), named - set(ENTRIES)


def test_every_analysis_word_named_in_the_code_exists() -> None:
    """The analysis looks its words up strictly (``Labels.text``): a key the code names and
    the catalogue lacks would fail a report at run time."""
    from crm_office.analysis.labels import known

    named = set()
    for folder in ("analysis", "reminders", "cli", "scheduling"):
        for path in (PACKAGE / folder).rglob("*.py"):
            code = path.read_text(encoding="utf-8")
            named |= set(re.findall(r"\btext\(\s*\"(\w+)\"", code))
    assert len(named) > 20 and {key for key in named if not known(key)} == set()
    steps = ("check", "sync", "validate", "documents", "mailings", "reminders",
             "weekly report")
    assert all(known(f"step_{step}") for step in steps)
    assert all(known(f"status_{status}") for status in ("ok", "problems", "skipped", "failed"))


@pytest.mark.parametrize("severity", list(Severity))
def test_every_severity_has_a_word(severity: Severity) -> None:
    assert say(f"severity.{severity.value}", "ru") != severity.value


@pytest.mark.parametrize(("count", "expected"), [
    (1, "1 ошибка"), (2, "2 ошибки"), (5, "5 ошибок"), (11, "11 ошибок"), (12, "12 ошибок"),
    (21, "21 ошибка"), (22, "22 ошибки"), (111, "111 ошибок"), (0, "0 ошибок"),
])
def test_russian_plural_forms(count: int, expected: str) -> None:
    assert say_count("count.error", "ru", count) == expected
    assert say_count("count.error", "en", count) == f"{count} error" + ("" if count == 1
                                                                        else "s")


def test_plural_form_index_for_english() -> None:
    assert [plural_form(n, 2) for n in (0, 1, 2)] == [1, 0, 1]


def test_a_problem_in_a_russian_office_has_no_english_fragment(tmp_path: Path) -> None:
    """Before the catalogue: «(Клиенты row 6)», 'sheet' and "it is not a zip package"."""
    path = tmp_path / "clients.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    problem = open_workbook(path, "clients.xlsx", "ru").problem
    assert problem is not None
    assert problem.message == "Это не книга Excel (.xlsx): это не ZIP-архив."
    assert problem.fix == "сохраните её в Excel как «Книга Excel (*.xlsx)»"
    placed = make_problem("required-missing", locale="ru", file="clients.xlsx",
                          sheet="Клиенты", row=6, header="Клиент", fix="fill-in-cell")
    assert placed.where == "clients.xlsx, лист «Клиенты», строка 6"
    assert placed.fix == "заполните эту ячейку"


def test_a_fix_with_fields_and_a_nested_fix() -> None:
    nested = Text("engine-column", fix=Text("type-whole-number"))
    assert nested.render("ru") == "введите целое число (столбец программы)"
    assert nested.render("en") == "type a whole number (engine column)"
    own_words = make_problem("condition-unmet", locale="ru", fix="Укажите договор")
    assert own_words.fix == "Укажите договор"


def test_russian_numbers_group_thousands_with_a_space() -> None:
    assert say("cli.rows-checked", "ru", office="О", rows=5369) == \
        "Офис: О — проверено строк: 5\u00a0369"
    assert say("cli.rows-checked", "en", office="O", rows=5369) == "Office: O — 5,369 rows checked"
    assert say_count("count.cell", "ru", 1514) == "1\u00a0514 ячеек"


@pytest.mark.parametrize(("step", "russian"), [
    ("reading workbooks", "чтение книг"),
    ("writing manager views", "запись книг менеджеров"),
    ("merging clients", "объединение: Клиенты"),
    ("something new", "something new"),
])
def test_progress_steps_named_by_the_library_are_shown_in_russian(step: str, russian: str) -> None:
    from crm_office.cli.render import step_text

    assert step_text(step, "ru") == russian
    assert step_text(step, "en") == step.replace("clients", "Clients")
