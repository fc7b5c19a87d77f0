"""Log the payment reminders that went out as rows of the contact log, through the write-back.

The mail journal says which reminders were sent and not logged yet (campaigns
``reminder:<INVOICE>:<level>``, the client as the recipient); each becomes one e-mail row
(``Payment reminder (7 days) for invoice INV-1``) and is then marked logged. A contact log
that cannot be written now (open in Excel) is caught up on the next run: no row is lost,
none written twice, and the journal keeps the reminder from being mailed again meanwhile.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from crm_office.catalogue import say
from crm_office.mail import journal as jr
from crm_office.reminders.payments import CAMPAIGN, LOGGED, invoice_and_level
from crm_office.store.schema import mail_journal as table

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Config
    from crm_office.store.store import Store


def log_sent_reminders(config: Config, frames: OfficeFrames, today: date) -> tuple[int, str]:
    """Append a row per reminder sent and not logged yet; (rows written, why not)."""
    from crm_office.mail.logbook import append_contacts
    from crm_office.store.store import Store
    from crm_office.writeback.service import OfficeWriter

    if "contacts" not in config.tables:
        return 0, ""  # an office without a contact log: the journal alone remembers
    with Store.open(config.paths.store, config.paths.root) as store:
        entries = store.read(_unlogged)
        if not entries:
            return 0, ""
        clients = frames["clients"].drop_duplicates("client_key").set_index("client_key")
        rows = [_row(config, clients, campaign, entry, today) for campaign, entry in entries]
        outcome = append_contacts(config, rows, OfficeWriter.of(config.paths))
        if outcome is None or not outcome.written:
            source = config.table("contacts").sources[0]
            why = outcome.skipped if outcome is not None else source.label
            return 0, say("analysis.reminder_log_later", config.locale, why=why)
        _mark(store, entries)
    return len(rows), ""


def _row(config: Config, clients: Any, campaign: str, entry: jr.Entry,
         today: date) -> dict[str, Any]:
    invoice, level = invoice_and_level(campaign)
    from crm_office.analysis.frames import fold

    key = fold(entry.recipient)
    manager = clients["manager"].get(key) if "manager" in clients else None
    name = clients["name"].get(key) if "name" in clients else None
    return {"date": entry.sent_at.date() if entry.sent_at else today,
            "client_id": entry.recipient, "client": name if isinstance(name, str) else None,
            "manager": manager if isinstance(manager, str) else None,
            "summary": say(LOGGED, config.locale, level=level, invoice=invoice),
            "result": entry.address}


def _unlogged(conn: Connection) -> list[tuple[str, jr.Entry]]:
    rows = conn.execute(sa.select(table).where(
        table.c.campaign.startswith(CAMPAIGN, autoescape=True), table.c.state == jr.SENT,
        table.c.logged == sa.false()).order_by(table.c.sent_at)).mappings()
    return [(row["campaign"], jr.Entry(row["recipient"], row["address"], row["state"],
                                       row["mail_key"], row["message_id"], row["transport"],
                                       row["subject"], row["reason"], bool(row["final"]),
                                       row["sent_at"])) for row in rows]


def _mark(store: Store, entries: list[tuple[str, jr.Entry]]) -> None:
    for campaign, entry in entries:
        jr.mark_logged(store, campaign, [entry.recipient])
