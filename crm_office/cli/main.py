"""Entry point and commands of `crm-office`.

Exit codes: 0 = fine, 1 = problems found in the data (or a workbook cannot be
used), 2 = usage or configuration error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crm_office import __version__
from crm_office.catalogue import say
from crm_office.cli import records, render, render_analysis
from crm_office.cli.help_text import LANG_ENV, LocalisedHelp, help_locale, usage_in_russian
from crm_office.cli.options import (
    LANGUAGES,
    config_option,
    load_office,
    next_command,
    output_locale,
    run_options,
    set_verbosity,
    usage_as_json,
)
from crm_office.errors import ConfigError, CrmOfficeError, OfficeExistsError, OfficeFolderError

if TYPE_CHECKING:
    from crm_office.config.model import Config

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
USAGE_ERRORS = (ConfigError, OfficeExistsError, OfficeFolderError)


output_format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Human tables, or machine-readable JSON (the library's to_dict()).")
show_all_option = click.option("--all", "show_all", is_flag=True,
                               help="List every problem, not only the first 50.")


def emit(result: Any, output_format: str, show: Callable[[], None]) -> None:
    """JSON of the library's result (its to_dict()), or the human tables."""
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        show()


def emit_and_exit(ctx: click.Context, result: Any, output_format: str,
                  show: Callable[[], None]) -> None:
    """:func:`emit`, then exit 0 when ``result.ok``, else 1 (problems found or a step failed)."""
    emit(result, output_format, show)
    ctx.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


class OfficeCommand(LocalisedHelp):
    """Turns every CrmOfficeError into a clear message and the right exit code.

    Under ``--format json`` the error is a JSON object on stdout as well, so a script
    reading stdout always gets JSON.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CrmOfficeError as exc:
            locale = output_locale(ctx)
            render.error(exc, locale)
            if ctx.params.get("output_format") == "json":
                click.echo(json.dumps(error_dict(exc), ensure_ascii=False, indent=2))
            ctx.exit(EXIT_USAGE if isinstance(exc, USAGE_ERRORS) else EXIT_PROBLEMS)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """A usage error (unknown option, missing argument) is JSON too under --format json."""
        with usage_as_json(ctx, args):
            return super().parse_args(ctx, args)


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


class OfficeGroup(LocalisedHelp, click.Group):
    """The command group: every command handles errors as :class:`OfficeCommand` does."""

    command_class = OfficeCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``crm-office --format json check``: the misplaced option's error is JSON too."""
        with usage_as_json(ctx, args):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[
            str | None, click.Command | None, list[str]]:
        """An unknown command is a usage error, JSON too under --format json."""
        with usage_as_json(ctx, args):
            return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """'Missing command' (raised here, not while parsing) in the office's language too."""
        with usage_in_russian(ctx):
            return super().invoke(ctx)


def _show_version(ctx: click.Context, value: bool) -> None:
    """``--version``: the program and its version, in the office's language."""
    if value and not ctx.resilient_parsing:
        click.echo(say("cli.version", help_locale(ctx), program="crm-office",
                       version=__version__))
        ctx.exit()


@click.group(cls=OfficeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              default=Path("config.toml"), show_default=True, envvar="CRM_OFFICE_CONFIG",
              help="The office's config file.")
@click.option("--lang", type=LANGUAGES, default=None, envvar=LANG_ENV,
              help="Language of the output (default: the office's locale).")
@click.option("-v", "--verbose", count=True, help="Say more (-vv for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or log messages.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _show_version(ctx, value),
              help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path, lang: str | None, verbose: int,
        quiet: bool) -> None:
    """crm-office: the CRM engine for an office that lives in Excel.

    It checks the office's workbooks, marks problems where they were typed,
    merges everybody's edits into one client base, makes offers and invoices from
    Word templates, sends mailings and writes the weekly analysis; `run` does it
    all once, `serve` on a schedule. Global options go before or after the
    command: crm-office --config office/config.toml sync --lang ru
    """
    ctx.obj = {"config_path": config_path, "quiet": quiet, "verbose": verbose, "lang": lang}
    set_verbosity(ctx.obj)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--locale", type=click.Choice(["en", "ru"]), default="en", show_default=True,
              help="Language of headers, sample data and templates.")
