"""What the funnel calls for: documents that deals at a stage should have and do not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from crm_office.config.model import Config
from crm_office.documents.office_data import OfficeData
from crm_office.documents.reminders import overdue_invoices

if TYPE_CHECKING:
    from crm_office.documents.make import Request


def due_requests(config: Config, data: OfficeData, today: dt.date | None = None,
                 kinds: Collection[str] | None = None) -> list[Request]:
    """A request per deal at a stage of ``documents.stage_requests`` that lacks its document.

    A deal that already has an invoice in the Invoices table is not invoiced again; the
    store's register is checked when the request is made (``exists``). ``kinds`` keeps only
    those kinds. Payment reminders are made only when asked (``"reminder"`` in ``kinds``):
    one for each client with overdue invoices. Otherwise the payment reminder mails
    (:mod:`crm_office.reminders`) make them, when a reminder level is reached.
    """
    from crm_office.documents.make import Request

    stages = config.documents.stage_requests
    names = {label.casefold(): stage.name for stage in config.funnel.stages
             for label in (stage.name, stage.label_ru) if label}
    invoiced = {str(row.get("deal_id") or "").upper() for row in data.invoices}
    requests = []
    for placed in data.deals.values():
        typed = " ".join(str(placed.record.get("stage") or "").split()).casefold()
        kind = stages.get(names.get(typed, typed))
        deal_id = str(placed.record["id"])
        if kind is None or (kind == "invoice" and deal_id.upper() in invoiced) or (
                kinds is not None and kind not in kinds):
            continue
        requests.append(Request(kind, deal_id))
    if kinds is not None and "reminder" in kinds:
        today = dt.date.today() if today is None else today
        requests += [Request("reminder", str(records[0][0]["client_id"]))
                     for records in overdue_invoices(data, today).values()]
    return requests
