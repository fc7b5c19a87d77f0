"""Every config.toml key declared once: type, default and help.

The loader checks files against these declarations and the documentation
test checks README against them, so a key cannot exist without help.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from crm_office.config.analysis_model import Analysis, Commission, ReminderLevel, Reminders
from crm_office.config.keys import SAME

REQUIRED = object()
"""Default for keys that must be present."""


@dataclass(frozen=True)
class Setting:
    """One declared key of a config section."""

    key: str
    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    secret: bool = False


OFFICE = (
    Setting("name", str, REQUIRED, "Trading name shown on documents and reports."),
    Setting("legal_name", str, "", "Full legal name for invoices."),
    Setting("tax_id", str, "", "The company's own tax number (INN, VAT ID)."),
    Setting("address", str, "", "Registered address."),
    Setting("phone", str, "", "Office phone printed on documents."),
    Setting("email", str, "", "Office e-mail printed on documents."),
    Setting("website", str, "", "Web site printed on documents."),
    Setting("bank_name", str, "", "Bank for payments."),
    Setting("bank_account", str, "", "Account number or IBAN."),
    Setting("bank_code", str, "", "BIC / SWIFT or Russian БИК."),
    Setting("vat_rate", (int, float), 20, "VAT rate in percent (0 for none)."),
    Setting("currency", str, "EUR", "ISO currency code of all amounts, e.g. EUR, RUB, UAH."),
    Setting("locale", str, "en", "Language of messages, documents and new workbooks.",
            choices=("en", "ru")),
    Setting("country", str, "GB", "Default country for phone numbers (ISO code, e.g. RU)."),
    Setting("phone_style", str, "international",
            "How the office writes phone numbers: international (+7 912 345-01-07) or "
            "national (8 (912) 345-01-07); validate reports and --fix rewrites the others.",
            choices=("international", "national")),
    Setting("lock_wait_seconds", (int, float), 60,
            "How long a command waits for another crm-office run of this office to finish "
            "before it gives up (0: do not wait)."),
    Setting("kpp", str, "", "Russian КПП (tax registration reason code), printed on invoices."),
    Setting("correspondent_account", str, "", "The bank's correspondent account (корр. счёт)."),
    Setting("head_name", str, "", "Name of the head who signs documents (руководитель)."),
    Setting("accountant_name", str, "", "Name of the chief accountant who signs invoices."),
    Setting("logo", str, "", "Logo picture (PNG or JPEG) printed 40 mm wide where a template "
            "says {{ logo }}, relative to paths.templates; empty for none."),
)

PATHS = (
    Setting("workbooks", str, "workbooks", "Folder of the staff workbooks."),
    Setting("templates", str, "templates",
            "Folder of the Word templates (needed only once documents are made)."),
    Setting("output", str, "output", "Folder for generated documents, reports and the outbox."),
    Setting("store", str, "crm-office.sqlite", "Embedded store file (or a database URL)."),
    Setting("backups", str, ".backups", "Folder for workbook backups before each write."),
    Setting("keep_backups", int, 10, "How many backups of each workbook to keep."),
)

TABLE = (
    Setting("file", str, "", "Workbook of the table, relative to paths.workbooks."),
    Setting("sheet", str, "", "Sheet of the table in that workbook."),
    Setting("sources", list, [], "Several places of one table: [{file = ..., sheet = ...}]."),
    Setting("aliases", dict, {}, "Extra headers per column: {name = [\"Organisation\"]}."),
    Setting("id_format", str, "",
            "How new IDs are written, e.g. \"К-{n:04d}\", \"{n}\", \"CL/{year}/{n}\"; "
            "empty: learnt from the IDs the table has (default PREFIX-{n:06d})."),
)

SOURCE = (
    Setting("file", str, REQUIRED, "Workbook, relative to paths.workbooks."),
    Setting("sheet", str, REQUIRED, "Sheet name."),
)

FUNNEL = (
    Setting("stages", list, REQUIRED, "Sales stages in order: [{name, label_ru, probability}]."),
    Setting("won", str, "won", "Stage that closes a deal as won."),
    Setting("lost", str, "lost", "Stage that closes a deal as lost."),
    Setting("stall_days", dict, {}, "Days after which a deal in a stage counts as stalled."),
)

STAGE = (
    Setting("name", str, REQUIRED, "Stage name as typed in the Deals sheet."),
    Setting("label_ru", str, "", "Russian name also accepted in the sheet."),
    Setting("probability", (int, float), REQUIRED, "Win probability in percent (0-100)."),
)

MAIL = (
    Setting("transport", str, "outbox",
            "How mail leaves: outbox (.eml files), smtp, exchange (EWS), graph (Microsoft 365).",
            choices=("outbox", "smtp", "exchange", "graph")),
    Setting("sender", str, "", "From address of every message."),
    Setting("outbox", str, "outbox", "Folder (inside paths.output) for the outbox transport."),
    Setting("smtp", dict, {}, "SMTP server settings."),
    Setting("exchange", dict, {}, "Exchange (EWS) server settings."),
    Setting("sender_name", str, "", "Display name of the sender (e.g. the office's name)."),
    Setting("unsubscribe", str, "",
            "Address that takes opt-outs (mailto: link and List-Unsubscribe); default: sender."),
    Setting("rate_per_minute", (int, float), 0,
            "At most this many messages a minute (Exchange Online allows about 30; 0: no limit)."),
    Setting("daily_limit", int, 0,
            "At most this many messages a day over all campaigns (Exchange Online: 10,000 "
            "recipients; 0: no limit); the rest goes out on the next run after midnight."),
    Setting("retries", int, 5, "How often a message refused for now (4xx, busy, 429) is retried."),
    Setting("backoff_seconds", (int, float), 2,
            "First wait before a retry (doubled each time) when the server names none."),
    Setting("journal_batch", int, 20,
            "Messages marked 'sending' per store commit (a killed run leaves at most these "
            "uncertain)."),
    Setting("send_window", str, "",
            "Hours messages may go out, e.g. \"09:00-18:00\" (empty: any)."),
    Setting("send_days", list, [], "Days messages may go out, e.g. [\"mon\", ..., \"fri\"] "
            "(empty: every day)."),
    Setting("time_zone", str, "UTC", "Time zone of the send window, e.g. Europe/Moscow."),
    Setting("suppression_sheet", str, "",
            "Engine-kept sheet (in the campaigns workbook) of addresses never mailed again "
            "(empty: Suppression, «Исключения» in a Russian office)."),
    Setting("preview_count", int, 3, "How many messages `mail preview` renders to .eml files."),
    Setting("graph", dict, {}, "Microsoft Graph (Microsoft 365) settings."),
    Setting("imap", dict, {}, "IMAP mailbox that `mail fetch` reads (smtp transport)."),
    Setting("campaigns", dict, {}, "Campaigns defined in the config, by campaign ID or name."),
)

SMTP = (
    Setting("host", str, "127.0.0.1", "SMTP server host."),
    Setting("port", int, 25, "SMTP server port."),
    Setting("username", str, "", "Login, if the server needs one."),
    Setting("password", dict, None, "Password: { env = \"NAME\" }.", secret=True),
    Setting("starttls", bool, False, "Upgrade the connection with STARTTLS."),
    Setting("tls", str, "", "none, starttls or implicit (port 465); empty: starttls when "
            "mail.smtp.starttls is true, else none.", choices=("", "none", "starttls", "implicit")),
    Setting("oauth_token", dict, None,
            "OAuth 2 access token for XOAUTH2 instead of a password: { env = \"NAME\" }.",
            secret=True),
    Setting("timeout", (int, float), 30, "Seconds to wait for the server."),
)

EXCHANGE = (
    Setting("server", str, "", "EWS host name."),
    Setting("username", str, "", "Login (DOMAIN\\user or user@domain)."),
    Setting("password", dict, None, "Password: { env = \"NAME\" }.", secret=True),
    Setting("email", str, "", "Mailbox that sends."),
    Setting("endpoint", str, "", "Full EWS URL (https://host/EWS/Exchange.asmx); "
            "empty: https://<server>/EWS/Exchange.asmx."),
    Setting("autodiscover", bool, False,
            "Find the EWS endpoint by autodiscover from mail.exchange.email."),
    Setting("auth", str, "ntlm", "How to log in.", choices=("ntlm", "basic", "oauth")),
    Setting("access", str, "delegate",
            "Send as the mailbox itself or a delegate (delegate), or by impersonation.",
            choices=("delegate", "impersonation")),
    Setting("client_id", str, "", "App registration for auth = \"oauth\"."),
    Setting("tenant_id", str, "", "Tenant for auth = \"oauth\"."),
    Setting("client_secret", dict, None, "App secret for auth = \"oauth\": { env = \"NAME\" }.",
            secret=True),
)

GRAPH = (
    Setting("tenant_id", str, "", "Directory (tenant) ID of the app registration."),
    Setting("client_id", str, "", "Application (client) ID."),
    Setting("client_secret", dict, None, "Client secret: { env = \"NAME\" }.", secret=True),
    Setting("mailbox", str, "",
            "User ID or address of the mailbox that sends; default: mail.sender."),
    Setting("authority", str, "https://login.microsoftonline.com",
            "Identity platform (change only for national clouds or tests)."),
    Setting("api", str, "https://graph.microsoft.com/v1.0", "Graph API root."),
)

IMAP = (
    Setting("host", str, "", "IMAP server host."),
    Setting("port", int, 993, "IMAP server port."),
    Setting("tls", str, "implicit", "none, starttls or implicit.",
            choices=("none", "starttls", "implicit")),
    Setting("username", str, "", "Login."),
    Setting("password", dict, None, "Password: { env = \"NAME\" }.", secret=True),
    Setting("folder", str, "INBOX", "Folder with replies and bounces."),
)

CAMPAIGN = (
    Setting("name", str, "", "Campaign name (default: the key, or the Campaigns sheet's row)."),
    Setting("subject", str, "", "Subject (Jinja), e.g. \"Offer for {{ client.name }}\"."),
    Setting("html", str, "", "HTML body template file, in paths.templates."),
    Setting("text", str, "", "Plain-text body template file, in paths.templates."),
    Setting("filters", dict, {}, "Client columns and the values to send to: "
            "{segment = [\"large\"], region = [\"North\"]}; also industry, status, manager, "
            "source."),
    Setting("overdue", bool, False, "Only clients with an overdue invoice."),
    Setting("clients", list, [], "A saved list: only these client IDs."),
    Setting("attachments", list, [], "Files attached to every message, in paths.templates."),
    Setting("sender", str, "", "From address; default: mail.sender."),
    Setting("documents", list, [],
            "A document made per recipient and attached: [\"offer\"] (the offer of each of "
            "the client's open deals) and/or [\"invoice\"] (its overdue invoices); a client "
            "whose document cannot be made is left out with the reason."),
)

SCHEDULE = (
    Setting("sync_every_minutes", int, 10, "Minutes between two syncs."),
    Setting("reminders_at", str, "08:30", "Time of day for reminders (HH:MM)."),
    Setting("weekly_report_day", str, "monday", "Day of the weekly report.",
            choices=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                     "sunday")),
    Setting("weekly_report_at", str, "07:00", "Time of the weekly report (HH:MM)."),
    Setting("time_zone", str, "",
            "The office's time zone (e.g. Europe/Moscow) for the times above; "
            "empty: this computer's."),
    Setting("working_days_only", bool, True,
            "Sync only Monday to Friday (reminders and the report keep their days)."),
    Setting("documents_every_minutes", int, 10,
            "Minutes between two runs of `documents` (the Deals request column and what the "
            "funnel calls for); 0: not scheduled. Working days only as sync."),
    Setting("mailings_every_minutes", int, 10,
            "Minutes between two looks at the Campaigns sheet's Send column (`mail requests`); "
            "0: not scheduled. Working days only as sync."),
    Setting("mail_fetch_every_minutes", int, 10,
            "Minutes between two reads of replies and bounces (`mail fetch`, when the office "
            "has a mailbox to read); 0: not scheduled. Working days only as sync."),
)

RULES = (
    Setting("required", list, [], "More required columns of the table, by field key."),
    Setting("choices", dict, {}, "Allowed values per column: {industry = [\"travel\", ...]}."),
    Setting("patterns", dict, {}, "A regular expression per column the whole value must match."),
    Setting("conditions", list, [], "Conditional rules: [{when = {...}, require = [...]}]."),
)

CONDITION = (
    Setting("when", dict, REQUIRED, "Field values that switch the rule on: {status = \"active\"}."),
    Setting("require", list, REQUIRED, "Fields that must then be filled in."),
    Setting("message", str, "", "What to tell the person, instead of the default text."),
)

SYNC = (
    Setting("manager_views", bool, True, "Write workbooks/<views>/<manager>.xlsx views."),
    Setting("views_folder", str, "managers", "Folder of the manager views, in paths.workbooks."),
    Setting("conflicts_sheet", str, "", "Engine-owned sheet listing open conflicts "
            "(default: Conflicts, in a Russian office Конфликты)."),
    Setting("assignment", list, [],
            "Lead distribution rules: [{manager, regions = [...], industries = [...]}]."),
)

ASSIGNMENT = (
    Setting("manager", str, REQUIRED, "Manager (as in the Managers sheet) who gets the leads."),
    Setting("regions", list, [], "Regions whose new leads go to this manager."),
    Setting("industries", list, [], "Industries whose new leads go to this manager."),
)

DOCUMENTS = (
    Setting("kinds", dict, {},
            "Document kinds by name: {offer = {template = \"offer.docx\", number = ...}}; "
            "offer, invoice, act and reminder are built in."),
    Setting("payment_days", int, 14, "Days from an invoice's date to its due date."),
    Setting("prices_include_vat", bool, False,
            "Prices in the price list and deal items include VAT (else VAT is added)."),
    Setting("pdf", bool, False, "Also make a PDF of every document (LibreOffice)."),
    Setting("pdf_archive", bool, False, "Make the PDFs PDF/A-2b, for offices that archive them."),
    Setting("qr", bool, True,
            "Payment QR code on invoices: ГОСТ Р 56042-2014 for RUB, EPC for EUR."),
    Setting("register_sheet", str, "Documents",
            "Engine-owned sheet listing every document, in the deals workbook."),
    Setting("request_column", str, "",
            "Header of a column in Deals where staff ask for a document (offer, invoice, act); "
            "the engine adds it and its result columns when missing."),
    Setting("stage_requests", dict, {},
            "Funnel stages that ask for a document: {offer = \"offer\", invoiced = \"invoice\"}."),
)

DOCUMENT_KIND = (
    Setting("template", str, REQUIRED, "Word template of the kind, relative to paths.templates."),
    Setting("number", str, "{kind}-{year}-{n:05d}",
            "Number pattern: {year}, {n} (zero-padded: {n:05d}) and {kind}."),
    Setting("label", str, "", "What the register and the contact log call it (e.g. \"offer\")."),
)

ROOT = (
    Setting("office", dict, REQUIRED, "The company: name, legal details, bank, VAT, locale."),
    Setting("paths", dict, {}, "Where workbooks, templates and output live."),
    Setting("tables", dict, REQUIRED, "Which workbook and sheet hold each table."),
    Setting("funnel", dict, {}, "The sales funnel (required when there is a deals table)."),
    Setting("mail", dict, {}, "The mail transport."),
    Setting("schedule", dict, {}, "When `serve` runs each job."),
    Setting("rules", dict, {}, "Extra validation rules per table."),
    Setting("validation", dict, {}, "How problems are shown in the workbooks."),
    Setting("sync", dict, {}, "How `sync` merges the workbooks."),
    Setting("documents", dict, {}, "Offers, invoices and other documents from Word templates."),
    Setting("analysis", dict, {}, "The weekly analysis and its report."),
    Setting("reminders", dict, {}, "Morning lists for managers and payment reminders."),
    Setting("commission", dict, {}, "How managers' commission is worked out."),
)

VALIDATION = (
    Setting("mark_cells", bool, True, "Fill problem cells and add a note saying what is wrong."),
    Setting("issues_sheet", str, "", "Name of the engine-owned sheet listing all problems "
            "(default: Issues, in a Russian office Проблемы)."),
    Setting("mark_severities", list, ["error", "warning"],
            "Severities that get a mark in the cell (info is only listed)."),
    Setting("keep_backups", int, None,
            "Old place of paths.keep_backups: still read (with a warning) when that is unset."),
)

SECTIONS: dict[str, tuple[Setting, ...]] = {
    "": ROOT, "office": OFFICE, "paths": PATHS, "tables.*": TABLE,
    "tables.*.sources[]": SOURCE, "funnel": FUNNEL, "funnel.stages[]": STAGE, "mail": MAIL,
    "mail.smtp": SMTP, "mail.exchange": EXCHANGE, "mail.graph": GRAPH, "mail.imap": IMAP,
    "mail.campaigns.*": CAMPAIGN, "schedule": SCHEDULE, "rules.*": RULES,
    "rules.*.conditions[]": CONDITION, "validation": VALIDATION, "sync": SYNC,
    "sync.assignment[]": ASSIGNMENT, "documents": DOCUMENTS, "documents.kinds.*": DOCUMENT_KIND,
}


def settings_of(section: type) -> tuple[Setting, ...]:
    """The declarations of a section whose keys are declared by their typed fields
    (:func:`crm_office.config.keys.key`): type, default, help and choices from each field."""
    return tuple(_declaration(item) for item in dataclasses.fields(section))


def _declaration(item: dataclasses.Field[Any]) -> Setting:
    meta = item.metadata
    default = meta["file_default"]
    if default is SAME:
        default = item.default_factory() if item.default is dataclasses.MISSING \
            and item.default_factory is not dataclasses.MISSING else item.default
    if default is dataclasses.MISSING:
        default = REQUIRED
    kind = meta["file_type"] or _FILE_TYPES.get(str(item.type).split("[")[0])
    if kind is None:
        raise TypeError(f"{item.name}: say file_type= for a field of type {item.type}")
    return Setting(item.name, kind, list(default) if isinstance(default, tuple) else default,
                   meta["help"], choices=meta["choices"])


_FILE_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str, "int": int, "bool": bool, "float": (int, float), "Decimal": (int, float),
    "tuple": list, "dict": dict}
"""How config.toml writes a value of each field type (a tuple as a list, a Decimal as a
number)."""


def setting(section: str, key: str) -> Setting:
    """The declaration of ``key`` in ``section`` (e.g. "validation", "keep_backups")."""
    return next(item for item in SECTIONS[section] if item.key == key)

ANALYSIS = settings_of(Analysis)
REMINDERS = settings_of(Reminders)
REMINDER_LEVEL = settings_of(ReminderLevel)
COMMISSION = settings_of(Commission)
"""Declared by their typed fields, in crm_office/config/analysis_model.py."""

SECTIONS.update({"analysis": ANALYSIS, "reminders": REMINDERS,
                 "reminders.levels[]": REMINDER_LEVEL, "commission": COMMISSION})

def declared(section: str, key: str) -> Any:
    """The default of ``key`` in ``section`` as the config dataclasses hold it (a list as a
    tuple): the dataclasses take their defaults from here, so each is written once."""
    value = setting(section, key).default
    return tuple(value) if isinstance(value, list) else value
