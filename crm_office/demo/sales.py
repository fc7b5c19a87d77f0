"""Deals over the funnel and their line items from the price list."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from crm_office.demo.catalogue import PRODUCTS, Product, group_label, product_codes
from crm_office.demo.seed import CENT, Row, between, days_ago, later, make_id, pick, rng_for
from crm_office.demo.vocabulary import Words

STAGE_COUNTS = {"won": 130, "lost": 110, "lead": 15, "qualification": 20, "needs": 25,
                "demo": 20, "offer": 25, "negotiation": 20, "contract": 15, "invoiced": 20}
"""How many demo deals stand at each funnel stage (400 in all)."""

CLOSED = ("won", "lost")
EARLY = ("lead", "qualification")
CLIENT_STATUS_FOR = {
    "won": {"active": 85, "inactive": 15},
    "lost": {"prospect": 40, "active": 40, "inactive": 20},
    "early": {"lead": 60, "prospect": 40},
    "open": {"prospect": 50, "active": 50},
}
REFUSAL_WEIGHTS = {"no_benefit": 40, "no_budget": 15, "competitor": 13, "timing": 12,
                   "no_response": 12, "other": 5, "price": 3}
LOST_AT_WEIGHTS = {"lead": 3, "qualification": 15, "needs": 20, "demo": 18, "offer": 22,
                   "negotiation": 15, "contract": 5}
GROUP_WEIGHTS = {"tours": 30, "events": 25, "business": 20, "visas": 10, "transfers": 10,
                 "services": 5}
ADD_ONS = {"tours": ("transfers", "insurance", "visas"), "events": ("events", "transfers"),
           "business": ("business", "insurance"), "visas": ("visas", "insurance"),
           "transfers": ("transfers",), "services": ("services", "business")}
ITEM_COUNT_WEIGHTS = {1: 30, 2: 35, 3: 25, 4: 10}
DISCOUNT_WEIGHTS = {0: 55, 5: 20, 10: 18, 15: 7}
PER_HEAD = ("person", "policy")



def _on_sale() -> dict[str, list[tuple[str, Product]]]:
    """Active products with their codes, by group."""
    groups: dict[str, list[tuple[str, Product]]] = {}
    for code, product in zip(product_codes(), PRODUCTS, strict=True):
        if product.active:
            groups.setdefault(product.group, []).append((code, product))
    return groups


ON_SALE = _on_sale()


def deals(locale: str, words: Words, clients: list[Row], until: dict[str, date],
          campaigns: list[Row]) -> tuple[list[Row], list[Row]]:
    """About 400 deals and their 1-4 items each, numbered in the order they were opened."""
    rng = rng_for(locale, "deals")
    pools = _pools(clients)
    stages = [stage for stage, count in STAGE_COUNTS.items() for _ in range(count)]
    rng.shuffle(stages)
    drafts = [_deal(rng, locale, words, stage, pools, until, campaigns) for stage in stages]
    drafts.sort(key=lambda pair: (pair[0]["created"], pair[0]["client_id"]))
    deal_rows: list[Row] = []
    item_rows: list[Row] = []
    for number, (deal, lines) in enumerate(drafts, start=1):
        deal["id"] = make_id("D", number)
        deal_rows.append(deal)
        for line in lines:
            item_rows.append({"id": make_id("DI", len(item_rows) + 1), "deal_id": deal["id"],
                              **line})
    return deal_rows, item_rows


def _pools(clients: list[Row]) -> dict[str, list[Row]]:
    """Clients with a manager, by status."""
    pools: dict[str, list[Row]] = {}
    for client in clients:
        if client["manager"]:
            pools.setdefault(client["status"], []).append(client)
    return pools


def _deal(rng: random.Random, locale: str, words: Words, stage: str,
          pools: dict[str, list[Row]], until: dict[str, date],
          campaigns: list[Row]) -> tuple[Row, list[Row]]:
    kind = stage if stage in CLOSED else "early" if stage in EARLY else "open"
    while True:
        client = rng.choice(pools[pick(rng, CLIENT_STATUS_FOR[kind])])
        dates = _dates(rng, stage, client["created"], until[client["id"]])
        if dates is not None:
            break
    created, expected, closed = dates
    group = pick(rng, GROUP_WEIGHTS)
    headcount = rng.randint(6, 60)
    lines = _lines(rng, group, headcount, locale)
    title = rng.choice(words.deal_titles[group]).format(n=headcount, year=expected.year)
    deal: Row = {
        "title": title, "client_id": client["id"], "manager": client["manager"],
        "stage": stage, "created": created, "amount": sum(line_amount(line) for line in lines),
        "expected_close": expected, "closed": closed,
        "product_group": group_label(group, locale),
        "campaign_id": _campaign(rng, created, campaigns),
    }
    if stage == "lost":
        deal["refusal_reason"] = pick(rng, REFUSAL_WEIGHTS)
        deal["lost_at_stage"] = pick(rng, LOST_AT_WEIGHTS)
    return deal, lines


def _dates(rng: random.Random, stage: str, client_created: date,
           last_active: date) -> tuple[date, date, date | None] | None:
    """Opened, expected close and closed dates; None if the client's time cannot hold it."""
    last = min(last_active, days_ago(1))
    if stage in CLOSED:
        latest_start = last - timedelta(days=20)
        if latest_start < client_created:
            return None
        created = between(rng, client_created, latest_start)
        closed = min(later(rng, created, 7, 120), last)
        return created, later(rng, created, 20, 90), closed
    created = between(rng, max(client_created, days_ago(180)), last)
    return created, later(rng, created, 20, 90), None


def _lines(rng: random.Random, group: str, headcount: int, locale: str) -> list[Row]:
    """The deal's items: one from its own group, the rest add-ons, no product twice."""
    count = pick(rng, ITEM_COUNT_WEIGHTS)
    discount = Decimal(pick(rng, DISCOUNT_WEIGHTS))
    chosen = [rng.choice(ON_SALE[group])]
    for _ in range(count - 1):
        code, product = rng.choice(ON_SALE[rng.choice(ADD_ONS[group])])
        if all(code != taken for taken, _ in chosen):
            chosen.append((code, product))
    lines = []
    for index, (code, product) in enumerate(chosen):
        low, high = product.quantity
        quantity = headcount if product.unit in PER_HEAD else rng.randint(low, high)
        lines.append({"product_code": code, "quantity": Decimal(quantity),
                      "price": product.price(locale),
                      "discount": discount if index == 0 else Decimal(0)})
    return lines


def line_amount(line: Row) -> Decimal:
    """A deal item's net amount: quantity times price less the discount, in cents."""
    gross: Decimal = line["quantity"] * line["price"]
    discount: Decimal = line["discount"]
    return (gross * (100 - discount) / 100).quantize(CENT)


def _campaign(rng: random.Random, created: date, campaigns: list[Row]) -> str:
    """The campaign a deal came from, for some deals opened during or just after one."""
    for campaign in campaigns:
        if campaign["start"] <= created <= campaign["end"] + timedelta(days=30) \
                and rng.random() < 0.45:
            return str(campaign["id"])
    return ""
