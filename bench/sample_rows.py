"""Seeded, realistic-looking rows for the Clients and Contact log sheets.

Values follow the model in crm_office/model/tables.py: English choice labels,
real dates, yes/no consent. About ``mess`` of the cells are typed the way people
really type them (dates as text, numbers with spaces, 'да'/'нет'), and one in a
hundred of those is junk the reader must report ('31.02.2025', 'TBD').
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from crm_office.model import ColumnType, Table
from crm_office.model.tables import CLIENT_STATUSES, CONTACT_TYPES, SEGMENTS, SOURCES

FIRST = ("Anna", "Boris", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Irina", "James",
         "Katya", "Liam", "Maria", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tanya", "Viktor")
LAST = ("Smith", "Ivanova", "Brown", "Petrov", "Wilson", "Sokolova", "Taylor", "Kuznetsov",
        "Evans", "Popova", "Clarke", "Volkov", "Hughes", "Morozova", "Walker", "Novikov")
BRAND = ("Aurora", "Baltic", "Cedar", "Delta", "Everest", "Falcon", "Granite", "Harbour",
         "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Northstar", "Orion", "Pioneer",
         "Quartz", "Riverside", "Summit", "Tundra", "Union", "Vega", "Westwind", "Zenith")
TRADE = ("Logistics", "Foods", "Textiles", "Dental", "Motors", "Print", "Build", "Pharma",
         "Software", "Travel", "Energy", "Furniture", "Optics", "Packaging", "Agro", "Media")
FORM = ("Ltd", "LLC", "plc", "Group", "& Sons", "Partners")
STREETS = ("High Street", "Station Road", "Mill Lane", "Church Street", "Park Avenue",
           "Victoria Road", "Harbour Way", "King Street", "Queens Road", "Bridge Street")
REGIONS = ("London", "South West", "South East", "Midlands", "North West", "North East",
           "Yorkshire", "Scotland", "Wales", "Northern Ireland", "East of England")
INDUSTRIES = ("retail", "manufacturing", "healthcare", "logistics", "construction", "IT",
              "hospitality", "education", "agriculture", "finance")
EVENTS = ("", "", "price request", "exhibition visit", "new branch", "tender", "referral",
          "website form", "relocation", "new director")
MANAGERS = ("Alice Green", "Ben Carter", "Chloe Adams", "Daniel Reed", "Emma Scott",
            "Frank Hill", "Olga Belova", "Ivan Orlov", "Nina Frolova", "Pyotr Zaitsev",
            "Sophie Ward", "Tom Baker")
TOPICS = ("renewal terms", "the Q3 delivery", "a volume discount", "the new price list",
          "payment delay", "a pilot order", "contract wording", "service levels",
          "a second warehouse", "the spring catalogue")
VERBS = ("Discussed", "Clarified", "Presented", "Negotiated", "Followed up on", "Agreed on")
TAILS = ("with the buyer", "by phone", "at their office", "with the director", "over e-mail",
         "and sent notes")
RESULTS = ("interested", "asked for an offer", "wants a demo", "no decision yet",
           "agreed to meet", "asked for a discount", "not interested now", "order promised")
ACTIONS = ("", "call back", "send offer", "send contract", "book a demo", "send invoice",
           "visit office", "check payment")

DATE_TEXT = ("%d.%m.%Y", "%d.%m.%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y",
             "%d.%m.%Y 14:30")
YES_TEXT = ("да", "Да", "Yes", "y", "+", "TRUE")
NO_TEXT = ("нет", "Нет", "No", "n", "-", "FALSE")
JUNK = {
    ColumnType.DATE: ("31.02.2025", "next week", "TBD", "32.01.2024"),
    ColumnType.BOOL: ("maybe", "n/a", "ask"),
    ColumnType.INTEGER: ("a few", "2.5", "?"),
    ColumnType.MONEY: ("approx. 5k", "TBD", "12,34,5.6.7"),
}
JUNK_SHARE = 0.01
"""Share of messy cells in typed columns that are unreadable (each becomes one problem)."""


@dataclass
class Messer:
    """Types a share of the cells the way people do; counts the unreadable ones."""

    rnd: random.Random
    share: float
    messy: int = 0
    junk: int = 0
    junk_by_code: dict[str, int] = field(default_factory=dict)

    def row(self, values: list[Any], kinds: list[ColumnType]) -> list[Any]:
        """The row with about ``share`` of its cells retyped."""
        random_ = self.rnd.random
        for index, kind in enumerate(kinds):
            if values[index] is not None and random_() < self.share:
                values[index] = self.cell(values[index], kind)
        return values

    def cell(self, value: Any, kind: ColumnType) -> Any:
        self.messy += 1
        if kind in JUNK and self.rnd.random() < JUNK_SHARE:
            self.junk += 1
            code = f"value-not-{kind.value}"
            self.junk_by_code[code] = self.junk_by_code.get(code, 0) + 1
            return self.rnd.choice(JUNK[kind])
        if kind is ColumnType.DATE:
            return _messy_date(value, self.rnd)
        if kind is ColumnType.BOOL:
            return self.rnd.choice(YES_TEXT if value == "yes" else NO_TEXT)
        if kind is ColumnType.MONEY:
            return _messy_money(value, self.rnd)
        if kind is ColumnType.INTEGER:
            return self.rnd.choice((f"{value:,}".replace(",", " "), f"{value} ", f"{value}.0"))
        if kind in (ColumnType.PHONE, ColumnType.TAX_ID):  # typed as a number
            return float("".join(ch for ch in value if ch.isdigit()))
        return self.rnd.choice((f" {value}", f"{value}  ", f"{value}\u00a0"))


def _messy_date(value: date, rnd: random.Random) -> Any:
    if rnd.random() < 0.15:  # a date cell that lost its format: the Excel serial number
        return float((value - date(1899, 12, 30)).days)
    return value.strftime(rnd.choice(DATE_TEXT))


def _messy_money(value: float, rnd: random.Random) -> str:
    whole, cents = f"{value:,.2f}".split(".")
    spaced = whole.replace(",", "\u00a0" if rnd.random() < 0.3 else " ")
    return rnd.choice((f"{spaced},{cents}", f"{spaced}.{cents}", f"£{whole}.{cents}",
                       f"{spaced} GBP"))


def kinds_of(table: Table) -> list[ColumnType]:
    """The model's column types, in sheet order."""
    return [column.type for column in table.columns]


