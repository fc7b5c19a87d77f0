"""Log payment reminders as rows of the contact log, through the write-back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from crm_office.analysis.texts import text
from crm_office.model.tables import CONTACT_TYPES
from crm_office.workbook.reader import read_table
from crm_office.writeback import FileStamp
from crm_office.writeback.patch import WorkbookPatch
from crm_office.writeback.service import OfficeWriter

if TYPE_CHECKING:
    from crm_office.config.model import Config
    from crm_office.reminders.payments import PaymentReminder


def log_reminders(config: Config, reminders: list[PaymentReminder],
                  today: date) -> tuple[list[PaymentReminder], str]:
    """Append one contact-log row per reminder; returns those logged and why not the rest."""
    if not reminders:
        return [], ""
    table_config = config.table("contacts")
    source = table_config.sources[0]
    stamp = FileStamp.of(source.path)
    read = read_table(table_config, config.locale)
    part = next((each for each in read.parts if each.source == source), None)
    if part is None:
        return [], f"{source.label} cannot be read: reminders wait for the next run"
    email = next(choice for choice in CONTACT_TYPES if choice.key == "email")
    patch = WorkbookPatch(source.path, stamp)
    sheet = patch.sheet(source.sheet)
    for item in reminders:
        values: dict[str, Any] = {
            "date": today, "client_id": item.client_id, "client": item.client,
            "manager": item.manager or None, "type": email.label(config.locale),
            "summary": text("payment_logged", config.locale, level=item.level,
                            invoice=item.invoice)}
        row: list[Any] = [None] * (part.first_column + part.width - 1)
        for key, value in values.items():
            if key in part.fields:
                row[part.excel_column(key) - 1] = value
        sheet.append_row(row)
    outcome = OfficeWriter.of(config.paths).apply(source.label, patch)
    if outcome.skipped:
        return [], f"{source.label}: {outcome.skipped}; reminders wait for the next run"
    return reminders, ""
