"""`--help` and usage errors in the office's language.

click writes both in English (its own words go through gettext, which an office's
machine need not have set up). In a Russian office — ``--lang ru`` anywhere on the
line, ``CRM_OFFICE_LANG=ru``, or ``office.locale = "ru"`` in the config the command
would load — :class:`LocalisedHelp` writes them from the catalogue
(crm_office/catalogue/help.py). In English it leaves click's output as it is.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

import click

from crm_office.catalogue import fill, say
from crm_office.catalogue.help import HELP, HELP_FIELDS

LANG_ENV = "CRM_OFFICE_LANG"
"""The language a person wants, when neither --lang nor the office says it."""
_LANG, _CONFIG = "crm_office.lang", "crm_office.config"


def remember_options(ctx: click.Context, args: list[str]) -> None:
    """Note --lang and --config before click acts on --help, which it does first."""
    for name, key in (("--lang", _LANG), ("--config", _CONFIG)):
        value = option_value(args, name)
        if value:
            ctx.meta[key] = value


def option_value(args: list[str], name: str) -> str | None:
    """The value of ``name`` (``--lang ru`` or ``--lang=ru``) in ``args``, the last one given."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith(name + "="):
            found = arg.split("=", 1)[1]
    return found


def help_locale(ctx: click.Context) -> str:
    """--lang, else CRM_OFFICE_LANG, else office.locale of the config the command would load."""
    from crm_office.cli.options import peek_locale

    obj = ctx.find_root().obj or {}
    lang = ctx.meta.get(_LANG) or obj.get("lang") or os.environ.get(LANG_ENV)
    if lang in ("en", "ru"):
        return str(lang)
    config = ctx.meta.get(_CONFIG) or obj.get("config_path") \
        or os.environ.get("CRM_OFFICE_CONFIG") or "config.toml"
    return peek_locale(Path(config))


@cache
def _by_english() -> dict[str, str]:
    """Catalogue key of each English help text, its fields filled in."""
    return {fill(english, "en", HELP_FIELDS): key for key, (english, _russian) in HELP.items()}


def russian(english: str) -> str | None:
    """The Russian text of a help declared in English; None when the catalogue lacks it."""
    key = _by_english().get(english)
    return None if key is None else say(key, "ru", **HELP_FIELDS)


def cleaned(text: str | None) -> str:
    """A help text as click shows it: indentation removed, cut at a form feed."""
    return inspect.cleandoc(text or "").partition("\f")[0]


def _metavar(text: str) -> str:
    """An option's value placeholder (PATH, INTEGER …) in Russian."""
    for word in sorted((key.removeprefix("help.metavar.") for key in HELP
                        if key.startswith("help.metavar.")), key=len, reverse=True):
        if text.endswith(" " + word):
            return text[: -len(word)] + say("help.metavar." + word, "ru")
    return text


def argument_word(name: str) -> str:
    """An argument's placeholder (RECORD_ID …) in Russian."""
    key = "help.argument." + name
    return say(key, "ru") if key in HELP else name


class LocalisedHelp(click.Command):
    """Help in the office's language: the text, the usage line, options and commands."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if help_locale(ctx) != "ru":
            super().format_usage(ctx, formatter)
            return
        pieces = [say("help.options-metavar", "ru")]
        for param in self.get_params(ctx):
            pieces += [_argument_piece(piece) for piece in param.get_usage_pieces(ctx)]
        if isinstance(self, click.Group):
            pieces.append(say("help.command-metavar", "ru"))
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              say("help.usage", "ru") + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = russian(cleaned(self.help)) if help_locale(ctx) == "ru" else None
        if text is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if help_locale(ctx) != "ru":
            super().format_options(ctx, formatter)
            return
        records = [record for param in self.get_params(ctx)
                   if isinstance(param, click.Option)
                   and (record := option_record(param, ctx)) is not None]
        if records:
            with formatter.section(say("help.options", "ru")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [(name, command) for name in self.list_commands(ctx)
                        if (command := self.get_command(ctx, name)) and not command.hidden]
            if commands:
                limit = formatter.width - 6 - max(len(name) for name, _ in commands)
                with formatter.section(say("help.commands", "ru")):
                    formatter.write_dl([(name, short_help(command, limit))
                                        for name, command in commands])


def _argument_piece(piece: str) -> str:
    return re.sub(r"[A-Z][A-Z_]+", lambda found: argument_word(found.group()), piece)


def option_record(param: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line of the help in Russian: its names, its value, its help and extras."""
    record = param.get_help_record(ctx)
    if record is None:
        return None
    names, text = record
    english = param.help or ""
    extra = text[len(english):] if text.startswith(english) else ""
    extra = extra.replace("default:", say("help.default", "ru") + ":") \
        .replace("[required]", "[" + say("help.required", "ru") + "]")
    extra = re.sub(r"\bx([<>]=?)", lambda found: _RANGE_SIGNS[found[1]], extra)  # [x>=0]
    return _metavar(names), (russian(cleaned(english)) or english) + extra


