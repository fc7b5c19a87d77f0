"""Only what the office uses is required; engine sheets are named in the office's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_office.config import load_config
from crm_office.errors import ConfigError
from crm_office.validate import validate_office
from tests.conftest import CLIENT_ROWS, write_workbook

CLIENTS_ONLY = """
[office]
name = "Small Office"
locale = "{locale}"

[tables.clients]
file = "clients.xlsx"
sheet = "Clients"
{extra}
"""

FUNNEL = """
[funnel]
stages = [{ name = "lead", probability = 10 }, { name = "won", probability = 100 },
          { name = "lost", probability = 0 }]
"""

DEALS = """
[tables.deals]
file = "clients.xlsx"
sheet = "Deals"
"""


def office(tmp_path: Path, *, locale: str = "en", extra: str = "",
           rows: list[list[object]] | None = None,
           sheets: dict[str, list[list[object]]] | None = None
           ) -> Path:
    """An office folder with no templates folder at all, and a clients workbook."""
    write_workbook(tmp_path / "workbooks" / "clients.xlsx",
                   {"Clients": rows or CLIENT_ROWS, "Deals": [["Deal ID", "Client ID"]],
                    **(sheets or {})})
    path = tmp_path / "config.toml"
    path.write_text(CLIENTS_ONLY.format(locale=locale, extra=extra), encoding="utf-8")
    return path


def test_no_funnel_and_no_templates_folder_without_deals(tmp_path: Path) -> None:
    config = load_config(office(tmp_path))
    assert config.funnel.stages == ()
    assert not (tmp_path / "templates").exists()
    assert validate_office(config).ok


def test_a_deals_table_needs_the_funnel(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(office(tmp_path, extra=DEALS))
    assert caught.value.key_path == "funnel"
    assert "is required when the office has a deals table" in caught.value.message
    assert caught.value.localised("ru")[0].endswith("обязателен, когда в офисе есть таблица "
                                                    "сделок")
    assert load_config(office(tmp_path, extra=DEALS + FUNNEL)).funnel.names == (
        "lead", "won", "lost")


@pytest.mark.parametrize(("locale", "sheets", "extra", "issues", "conflicts"), [
    ("en", {}, "", "Issues", "Conflicts"),
    ("ru", {}, "", "Проблемы", "Конфликты"),
    ("ru", {"Issues": [["Severity"]]}, "", "Issues", "Конфликты"),
    ("ru", {"Conflicts": [["Conflict"]]}, "", "Проблемы", "Conflicts"),
    ("ru", {"Issues": [["Severity"]]}, '[validation]\nissues_sheet = "Ошибки"\n', "Ошибки",
     "Конфликты"),
    ("en", {}, '[sync]\nconflicts_sheet = "Clashes"\n', "Issues", "Clashes"),
])
def test_engine_sheet_names(tmp_path: Path, locale: str, sheets: dict[str, list[list[object]]],
                            extra: str, issues: str, conflicts: str) -> None:
    config = load_config(office(tmp_path, locale=locale, extra=extra, sheets=sheets))
    assert (config.validation.issues_sheet, config.sync.conflicts_sheet) == (issues, conflicts)


def test_a_blank_sheet_name_in_the_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(office(tmp_path, extra='[validation]\nissues_sheet = " "\n'))
    assert caught.value.key_path == "validation.issues_sheet"


MANAGED = [["Client ID", "Client", "Status", "Manager"],
           *[[f"C-{n:06d}", f"Client {n}", "active", "Анна Смирнова"] for n in range(1, 5)],
           ["C-000005", "Client 5", "active", "Анна Смирнва"],
           ["C-000006", "Client 6", "active", "Игорь Волков"]]


def codes(config_path: Path) -> list[tuple[str, str, str]]:
    report = validate_office(load_config(config_path))
    return [(problem.cell, problem.code, problem.severity.value) for problem in report.problems]


def test_a_list_table_the_office_does_not_keep_is_a_note_and_the_values_seen(
        tmp_path: Path) -> None:
    path = office(tmp_path, locale="ru", rows=MANAGED)
    assert codes(path) == [("D1", "list-table-absent", "info"),
                           ("D6", "value-rare-variant", "info")]
    report = validate_office(load_config(path))
    note, rare = report.problems
    assert note.message == ("«Manager» ссылается на таблицу «Менеджеры», которой в офисе нет; "
                            "списком считаются значения, введённые в столбце (3).")
    assert "[rules.clients.choices] manager = [...]" in note.fix
    assert rare.fix == "возможно, вы имели в виду «Анна Смирнова»?"


def test_a_listed_choice_replaces_the_note(tmp_path: Path) -> None:
    extra = '[rules.clients.choices]\nmanager = ["Анна Смирнова", "Игорь Волков"]\n'
    assert codes(office(tmp_path, rows=MANAGED, extra=extra)) == [
        ("D6", "choice-unknown", "error")]

