"""Entry point and commands of `crm-office`.

Exit codes: 0 = fine, 1 = problems found in the data (or a workbook cannot be
used), 2 = usage or configuration error.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crm_office import __version__
from crm_office.cli import render
from crm_office.errors import ConfigError, CrmOfficeError, OfficeExistsError, OfficeFolderError

if TYPE_CHECKING:
    from crm_office.config.model import Config

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
USAGE_ERRORS = (ConfigError, OfficeExistsError, OfficeFolderError)


output_format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Human tables, or machine-readable JSON (the library's to_dict()).")
def _config_here(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["config_path"] = value


config_option = click.option(
    "--config", type=click.Path(path_type=Path), expose_value=False, callback=_config_here,
    help="The office's config file (also accepted before the command).")
show_all_option = click.option("--all", "show_all", is_flag=True,
                               help="List every problem, not only the first 50.")


def emit(result: Any, output_format: str, show: Callable[[], None]) -> None:
    """JSON of the library's result (its to_dict()), or the human tables."""
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        show()


class OfficeCommand(click.Command):
    """Turns every CrmOfficeError into a clear message and the right exit code.

    Under ``--format json`` the error is a JSON object on stdout as well, so a script
    reading stdout always gets JSON.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CrmOfficeError as exc:
            render.error(exc)
            if ctx.params.get("output_format") == "json":
                click.echo(json.dumps(error_dict(exc), ensure_ascii=False, indent=2))
            ctx.exit(EXIT_USAGE if isinstance(exc, USAGE_ERRORS) else EXIT_PROBLEMS)


def error_dict(exc: CrmOfficeError) -> dict[str, Any]:
    """The machine-readable shape of an error."""
    data: dict[str, Any] = {"error": type(exc).__name__, "message": exc.message,
                            "hint": exc.hint}
    for name in ("key_path", "holder", "location", "reason"):
        if getattr(exc, name, None):
            data[name] = getattr(exc, name)
    if getattr(exc, "path", None):
        data["path"] = str(exc.path)  # type: ignore[attr-defined]
    return data


class OfficeGroup(click.Group):
    """The command group: every command handles errors as :class:`OfficeCommand` does."""

    command_class = OfficeCommand


@click.group(cls=OfficeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              default=Path("config.toml"), show_default=True, envvar="CRM_OFFICE_CONFIG",
              help="The office's config file.")
@click.option("-v", "--verbose", count=True, help="Say more (-vv for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or log messages.")
@click.version_option(__version__, prog_name="crm-office")
@click.pass_context
def cli(ctx: click.Context, config_path: Path, verbose: int, quiet: bool) -> None:
    """crm-office: the CRM engine for an office that lives in Excel.

    It checks the office's workbooks, marks problems where they were typed and
    merges everybody's edits into one client base (documents, mailings and the
    weekly analysis come in later versions). Global options go before the
    command: crm-office --config office/config.toml sync
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO)[min(verbose, 1)]
    if verbose > 1:
        level = logging.DEBUG
    render.setup_logging(level)
    ctx.obj = {"config_path": config_path, "quiet": quiet}


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--locale", type=click.Choice(["en", "ru"]), default="en", show_default=True,
              help="Language of headers, sample data and templates.")
@click.option("--force", is_flag=True, help="Overwrite an office that already exists there.")
def init(directory: Path, locale: str, force: bool) -> None:
    """Create a complete demo office in DIRECTORY (default: here).

    Writes config.toml, templates/ and workbooks/ filled with realistic sample
    data: clients, contact log, deals, price list, invoices and payments,
    campaigns, complaints, surveys and managers.
    """
    from crm_office.demo.office import create_office

    summary = create_office(directory, locale, force=force)
    render.init_summary(summary)


@cli.command()
@config_option
@output_format_option
@show_all_option
@click.pass_context
def check(ctx: click.Context, output_format: str, show_all: bool) -> None:
    """Check the office: config, workbooks, header mapping and row counts.

    Exits with 1 when a workbook cannot be read or a required column is
    missing, with 2 when the config is wrong.
    """
    from crm_office.check import check_office
    from crm_office.config import load_config

    config = load_config(ctx.obj["config_path"])
    with render.table_progress(len(config.tables), ctx.obj["quiet"]) as advance:
        report = check_office(config, on_table=advance)
    emit(report, output_format, lambda: render.check_report(report, show_all=show_all))
    ctx.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