_RANGE_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def short_help(command: click.Command, limit: int) -> str:
    """A command's line in the list of commands, in Russian."""
    if command.short_help:
        found = russian(cleaned(command.short_help))
        if found:
            return found
    text = russian(cleaned(command.help))
    if text is None:
        return command.get_short_help_str(limit)
    return first_sentence(text, limit)


def first_sentence(text: str, limit: int) -> str:
    """The first sentence of the first paragraph, cut at a word with '...' beyond ``limit``."""
    paragraph = " ".join(text.split("\n\n")[0].split())
    end = paragraph.find(". ")
    sentence = paragraph if end == -1 else paragraph[:end + 1]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit - 3].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def russian_usage_error(exc: click.UsageError, ctx: click.Context) -> click.UsageError:
    """The same usage error told in Russian (exit code 2, as every usage error); ``ctx`` is
    the command it happened in, for the usage line (click leaves it out of some errors)."""
    return RussianUsageError(usage_message(exc), exc.ctx or ctx)


class RussianUsageError(click.UsageError):
    """A usage error shown with the Russian usage line, help hint and 'Ошибка:'."""

    def show(self, file: IO[Any] | None = None) -> None:
        lines = []
        if self.ctx is not None:
            names = self.ctx.command.get_help_option_names(self.ctx)
            lines += [self.ctx.get_usage(), say("usage.try-help", "ru", command=(
                self.ctx.command_path), option=max(names, key=len) if names else "--help"), ""]
        lines.append(say("usage.error", "ru", message=self.format_message()))
        click.echo("\n".join(lines), err=file is None, file=file)


@contextmanager
def usage_in_russian(ctx: click.Context) -> Iterator[None]:
    """A usage error raised inside is told in Russian in a Russian office."""
    try:
        yield
    except click.UsageError as exc:
        if isinstance(exc, RussianUsageError | _HELP_ERRORS) or help_locale(ctx) != "ru":
            raise
        raise russian_usage_error(exc, ctx) from None


_HELP_ERRORS = getattr(click.exceptions, "NoArgsIsHelpError", RussianUsageError)
"""click >= 8.2 shows the help by raising this 'error'; it is no error to translate."""


def usage_message(exc: click.UsageError) -> str:
    """click's message of ``exc`` in Russian, from what the exception knows."""
    message = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        return _no_such_option(exc)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "argument" if isinstance(exc.param, click.Argument) else "option"
        return say(f"usage.missing-{kind}", "ru", name=_param_name(exc.param))
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return _bad_value(_param_name(exc.param), exc.message)
    for key, pattern in _PATTERNS:
        found = re.fullmatch(pattern, message)
        if found:
            return say(key, "ru", **found.groupdict())
    return say("usage.other", "ru", message=message)


_PATTERNS = (
    ("usage.needs-value", r"Option '(?P<name>.+)' requires (?:an argument|\d+ arguments)\."),
    ("usage.takes-no-value", r"Option '(?P<name>.+)' does not take a value\."),
    ("usage.extra-arguments", r"Got unexpected extra arguments? \((?P<args>.*)\)"),
    ("usage.no-such-command", r"No such command '(?P<name>.+)'\.(?: .*)?"),
    ("usage.missing-command", r"Missing command\."),
)
"""click's messages that carry their facts only in the text (click's wording, kept stable)."""


def _no_such_option(exc: click.NoSuchOption) -> str:
    text = say("usage.no-such-option", "ru", name=exc.option_name)
    possible = sorted(exc.possibilities or ())
    if len(possible) == 1:
        return f"{text}. {say('usage.did-you-mean', 'ru', possibility=possible[0])}"
    if possible:
        return f"{text} {say('usage.possible-options', 'ru', options=', '.join(possible))}"
    return text


def _bad_value(name: str, message: str) -> str:
    choice = re.fullmatch(r"'(?P<value>.*)' is not one of (?P<choices>.+)\.", message)
    if choice:
        return say("usage.not-one-of", "ru", name=name, **choice.groupdict())
    number = re.fullmatch(r"'(?P<value>.*)' is not a valid integer( range)?\.", message)
    if number:
        return say("usage.not-a-number", "ru", name=name, value=number["value"])
    return say("usage.invalid-value", "ru", name=name, value=message)


def _param_name(param: click.Parameter) -> str:
    if isinstance(param, click.Argument):
        return argument_word(param.human_readable_name)
    return " / ".join(param.opts)
