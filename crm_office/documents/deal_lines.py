"""A deal's priced lines: its items with the price list, or its planned amount as one line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crm_office.config.model import Config
from crm_office.documents.money import ItemInput, Totals, compute_totals
from crm_office.documents.office_data import OfficeData
from crm_office.errors import DocumentError

Record = dict[str, Any]


@dataclass(frozen=True)
class DealFacts:
    """Everything a deal document says, before it has a number."""

    deal_id: str
    deal: Record
    client_id: str
    client: Record
    totals: Totals


def deal_facts(config: Config, data: OfficeData, deal_id: str) -> DealFacts:
    """The deal, its client and its priced lines; a DocumentError says what is missing."""
    placed = data.deals.get(deal_id.strip().upper())
    if placed is None:
        raise DocumentError(f"there is no deal {deal_id} in the Deals sheet",
                            hint="check the Deal ID (e.g. D-000045) in the deals workbook")
    deal, where = placed.record, f"{placed.path.name}, sheet '{placed.sheet}', row {placed.row}"
    client_id = str(deal.get("client_id") or "").strip()
    if not client_id:
        raise DocumentError(f"deal {deal['id']} has no client ({where})",
                            hint="type the client's ID into the deal's Client ID cell")
    client = data.clients.get(client_id.upper())
    if client is None:
        raise DocumentError(f"client {client_id} of deal {deal['id']} is not in the Clients "
                            f"sheet ({where})", hint="correct the Client ID or add the client")
    items = [_item(config, data, record, str(deal["id"]))
             for record in data.items.get(str(deal["id"]).upper(), [])]
    if not items:
        items = [_planned(config, deal, where)]
    totals = compute_totals(items, config.office.currency,
                            prices_include_vat=config.documents.prices_include_vat)
    return DealFacts(str(deal["id"]), deal, str(client.get("id") or client_id), client, totals)


def _item(config: Config, data: OfficeData, record: Record, deal_id: str) -> ItemInput:
    code = str(record.get("product_code") or "").strip()
    product = data.products.get(code.upper())
    if product is None:
        raise DocumentError(f"product {code or '(empty)'} of deal {deal_id} is not in the "
                            "price list", hint="add it to the price list or correct the "
                                               "product code in Deal items")
    price = record.get("price")
    price = product.get("price") if price is None else price
    rate = product.get("vat_rate")
    return ItemInput(name=str(product.get("name") or code), code=code,
                     quantity=Decimal(record.get("quantity") or 0),
                     unit=str(product.get("unit") or ""), price=Decimal(price or 0),
                     discount=Decimal(record.get("discount") or 0),
                     vat_rate=Decimal(config.office.vat_rate if rate is None else rate))


def _planned(config: Config, deal: Record, where: str) -> ItemInput:
    if deal.get("amount") is None:
        raise DocumentError(f"deal {deal['id']} has neither items nor a planned amount "
                            f"({where})", hint="add its items in Deal items, or a planned amount")
    return ItemInput(name=str(deal.get("title") or deal["id"]), quantity=Decimal(1), unit="",
                     price=Decimal(deal["amount"]), vat_rate=config.office.vat_rate)
