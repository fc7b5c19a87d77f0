"""`--help` and usage errors in the office's language; English help exactly as click writes it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from crm_office.catalogue.help import HELP_FIELDS
from crm_office.cli.help_text import cleaned, russian
from crm_office.cli.main import cli
from tests.test_catalogue import NAMES_IN_RUSSIAN


def commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


PATHS = [" ".join(path) for path, _command in commands()]


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), env=env, prog_name="crm-office")


def test_every_help_text_has_its_russian() -> None:
    """A help changed in the code without its catalogue entry would stay English."""
    missing = []
    for path, command in commands():
        texts = [command.help, command.short_help]
        texts += [param.help for param in command.params if isinstance(param, click.Option)]
        missing += [f"{' '.join(path)}: {text!r}" for text in texts
                    if text and russian(cleaned(text)) is None]
    assert missing == []


def names_of(command: click.Command) -> set[str]:
    """What a Russian help may hold in Latin: the command's names, options and choices."""
    names = {word for option in command.params for name in option.opts
             for word in name.strip("-").split("-")}
    names |= {str(choice) for option in command.params
              if isinstance(option.type, click.Choice) for choice in option.type.choices}
    names |= {word for value in HELP_FIELDS.values()
              for word in re.findall(r"[A-Za-z][A-Za-z_]*", value)}
    if isinstance(command, click.Group):
        names |= set(command.commands)
    return names | NAMES_IN_RUSSIAN | {"crm", "office", "h", "help", "v", "q", "vv"}


def latin_prose(text: str, command: click.Command, path: str) -> list[str]:
    allowed = names_of(command) | set(path.split())
    return [word for word in re.findall(r"[A-Za-z][A-Za-z_]*", text)
            if word.strip("_") not in allowed and not re.fullmatch("[A-Z]{2,3}", word)]


@pytest.mark.parametrize("path", PATHS)
def test_russian_help_has_no_english_prose(path: str) -> None:
    command = dict((" ".join(p), c) for p, c in commands())[path]
    result = run("--lang", "ru", *path.split(), "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Вызов: crm-office {path}".rstrip())
    assert "Параметры:" in result.output
    assert latin_prose(result.output, command, path) == [], result.output


def test_russian_help_of_sync_in_full() -> None:
    output = run("--lang", "ru", "sync", "--help").output
    assert "Вызов: crm-office sync [ПАРАМЕТРЫ]\n" in output
    assert "Свести все книги в одну клиентскую базу и обратно." in output
    assert re.search(r"--dry-run +Показать, что изменится; ничего не записывать\.", output)
    assert re.search(r"--config ПУТЬ +Файл настроек офиса", output)
    assert "[по умолчанию: text]" in output
    assert re.search(r"-h, --help +Показать эту справку и выйти\.", output)


@pytest.mark.parametrize("path", PATHS)
def test_english_help_is_clicks_own(path: str) -> None:
    """The same command declared with plain click writes exactly the same help."""
    command = dict((" ".join(p), c) for p, c in commands())[path]
    plain_class = click.Group if isinstance(command, click.Group) else click.Command
    plain = plain_class(command.name, params=command.params, help=command.help,
                        short_help=command.short_help,
                        **({"commands": command.commands}
                           if isinstance(command, click.Group) else {}))
    name = f"crm-office {path}".strip()
    names = ["-h", "--help"]
    ours = command.get_help(click.Context(command, info_name=name, help_option_names=names))
    theirs = plain.get_help(click.Context(plain, info_name=name, help_option_names=names))
    assert ours == theirs
    assert run(*path.split(), "--help").output.startswith(f"Usage: {name}")


def test_the_help_of_a_russian_office_is_russian(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """No --lang: office.locale of the config the command would load decides."""
    (tmp_path / "config.toml").write_text('[office]\nname = "Вектор"\nlocale = "ru"\n',
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("sync", "--help").output.startswith("Вызов: crm-office sync")
    assert run("--help").output.startswith("Вызов: crm-office [ПАРАМЕТРЫ]")
    assert run("sync", "--help", "--lang", "en").output.startswith("Usage:")
    elsewhere = tmp_path / "english"
    elsewhere.mkdir()
    (elsewhere / "office.toml").write_text('[office]\nname = "Acme"\nlocale = "en"\n',
                                           encoding="utf-8")
    english = run("--config", str(elsewhere / "office.toml"), "sync", "--help")
    assert english.output.startswith("Usage:")


def test_the_language_may_come_from_the_environment(tmp_path: Path) -> None:
    assert run("check", "--help", env={"CRM_OFFICE_LANG": "ru"}).output.startswith("Вызов:")
    assert run("check", "--help", "--lang", "ru").output.startswith("Вызов:")
    missing = str(tmp_path / "config.toml")
    result = run("--config", missing, "check", env={"CRM_OFFICE_LANG": "ru"})
    assert result.exit_code == 2 and result.stderr.startswith("Ошибка: ")  # the run's output too


@pytest.mark.parametrize(("args", "error"), [
    (["sync", "--bogus"], "Ошибка: Нет такого параметра: --bogus"),
    (["history"], "Ошибка: Не указан аргумент ID_ЗАПИСИ."),
    (["check", "--format", "xml"], "Ошибка: Недопустимое значение --format: «xml»; допустимы: "
                                   "'text', 'json'."),
    (["bogus"], "Ошибка: Нет такой команды: bogus."),
    (["report", "weekly", "--week"], "Ошибка: Параметру --week нужно значение."),
    (["validate", "extra"], "Ошибка: Лишние аргументы: extra"),
    (["mail", "send", "x", "--limit", "many"], "Ошибка: Недопустимое значение --limit: «many» — "
                                               "это не целое число."),
])
def test_usage_errors_of_a_russian_office_are_russian(args: list[str], error: str) -> None:
    result = run("--lang", "ru", *args)
    assert result.exit_code == 2
    assert error in result.stderr, result.stderr
    assert "Вызов: crm-office" in result.stderr and "Справка: crm-office" in result.stderr
    assert not re.search(r"Usage|Error|Try|No such|Missing|Invalid", result.stderr)
    english = run(*args)
    assert english.exit_code == 2 and "Error: " in english.stderr


def test_a_usage_error_under_json_is_russian_json_too() -> None:
    result = run("--lang", "ru", "check", "--format", "json", "--bogus")
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["message"].startswith("Нет такого параметра: --bogus")
    assert error["hint"] == "параметры перечисляет crm-office check --help"


def test_version_in_the_office_language() -> None:
    assert run("--version").output == "crm-office, version 0.1.0\n".replace(
        "0.1.0", __import__("crm_office").__version__)
    russian_output = run("--lang", "ru", "--version").output
    assert russian_output.startswith("crm-office, версия ") and "version" not in russian_output
    assert run("--version", env={"CRM_OFFICE_LANG": "ru"}).output == russian_output