@cli.command()
@config_option
@output_format_option
@show_all_option
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes: trim text, lower-case e-mails, phones as "
                   "office.phone_style says, dates typed as text into date cells.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--no-marks", is_flag=True,
              help="Do not mark cells or write the Issues sheet; only report.")
@click.pass_context
def validate(ctx: click.Context, output_format: str, show_all: bool, fix: bool, dry_run: bool,
             no_marks: bool) -> None:
    """Find every problem in the office's data and show it where it was typed.

    Checks types, required fields, choices, e-mails, phones, tax IDs, references,
    dates in order, payments and duplicate clients. Each problem cell gets a fill
    and a note; each workbook gets an Issues sheet with a link to every cell.
    Exits with 1 when there is at least one error.
    """
    from crm_office.config import load_config
    from crm_office.validate.run import run_validation

    config = load_config(ctx.obj["config_path"])
    writes = not dry_run and (fix or not no_marks)
    with run_lock(config, "validate", writes), \
            render.table_progress(len(config.tables), ctx.obj["quiet"]) as advance:
        run = run_validation(config, mark=not no_marks, fix=fix, dry_run=dry_run,
                             on_step=advance)
    emit(run, output_format, lambda: render.validation_run(run, show_all=show_all))
    ctx.exit(EXIT_OK if run.ok else EXIT_PROBLEMS)


@cli.command()
@config_option
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--allow-mass-archive", is_flag=True,
              help="Archive even when more than half of a table's rows disappeared.")
@output_format_option
@click.pass_context
def sync(ctx: click.Context, dry_run: bool, allow_mass_archive: bool,
         output_format: str) -> None:
    """Merge every workbook into one client base, and back.

    Gives new rows their IDs, merges edits made in several workbooks field by field
    (conflicts go to the Conflicts sheet), archives deleted rows, assigns new leads,
    writes the computed columns (last contact, debt, ABC class, payment status…) and
    the per-manager views. A second run with no edits changes no file.
    Exits with 1 when a workbook could not be read or written.
    """
    from crm_office.config import load_config
    from crm_office.sync.run import run_sync

    config = load_config(ctx.obj["config_path"])
    with run_lock(config, "sync", not dry_run), render.step_progress(ctx.obj["quiet"]) as step:
        report = run_sync(config, dry_run=dry_run, on_step=step,
                          allow_mass_archive=allow_mass_archive)
    emit(report, output_format, lambda: render.sync_report(report))
    ctx.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


@cli.command()
@config_option
@click.argument("record_id")
@output_format_option
@click.pass_context
def history(ctx: click.Context, record_id: str, output_format: str) -> None:
    """Show every change of a record, e.g. C-000123.

    When, which workbook, old and new value; for a client also its whole
    contact log in date order.
    """
    from crm_office.config import load_config
    from crm_office.sync.history import record_history

    found = record_history(load_config(ctx.obj["config_path"]), record_id)
    emit(found, output_format, lambda: render.record_history(found))


@cli.command()
@config_option
@click.argument("record_id")
@click.pass_context
def restore(ctx: click.Context, record_id: str) -> None:
    """Bring back a record that was deleted from its workbook (archived by sync)."""
    from crm_office.config import load_config
    from crm_office.sync.history import restore_record

    config = load_config(ctx.obj["config_path"])
    with run_lock(config, "restore"):
        done = restore_record(config, record_id)
    click.echo(f"{done.record_id} is back in {done.file}, sheet '{done.sheet}', row {done.row}.")


def run_lock(config: Config, command: str, writes: bool = True) -> AbstractContextManager[Any]:
    """The office's run lock for a command that writes; nothing for one that only reads."""
    from crm_office.runlock import office_lock

    return office_lock(config, command) if writes else nullcontext()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="crm-office")


def _add_mail() -> None:
    """The `mail` commands live in cli/mail_commands.py, which builds on this module."""
    from crm_office.cli.mail_commands import mail

    cli.add_command(mail)


if __name__ == "__main__":  # pragma: no cover
    # Run as `python -m crm_office.cli.main`: use the module proper (with every command),
    # so cli/mail_commands.py imports the same module object it extends.
    from crm_office.cli.main import main as run_main

    run_main()
else:
    _add_mail()
