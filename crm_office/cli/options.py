"""Options every command accepts, where they may stand, and what they decide.

``--config``, ``--lang``, ``-v`` and ``-q`` are accepted before the command (by the
group) and after it (by each command); the output language is ``--lang``, else the
office's ``office.locale``. A usage error under ``--format json`` is JSON on stdout.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crm_office.cli import render

if TYPE_CHECKING:
    from crm_office.config import Config


def _config_here(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["config_path"] = value


def _lang_here(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["lang"] = value


def _verbose_here(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    if value:
        ctx.ensure_object(dict)["verbose"] = ctx.obj.get("verbose", 0) + value
        set_verbosity(ctx.obj)


def _quiet_here(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["quiet"] = True
        set_verbosity(ctx.obj)


def set_verbosity(obj: dict[str, Any]) -> None:
    """-q: only errors; -v: what is done; -vv: debugging."""
    verbose = obj.get("verbose", 0)
    level = logging.ERROR if obj.get("quiet") else (logging.WARNING, logging.INFO)[min(verbose, 1)]
    render.setup_logging(logging.DEBUG if verbose > 1 and not obj.get("quiet") else level)


LANGUAGES = click.Choice(["en", "ru"])


def run_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The global options a command also accepts after its name: --lang, -v, -q."""
    for option in (
        click.option("--lang", type=LANGUAGES, expose_value=False, callback=_lang_here,
                     help="Language of the output (default: the office's locale)."),
        click.option("-v", "--verbose", count=True, expose_value=False, callback=_verbose_here,
                     help="Say more (-vv for debugging)."),
        click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet_here,
                     help="No progress bars or log messages."),
    ):
        command = option(command)
    return command


def config_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--config (also accepted before the command) and the other global options."""
    return click.option(
        "--config", type=click.Path(path_type=Path), expose_value=False, callback=_config_here,
        help="The office's config file (also accepted before the command).")(
        run_options(command))


@contextmanager
def usage_as_json(ctx: click.Context, args: list[str]) -> Iterator[None]:
    """Echo a usage error raised inside as JSON when ``args`` ask for JSON output; in a
    Russian office the error is Russian (see :mod:`crm_office.cli.help_text`)."""
    from crm_office.cli.help_text import remember_options, usage_in_russian

    remember_options(ctx, args)
    wants_json = _asks_json(args)
    try:
        with usage_in_russian(ctx):
            yield
    except click.UsageError as exc:
        if wants_json:
            click.echo(json.dumps(usage_dict(exc), ensure_ascii=False, indent=2))
        raise


def _asks_json(args: list[str]) -> bool:
    pairs = itertools.pairwise(args)
    return "--format=json" in args or any(a == "--format" and b == "json" for a, b in pairs)


def usage_dict(exc: click.UsageError) -> dict[str, Any]:
    """The machine-readable shape of a usage error (exit code 2, as on the terminal)."""
    from crm_office.catalogue import say
    from crm_office.cli.help_text import RussianUsageError

    command = exc.ctx.command_path if exc.ctx else "crm-office"
    locale = "ru" if isinstance(exc, RussianUsageError) else "en"
    return {"error": "UsageError", "message": exc.format_message(),
            "hint": say("usage.help-lists-options", locale, command=command,
                        option="--help")}


def output_locale(ctx: click.Context) -> str:
    """--lang, else init's --locale, else the office's locale from its config file, else
    English."""
    obj = ctx.find_root().obj or {}
    if obj.get("lang"):
        return str(obj["lang"])
    if ctx.params.get("locale") in ("en", "ru"):  # init: the office it makes
        return str(ctx.params["locale"])
    return peek_locale(Path(obj.get("config_path", "config.toml")))


def peek_locale(path: Path) -> str:
    """office.locale of a config file, without checking the rest (for error messages)."""
    import tomllib

    try:
        with path.open("rb") as stream:
            locale = tomllib.load(stream).get("office", {}).get("locale", "en")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return "en"
    return locale if locale in ("en", "ru") else "en"


def load_office(ctx: click.Context) -> Config:
    """The office's config; with --lang, the run speaks that language."""
    from dataclasses import replace

    from crm_office.config import load_config

    config = load_config(ctx.obj["config_path"])
    lang = ctx.obj.get("lang")
    if lang and lang != config.locale:
        config = replace(config, office=replace(config.office, locale=lang))
    return config


def next_command(directory: Path) -> str:
    """The command that checks a new office, as it can be pasted into a shell here."""
    import shlex
    import shutil
    import sys

    program = "crm-office"
    beside = Path(sys.executable).parent / "crm-office"
    if shutil.which(program) is None and beside.is_file():
        program = shlex.quote(str(beside.absolute()))
    if directory.resolve() == Path.cwd().resolve():
        return f"{program} check"
    return f"cd {shlex.quote(str(directory))} && {program} check"
