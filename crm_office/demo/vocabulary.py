"""The words a demo office is made of, per locale: names, places, phrases."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Region:
    """A region with its cities and the prefixes its phones, postcodes and tax IDs use."""

    name: str
    cities: tuple[str, ...]
    phone_prefix: str
    postcodes: tuple[str, ...]
    tax_prefix: str = ""


@dataclass(frozen=True)
class Industry:
    """An industry and the words its company names end with."""

    name: str
    endings: tuple[str, ...]


@dataclass(frozen=True)
class ManagerCard:
    """One manager of the demo office."""

    name: str
    email: str
    phone: str
    department: str
    regions: tuple[str, ...]
    industries: tuple[str, ...]
    commission: Decimal
    max_clients: int


@dataclass(frozen=True)
class CampaignCard:
    """One marketing campaign of the demo office (dates relative to the reference date)."""

    name: str
    channel: str
    segment: str
    region: str
    industry: str
    start_days_ago: int
    length_days: int
    budget: Decimal
    template: str


@dataclass(frozen=True)
class Words:
    """Everything locale-specific that the demo data is built from."""

    locale: str
    male_names: tuple[str, ...]
    female_names: tuple[str, ...]
    surnames: tuple[str, ...]
    patronymics: tuple[tuple[str, str], ...]
    company_words: tuple[str, ...]
    industries: tuple[Industry, ...]
    regions: tuple[Region, ...]
    streets: tuple[str, ...]
    mobile_prefixes: tuple[str, ...]
    mailboxes: tuple[str, ...]
    events: tuple[str, ...]
    managers: tuple[ManagerCard, ...]
    contact_texts: dict[str, tuple[str, ...]]
    results: tuple[str, ...]
    next_actions: tuple[str, ...]
    deal_titles: dict[str, tuple[str, ...]]
    complaints: tuple[str, ...]
    resolutions: tuple[str, ...]
    rejections: tuple[str, ...]
    comments: dict[str, tuple[str, ...]]
    campaigns: tuple[CampaignCard, ...]

