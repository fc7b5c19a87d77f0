"""The demo office's rows: managers, clients and the contact log, and all tables together.

Rows are dicts keyed by the model's column keys. Choice columns hold the choice's
key (or the funnel stage's name); the layout writes the locale's label. Engine
columns are left out: the engine fills them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from crm_office.demo import billing, people, sales, service
from crm_office.demo.catalogue import product_rows
from crm_office.demo.seed import (
    REFERENCE_DATE,
    Row,
    between,
    days_ago,
    later,
    make_id,
    pick,
    rng_for,
)
from crm_office.demo.vocabulary import Region, Words
from crm_office.demo.words_en import WORDS as ENGLISH
from crm_office.demo.words_ru import WORDS as RUSSIAN

CLIENT_COUNT = 300
STATUS_WEIGHTS = {"lead": 15, "prospect": 25, "active": 45, "inactive": 15}
SEGMENT_WEIGHTS = {"small": 55, "medium": 33, "large": 12}
SOURCE_WEIGHTS = {"referral": 25, "website": 25, "exhibition": 15, "advertising": 12,
                  "cold_call": 13, "mailing": 5, "other": 5}
CONTACT_WEIGHTS = {"call": 38, "email": 24, "meeting": 12, "demo": 4, "offer": 7,
                   "complaint": 2, "survey": 3, "mailing": 7, "document": 3}
CONTACTS_PER_STATUS = {"lead": (0, 4), "prospect": (4, 14), "active": (10, 24),
                       "inactive": (3, 10)}


@dataclass(frozen=True)
class ClientBase:
    """The client rows and, per client ID, the last day the client was active."""

    rows: list[Row]
    until: dict[str, date]


def words_for(locale: str) -> Words:
    """The vocabulary of a locale: Russian for 'ru', English otherwise."""
    return RUSSIAN if locale == "ru" else ENGLISH


def build_rows(locale: str) -> dict[str, list[Row]]:
    """Every table of the demo office, keyed by table key."""
    words = words_for(locale)
    base = clients(locale, words)
    campaigns = service.campaigns(words)
    deals, items = sales.deals(locale, words, base.rows, base.until, campaigns)
    invoices, payments = billing.invoices(locale, deals, items)
    return {
        "clients": base.rows, "contacts": contacts(locale, words, base),
        "deals": deals, "deal_items": items, "products": product_rows(locale),
        "invoices": invoices, "payments": payments, "campaigns": campaigns,
        "complaints": service.complaints(locale, words, deals),
        "surveys": service.surveys(locale, words, base.rows, deals),
        "managers": managers(words),
    }


def managers(words: Words) -> list[Row]:
    """The five managers of the office."""
    return [{"name": card.name, "email": card.email, "phone": card.phone,
             "department": card.department, "regions": ", ".join(card.regions),
             "industries": ", ".join(card.industries), "commission": card.commission,
             "max_clients": card.max_clients, "active": True}
            for card in words.managers]


def clients(locale: str, words: Words) -> ClientBase:
    """About 300 clients, numbered in the order they were added."""
    rng = rng_for(locale, "clients")
    taken: dict[str, set[str]] = {"name": set(), "tax_id": set(), "phone": set()}
    drafts = [_client(rng, words, taken) for _ in range(CLIENT_COUNT)]
    drafts.sort(key=lambda pair: (pair[0]["created"], pair[0]["name"]))
    rows, until = [], {}
    for number, (row, last_active) in enumerate(drafts, start=1):
        row["id"] = make_id("C", number)
        rows.append(row)
        until[row["id"]] = last_active
    return ClientBase(rows, until)


def _client(rng: random.Random, words: Words, taken: dict[str, set[str]]) -> tuple[Row, date]:
    """One client and the last day they were active; ``taken`` keeps values unique."""
    status = pick(rng, STATUS_WEIGHTS)
    region = pick(rng, {item: 2 if index == 0 else 1 for index, item in enumerate(words.regions)})
    industry = rng.choice(words.industries).name
    segment = pick(rng, SEGMENT_WEIGHTS)
    firm = people.company(rng, words, industry, segment == "large", taken["name"])
    who = people.person(rng, words)
    created, last_active = _lifetime(rng, status)
    unassigned = status == "lead" and created >= days_ago(14) and rng.random() < 0.6
    row: Row = {
        "name": firm.name, "legal_name": firm.legal_name,
        "tax_id": people.tax_id(rng, words.locale, region, taken["tax_id"]),
        "contact_person": who.name, "phone": people.phone(rng, words, region, taken["phone"]),
        "email": people.email(rng, words, who, f"{firm.slug}.example"),
        "address": people.address(rng, words, region), "region": region.name,
        "industry": industry, "segment": segment, "source": pick(rng, SOURCE_WEIGHTS),
        "event": rng.choice(words.events),
        "manager": "" if unassigned else _manager_for(rng, words, region, industry),
        "status": status, "consent": rng.random() < 0.85, "created": created,
    }
    return row, last_active


def _lifetime(rng: random.Random, status: str) -> tuple[date, date]:
    """When the client was added and the last day they were active."""
    if status == "lead":
        return days_ago(rng.randint(1, 60)), REFERENCE_DATE
    if status == "prospect":
        return days_ago(rng.randint(30, 400)), REFERENCE_DATE
    if status == "active":
        return days_ago(rng.randint(90, 1000)), REFERENCE_DATE
    return days_ago(rng.randint(650, 1100)), days_ago(rng.randint(200, 450))


def _manager_for(rng: random.Random, words: Words, region: Region, industry: str) -> str:
    """A manager who covers the region, preferring one who knows the industry."""
    weights = {card.name: (3 if industry in card.industries else 1)
               for card in words.managers if region.name in card.regions}
    return pick(rng, weights or {card.name: 1 for card in words.managers})


def contacts(locale: str, words: Words, base: ClientBase) -> list[Row]:
    """The contact log: several entries per client over the time they were active."""
    rng = rng_for(locale, "contacts")
    rows: list[Row] = []
    for client in base.rows:
        low, high = CONTACTS_PER_STATUS[client["status"]]
        count = rng.randint(0, 1) if not client["manager"] else rng.randint(low, high)
        last = min(base.until[client["id"]], days_ago(1))
        dates = sorted(between(rng, client["created"], last) for _ in range(count))
        rows.extend(_contact(rng, words, client, day) for day in dates)
    rows.sort(key=lambda row: (row["date"], row["client_id"]))
    for number, row in enumerate(rows, start=1):
        row["id"] = make_id("L", number)
    return rows


def _contact(rng: random.Random, words: Words, client: Row, day: date) -> Row:
    kind = pick(rng, CONTACT_WEIGHTS)
    row: Row = {"date": day, "client_id": client["id"], "client": client["name"],
                "manager": client["manager"], "type": kind,
                "summary": rng.choice(words.contact_texts[kind]),
                "result": rng.choice(words.results)}
    if rng.random() < 0.85:
        row["next_action"] = rng.choice(words.next_actions)
        row["next_date"] = later(rng, day, 1, 21)
    return row
