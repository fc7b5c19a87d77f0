"""`crm-office mail ...`: test, preview, send, fetch. Each is one library call."""

from __future__ import annotations

import click

from crm_office.cli import mail_render
from crm_office.cli.main import (
    OfficeGroup,
    emit,
    emit_and_exit,
    output_format_option,
    run_lock,
)
from crm_office.cli.options import config_option, load_office


@click.group(cls=OfficeGroup)
def mail() -> None:
    """Mailings: test the transport, preview and send campaigns, read replies."""


@mail.command("test")
@config_option
@click.option("--to", "to", required=True, help="Address that gets the test message.")
@output_format_option
@click.pass_context
def mail_test(ctx: click.Context, to: str, output_format: str) -> None:
    """Send one test message through the configured transport and say what happened."""
    from crm_office.mail.operation import send_test

    config = load_office(ctx)
    report = send_test(config, to)
    emit_and_exit(ctx, report, output_format,
                  lambda: mail_render.test_report(report, config.locale))


@mail.command("preview")
@config_option
@click.argument("campaign")
@output_format_option
@click.pass_context
def mail_preview(ctx: click.Context, campaign: str, output_format: str) -> None:
    """Who would receive CAMPAIGN and why, who not and why; the first messages as .eml.

    Nothing is sent.
    """
    from crm_office.mail.operation import preview_campaign

    config = load_office(ctx)
    report = preview_campaign(config, campaign)
    emit(report, output_format, lambda: mail_render.mail_report(report, config.locale))


@mail.command("send")
@config_option
@click.argument("campaign")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Send at most N messages (a trial).")
@click.option("--resume", is_flag=True, help="Continue a campaign whose run was stopped.")
@click.option("--resend-uncertain", is_flag=True,
              help="Send again the messages a stopped run may or may not have sent (SMTP).")
@output_format_option
@click.pass_context
def mail_send(ctx: click.Context, campaign: str, limit: int | None, resume: bool,
              resend_uncertain: bool, output_format: str) -> None:
    """Send CAMPAIGN to every recipient not sent yet; never twice.

    Exits with 1 when a message failed or is uncertain, or a workbook could not be written.
    """
    from crm_office.mail.operation import send_campaign

    config = load_office(ctx)
    progress = mail_render.send_progress(ctx.obj["quiet"], config.locale)
    with run_lock(config, "mail send"), progress as advance:
        report = send_campaign(config, campaign, limit=limit, resume=resume,
                               resend_uncertain=resend_uncertain, on_progress=advance)
    emit_and_exit(ctx, report, output_format,
                  lambda: mail_render.mail_report(report, config.locale))


@mail.command("fetch")
@config_option
@output_format_option
@click.pass_context
def mail_fetch(ctx: click.Context, output_format: str) -> None:
    """Read replies and bounces from the mailbox: replies into the contact log, bounces
    onto the suppression list; each mailbox message once."""
    from crm_office.mail.fetch import fetch_mail

    config = load_office(ctx)
    with run_lock(config, "mail fetch"):
        report = fetch_mail(config)
    emit_and_exit(ctx, report, output_format,
                  lambda: mail_render.fetch_report(report, config.locale))


@mail.command("requests")
@config_option
@output_format_option
@click.pass_context
def mail_requests(ctx: click.Context, output_format: str) -> None:
    """Do what the Campaigns sheet's Send column asks: "test" sends a campaign's first three
    messages to its sender, "send" sends the campaign; each request done is cleared."""
    from crm_office.mail.requests_column import carry_out_requests

    config = load_office(ctx)
    with run_lock(config, "mail requests"):
        report = carry_out_requests(config)
    emit_and_exit(ctx, report, output_format,
                  lambda: mail_render.requests_report(report, config.locale))
