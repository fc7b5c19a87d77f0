"""``[mail]`` and its sub-tables (smtp, exchange, graph, imap, campaigns) as the config holds
them; each key declared once, by its typed field (:func:`crm_office.config.keys.key`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crm_office.config.keys import NO_DEFAULT, key, made
from crm_office.config.office_model import Secret

_ENV = "{ env = \"NAME\" }"


@dataclass(frozen=True)
class SmtpSettings:
    """``[mail.smtp]``."""

    host: str = key("127.0.0.1", "SMTP server host.")
    port: int = key(25, "SMTP server port.")
    username: str = key("", "Login, if the server needs one.")
    password: Secret | None = key(None, f"Password: {_ENV}.", secret=True)
    starttls: bool = key(False, "Upgrade the connection with STARTTLS.")
    tls: str = key("none", "none, starttls or implicit (port 465); empty: starttls when "
                           "mail.smtp.starttls is true, else none.",
                   choices=("", "none", "starttls", "implicit"), file_default="")
    oauth_token: Secret | None = key(
        None, f"OAuth 2 access token for XOAUTH2 instead of a password: {_ENV}.", secret=True)
    timeout: float = key(30, "Seconds to wait for the server.")


@dataclass(frozen=True)
class ExchangeSettings:
    """``[mail.exchange]``: Exchange Web Services."""

    server: str = key("", "EWS host name.")
    username: str = key("", "Login (DOMAIN\\user or user@domain).")
    password: Secret | None = key(None, f"Password: {_ENV}.", secret=True)
    email: str = key("", "Mailbox that sends.")
    endpoint: str = key("", "Full EWS URL (https://host/EWS/Exchange.asmx); "
                            "empty: https://<server>/EWS/Exchange.asmx.")
    autodiscover: bool = key(False, "Find the EWS endpoint by autodiscover from "
                                    "mail.exchange.email.")
    auth: str = key("ntlm", "How to log in.", choices=("ntlm", "basic", "oauth"))
    access: str = key("delegate", "Send as the mailbox itself or a delegate (delegate), or by "
                                  "impersonation.", choices=("delegate", "impersonation"))
    client_id: str = key("", "App registration for auth = \"oauth\".")
    tenant_id: str = key("", "Tenant for auth = \"oauth\".")
    client_secret: Secret | None = key(None, f"App secret for auth = \"oauth\": {_ENV}.",
                                       secret=True)


@dataclass(frozen=True)
class GraphSettings:
    """``[mail.graph]``: Microsoft Graph (Microsoft 365)."""

    tenant_id: str = key("", "Directory (tenant) ID of the app registration.")
    client_id: str = key("", "Application (client) ID.")
    client_secret: Secret | None = key(None, f"Client secret: {_ENV}.", secret=True)
    mailbox: str = key("", "User ID or address of the mailbox that sends; default: "
                           "mail.sender.")
    authority: str = key("https://login.microsoftonline.com",
                         "Identity platform (change only for national clouds or tests).")
    api: str = key("https://graph.microsoft.com/v1.0", "Graph API root.")


@dataclass(frozen=True)
class ImapSettings:
    """``[mail.imap]``: the mailbox ``mail fetch`` reads."""

    host: str = key("", "IMAP server host.")
    port: int = key(993, "IMAP server port.")
    tls: str = key("implicit", "none, starttls or implicit.",
                   choices=("none", "starttls", "implicit"))
    username: str = key("", "Login.")
    password: Secret | None = key(None, f"Password: {_ENV}.", secret=True)
    folder: str = key("INBOX", "Folder with replies and bounces.")


@dataclass(frozen=True)
class CampaignSettings:
    """A campaign as config.toml defines it (``[mail.campaigns.<key>]``)."""

    name: str = key("", "Campaign name (default: the key, or the Campaigns sheet's row).")
    subject: str = key("", "Subject (Jinja), e.g. \"Offer for {{ client.name }}\".")
    html: str = key("", "HTML body template file, in paths.templates.")
    text: str = key("", "Plain-text body template file, in paths.templates.")
    filters: dict[str, tuple[str, ...]] = key(
        {}, "Client columns and the values to send to: {segment = [\"large\"], region = "
            "[\"North\"]}; also industry, status, manager, source.")
    overdue: bool = key(False, "Only clients with an overdue invoice.")
    clients: tuple[str, ...] = key((), "A saved list: only these client IDs.")
    attachments: tuple[str, ...] = key((), "Files attached to every message, in "
                                           "paths.templates.")
    sender: str = key("", "From address; default: mail.sender.")
    documents: tuple[str, ...] = key(
        (), "A document made per recipient and attached: [\"offer\"] (the offer of each of "
            "the client's open deals) and/or [\"invoice\"] (its overdue invoices); a client "
            "whose document cannot be made is left out with the reason.")
    key: str = made(kw_only=True)
    """The campaign's key in config.toml (or the Campaigns sheet's ID)."""


@dataclass(frozen=True)
class Mail:
    """``[mail]``: the transport, pacing and campaigns."""

    transport: str = key(NO_DEFAULT, "How mail leaves: outbox (.eml files), smtp, exchange "
                                     "(EWS), graph (Microsoft 365).",
                         choices=("outbox", "smtp", "exchange", "graph"), file_default="outbox")
    sender: str = key(NO_DEFAULT, "From address of every message.", file_default="")
    outbox: Path = key(NO_DEFAULT, "Folder (inside paths.output) for the outbox transport.",
                       file_type=str, file_default="outbox")
    smtp: SmtpSettings = key(NO_DEFAULT, "SMTP server settings.", file_type=dict,
                             file_default={})
    exchange: ExchangeSettings = key(NO_DEFAULT, "Exchange (EWS) server settings.",
                                     file_type=dict, file_default={})
    sender_name: str = key("", "Display name of the sender (e.g. the office's name).")
    unsubscribe: str = key("", "Address that takes opt-outs (mailto: link and "
                               "List-Unsubscribe); default: sender.")
    rate_per_minute: float = key(0, "At most this many messages a minute (Exchange Online "
                                    "allows about 30; 0: no limit).")
    daily_limit: int = key(0, "At most this many messages a day over all campaigns (Exchange "
                              "Online: 10,000 recipients; 0: no limit); the rest goes out on "
                              "the next run after midnight.")
    retries: int = key(5, "How often a message refused for now (4xx, busy, 429) is retried.")
    backoff_seconds: float = key(2, "First wait before a retry (doubled each time) when the "
                                    "server names none.")
    journal_batch: int = key(20, "Messages marked 'sending' per store commit (a killed run "
                                 "leaves at most these uncertain).")
    send_window: str = key("", "Hours messages may go out, e.g. \"09:00-18:00\" (empty: any).")
    send_days: tuple[str, ...] = key((), "Days messages may go out, e.g. [\"mon\", ..., "
                                         "\"fri\"] (empty: every day).")
    time_zone: str = key("UTC", "Time zone of the send window, e.g. Europe/Moscow.")
    suppression_sheet: str = key(
        "", "Engine-kept sheet (in the campaigns workbook) of addresses never mailed again "
            "(empty: Suppression, «Исключения» in a Russian office).")
    preview_count: int = key(3, "How many messages `mail preview` renders to .eml files.")
    graph: GraphSettings = key(GraphSettings(), "Microsoft Graph (Microsoft 365) settings.",
                               file_type=dict, file_default={})
    imap: ImapSettings = key(ImapSettings(), "IMAP mailbox that `mail fetch` reads (smtp "
                                             "transport).", file_type=dict, file_default={})
    campaigns: dict[str, CampaignSettings] = key({}, "Campaigns defined in the config, by "
                                                     "campaign ID or name.")