def client_name(rnd: random.Random) -> str:
    return f"{rnd.choice(BRAND)} {rnd.choice(TRADE)} {rnd.choice(FORM)}"


def gb_vat(body: int) -> str:
    """A UK VAT number with valid check digits (modulus 97) for a 7-digit body."""
    total = sum(int(digit) * weight for digit, weight in zip(str(body), range(8, 1, -1),
                                                             strict=True))
    return f"GB{body}{-total % 97:02d}"


def client_rows(count: int, rnd: random.Random, today: date) -> Iterator[dict[str, Any]]:
    """Clients C-000001 …, created over the ten years before ``today``."""
    for number in range(1, count + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        name = client_name(rnd)
        created = today - timedelta(days=rnd.randrange(30, 3650))
        last_contact = created + timedelta(days=rnd.randrange(0, (today - created).days))
        revenue = round(rnd.uniform(0, 250_000), 2) if rnd.random() < 0.7 else 0.0
        yield {
            "id": f"C-{number:06d}", "name": name,
            "legal_name": f"{name} (registered {created.year})" if rnd.random() < 0.6 else None,
            "tax_id": gb_vat(rnd.randrange(10**6, 10**7)) if rnd.random() < 0.7 else None,
            "contact_person": f"{first} {last}",
            "phone": f"+44 {rnd.randrange(20, 80)} {rnd.randrange(1000, 9999)} "
                     f"{rnd.randrange(1000, 9999)}",
            "email": f"{first}.{last}@{name.split()[0]}-{name.split()[1]}.example".lower(),
            "address": f"{rnd.randrange(1, 200)} {rnd.choice(STREETS)}, "
                       f"{rnd.choice(REGIONS)}",
            "region": rnd.choice(REGIONS), "industry": rnd.choice(INDUSTRIES),
            "segment": rnd.choice(SEGMENTS).en, "source": rnd.choice(SOURCES).en,
            "event": rnd.choice(EVENTS) or None, "manager": rnd.choice(MANAGERS),
            "status": rnd.choice(CLIENT_STATUSES).en,
            "consent": "yes" if rnd.random() < 0.6 else "no", "created": created,
            "last_contact": last_contact,
            "next_contact": today + timedelta(days=rnd.randrange(1, 60))
            if rnd.random() < 0.5 else None,
            "open_deals": rnd.choice((0, 0, 0, 1, 1, 2, 3, 5)), "revenue": revenue,
            "debt": round(revenue * rnd.uniform(0.05, 0.4), 2) if rnd.random() < 0.1 else 0.0,
            "abc_class": rnd.choice("AABBBCCCCC"),
        }


def contact_rows(count: int, clients: list[tuple[str, str]], rnd: random.Random,
                 today: date) -> Iterator[dict[str, Any]]:
    """Contacts L-0000001 … in date order over the three years before ``today``."""
    start, span = today - timedelta(days=3 * 365), 3 * 365
    for number in range(1, count + 1):
        client_id, name = clients[rnd.randrange(len(clients))]
        when = start + timedelta(days=(number - 1) * span // count)
        action = rnd.choice(ACTIONS)
        yield {
            "id": f"L-{number:07d}", "date": when, "client_id": client_id, "client": name,
            "manager": rnd.choice(MANAGERS), "type": rnd.choice(CONTACT_TYPES).en,
            "summary": f"{rnd.choice(VERBS)} {rnd.choice(TOPICS)} {rnd.choice(TAILS)}",
            "result": rnd.choice(RESULTS), "next_action": action or None,
            "next_date": when + timedelta(days=rnd.randrange(1, 22)) if action else None,
        }
