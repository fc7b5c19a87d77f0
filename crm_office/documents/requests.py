"""What the funnel calls for: documents that deals at a stage should have and do not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_office.config.model import Config
from crm_office.documents.office_data import OfficeData

if TYPE_CHECKING:
    from crm_office.documents.make import Request


def due_requests(config: Config, data: OfficeData) -> list[Request]:
    """A request per deal at a stage of ``documents.stage_requests`` that lacks its document.

    A deal that already has an invoice in the Invoices table is not invoiced again; the
    store's register is checked when the request is made (``exists``).
    """
    from crm_office.documents.make import Request

    stages = config.documents.stage_requests
    invoiced = {str(row.get("deal_id") or "").upper() for row in data.invoices}
    requests = []
    for placed in data.deals.values():
        kind = stages.get(str(placed.record.get("stage") or ""))
        deal_id = str(placed.record["id"])
        if kind is None or (kind == "invoice" and deal_id.upper() in invoiced):
            continue
        requests.append(Request(kind, deal_id))
    return requests