@click.option("--force", is_flag=True, help="Overwrite an office that already exists there.")
@run_options
@click.pass_context
def init(ctx: click.Context, directory: Path, locale: str, force: bool) -> None:
    """Create a complete demo office in DIRECTORY (default: here).

    Writes config.toml, templates/ and workbooks/ filled with realistic sample
    data: clients, contact log, deals, price list, invoices and payments,
    campaigns, complaints, surveys and managers.
    """
    from crm_office.demo.office import create_office

    summary = create_office(directory, locale, force=force)
    render.init_summary(summary, next_command(directory), ctx.obj.get("lang") or locale)


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

    config = load_office(ctx)
    with render.table_progress(len(config.tables), ctx.obj["quiet"], config.locale) as advance:
        report = check_office(config, on_table=advance)
    emit_and_exit(ctx, report, output_format,
         lambda: render.check_report(report, show_all=show_all, locale=config.locale))


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
    from crm_office.validate.run import run_validation

    config = load_office(ctx)
    writes = not dry_run and (fix or not no_marks)
    with run_lock(config, "validate", writes), \
            render.table_progress(len(config.tables), ctx.obj["quiet"], config.locale) as advance:
        run = run_validation(config, mark=not no_marks, fix=fix, dry_run=dry_run,
                             on_step=advance)
    emit_and_exit(ctx, run, output_format, lambda: render.validation_run(
        run, show_all=show_all, locale=config.locale,
        issues_sheet=config.validation.issues_sheet))


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
    from crm_office.sync.run import run_sync

    config = load_office(ctx)
    with run_lock(config, "sync", not dry_run), \
            render.step_progress(ctx.obj["quiet"], config.locale) as step:
        report = run_sync(config, dry_run=dry_run, on_step=step,
                          allow_mass_archive=allow_mass_archive)
    emit_and_exit(ctx, report, output_format, lambda: records.sync_report(
        report, config.locale, config.sync.conflicts_sheet))


@cli.command(short_help="Show every change of a record, e.g. C-000123.")
@config_option
@click.argument("record_id")
@output_format_option
@click.pass_context
def history(ctx: click.Context, record_id: str, output_format: str) -> None:
    """Show every change of a record, e.g. C-000123.

    When, which workbook, old and new value; for a client also its whole
    contact log in date order.
    """
    from crm_office.sync.history import record_history

    config = load_office(ctx)
    found = record_history(config, record_id)
    emit(found, output_format, lambda: records.record_history(found, config.locale))


@cli.command()
@config_option
@click.argument("record_id")
@click.pass_context
def restore(ctx: click.Context, record_id: str) -> None:
    """Bring back a record that was deleted from its workbook (archived by sync)."""
    from crm_office.sync.history import restore_record

    config = load_office(ctx)
    with run_lock(config, "restore"):
        done = restore_record(config, record_id)
    records.restored(done, config.locale)


@cli.group(cls=OfficeGroup)
def report() -> None:
    """Make reports on demand (the weekly analysis)."""


@report.command("weekly")
@config_option
@click.option("--week", "week_text", metavar="YYYY-Www",
              help="The ISO week, e.g. 2026-W47 (default: the last complete week).")
@click.option("--manager", metavar="NAME", help="Only this manager's own report.")
@click.option("--no-mail", is_flag=True, help="Write the workbooks; mail nothing.")
@output_format_option
@click.pass_context
def report_weekly(ctx: click.Context, week_text: str | None, manager: str | None,
                  no_mail: bool, output_format: str) -> None:
    """Write the weekly report: output/reports/weekly-<week>.xlsx (Summary, funnel,
    refusals, managers, receivables, sources, clients, trend, History) and each
    manager's own in output/reports/managers/; mail them as [analysis] says.
    """
    from crm_office.analysis.period import Week
    from crm_office.analysis.service import make_weekly_report

    config = load_office(ctx)
    week = Week.parse(week_text) if week_text else None
    with run_lock(config, "report"):
        result = make_weekly_report(config, week, manager, mail=False if no_mail else None)
    emit(result, output_format, lambda: render_analysis.weekly_report(result, config.locale))


@cli.command("run")
@config_option
@output_format_option
@click.pass_context
def run_command(ctx: click.Context, output_format: str) -> None:
    """Run the whole cycle once: check, sync, validate, documents, mailings, reminders,
    and the weekly report when one is due. Exits with 1 when a step failed.
    """
    from crm_office.cycle import run_cycle

    config = load_office(ctx)
    with run_lock(config, "run"), render.step_progress(ctx.obj["quiet"]) as step:
        result = run_cycle(config, on_step=step)
    emit_and_exit(ctx, result, output_format,
                  lambda: render_analysis.cycle_report(result, config.locale))


@cli.command()
@config_option
@click.pass_context
def serve(ctx: click.Context) -> None:
    """Run the office's jobs at their times until stopped (SIGTERM or Ctrl-C).

    Sync every [schedule] sync_every_minutes, reminders daily, the weekly report on
    its day, documents, the Campaigns sheet's Send column and mail fetch every few
    minutes, in the office's time zone; missed runs are caught up once after a
    restart; one scheduler per office; logs in output/logs/serve.log.
    """
    from crm_office.scheduling.serve import serve_office

    serve_office(load_office(ctx))


@cli.command()
@config_option
@output_format_option
@click.pass_context
def status(ctx: click.Context, output_format: str) -> None:
    """Show the last and the next run of every scheduled job."""
    from crm_office.scheduling.status import schedule_status

    config = load_office(ctx)
    report = schedule_status(config)
    emit(report, output_format, lambda: render_analysis.schedule_status(report, config.locale))


@cli.group(cls=OfficeGroup)
def schedule() -> None:
    """The schedule of `serve`, for the system's own scheduler."""


@schedule.command("export")
@config_option
@click.option("--cron", "kind", flag_value="cron", default=True, help="crontab lines.")
@click.option("--windows", "kind", flag_value="windows",
              help="Windows Task Scheduler (schtasks) commands.")
@click.option("--systemd", "kind", flag_value="systemd", help="A systemd unit running serve.")
@click.pass_context
def schedule_export(ctx: click.Context, kind: str) -> None:
    """Print the jobs of [schedule] as crontab lines, schtasks commands or a systemd unit."""
    from crm_office.scheduling.status import export_schedule

    click.echo(export_schedule(load_office(ctx), kind), nl=False)


def run_lock(config: Config, command: str, writes: bool = True) -> AbstractContextManager[Any]:
    """The office's run lock for a command that writes; nothing for one that only reads."""
    from crm_office.runlock import office_lock

    return office_lock(config, command) if writes else nullcontext()


def _make(ctx: click.Context, requests: Any, pdf: bool | None, dry_run: bool, new: bool,
          output_format: str, kinds: tuple[str, ...] = ()) -> None:
    """One documents run, under the office's run lock unless it is a dry run."""
    from crm_office.cli.documents import document_progress, documents_report
    from crm_office.documents.make import make_documents

    config = load_office(ctx)
    with run_lock(config, "documents", writes=not dry_run), \
            document_progress(ctx.obj["quiet"], config.locale) as advance:
        report = make_documents(config, requests, pdf=pdf, dry_run=dry_run, new=new,
                                on_progress=advance, kinds=kinds or None)
    emit_and_exit(ctx, report, output_format, lambda: documents_report(report, config.locale))


def _deal_command(kind: str, summary: str) -> None:
    from crm_office.cli.documents import document_options

    @cli.command(name=kind, help=summary,
                 short_help=summary.split("\n")[0].replace(" (e.g. D-000045)", ""))
    @config_option
    @click.argument("deal_id")
    @document_options
    @output_format_option
    @click.pass_context
    def command(ctx: click.Context, deal_id: str, pdf: bool | None, dry_run: bool, new: bool,
                output_format: str) -> None:
        from crm_office.documents.make import Request

        _make(ctx, [Request(kind, deal_id)], pdf, dry_run, new, output_format)


_deal_command("offer", "Make the commercial offer of a deal (e.g. D-000045) from its template.\n\n"
              "Numbers it, writes output/documents/<year>/offer/, records it in the Documents "
              "register and the contact log. A deal that has an offer gets none again without "
              "--new.")
_deal_command("invoice", "Make the invoice of a deal (e.g. D-000045) from its template.\n\n"
              "Numbers it, adds the payment QR (RUB, EUR), writes output/documents/<year>/"
              "invoice/, records it in the register, the contact log and the Invoices table.")
_deal_command("act", "Make the act (delivery note) of a deal (e.g. D-000045) from its template.")


@cli.command()
@config_option
@click.pass_context
@output_format_option
@click.option("--pdf/--no-pdf", default=None,
              help="Also make a PDF (default: documents.pdf in config.toml).")
@click.option("--dry-run", is_flag=True, help="Show what would be made; write nothing.")
@click.option("--new", is_flag=True, help="Make new documents even where some exist.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only this kind (repeatable); --kind reminder makes a payment reminder "
                   "for each client with overdue invoices.")
def documents(ctx: click.Context, output_format: str, pdf: bool | None, dry_run: bool,
              new: bool, kinds: tuple[str, ...]) -> None:
    """Make every document the funnel calls for that does not exist yet.

    An offer for each deal at a stage that documents.stage_requests maps to "offer",
    an invoice for each deal at the stage mapped to "invoice" (unless the Invoices
    table already has one for the deal). Payment reminder documents only with
    --kind reminder: otherwise the payment reminder mails carry them. Exits with 1 when
    a document failed.
    """
    _make(ctx, None, pdf, dry_run, new, output_format, kinds)


@cli.group(cls=OfficeGroup)
def templates() -> None:
    """Check the office's Word templates and list the fields they may use."""


@templates.command(name="check")
@config_option
@output_format_option
@click.pass_context
def templates_check(ctx: click.Context, output_format: str) -> None:
    """Render every template with a sample deal and report what is wrong, in plain words."""
    from crm_office.cli.documents import templates_report
    from crm_office.documents.templates_check import check_templates

    config = load_office(ctx)
    report = check_templates(config)
    emit_and_exit(ctx, report, output_format, lambda: templates_report(report, config.locale))


@templates.command(name="fields")
@config_option
@click.argument("kind")
@output_format_option
@click.pass_context
def templates_fields(ctx: click.Context, kind: str, output_format: str) -> None:
    """List every field a template of KIND (offer, invoice, act…) may use, with an example."""
    from crm_office.cli.documents import fields_table
    from crm_office.documents.fields import field_list, sample_context

    config = load_office(ctx)
    config.documents.kind(kind)
    fields = field_list(sample_context(config, kind), config.locale)
    if output_format == "json":
        click.echo(json.dumps(dict(fields), ensure_ascii=False, indent=2))
    else:
        fields_table(fields, kind, config.locale)


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
