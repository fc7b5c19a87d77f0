"""Lead distribution: give every new lead without a manager one.

In order: the office's explicit rules (region or industry), then a manager whose own
Regions / Industries column names the lead's region or industry, else round robin by
load. Only active managers below their ``max_clients`` are chosen; among several
candidates the one with the lowest load wins (ties by name). Loads count the
assignments already made in the same call, so the result depends only on the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from crm_office.catalogue import say
from crm_office.sync.values import text_key

__all__ = ["Assignment", "AssignmentRule", "assign_leads"]

LEAD_STATUSES = frozenset({"lead", "лид"})
_LIST_SEPARATORS = re.compile(r"[,;\n]")


@dataclass(frozen=True)
class AssignmentRule:
    """Leads from these regions or industries go to this manager."""

    manager: str
    regions: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """A lead given to a manager, and why: ``region Москва``, ``round robin (load 3 of 40)``."""

    client_id: str
    manager: str
    reason: str


@dataclass
class _Manager:
    name: str
    regions: frozenset[str]
    industries: frozenset[str]
    max_clients: int | None
    load: int = 0

    @property
    def full(self) -> bool:
        return self.max_clients is not None and self.load >= self.max_clients

    def order(self) -> tuple[Fraction, str]:
        """Lowest load ratio first (clients / max_clients, or the count if no max), then name."""
        ratio = Fraction(self.load, self.max_clients) if self.max_clients else Fraction(self.load)
        return ratio, self.name

    def load_text(self, locale: str) -> str:
        if self.max_clients is None:
            return str(self.load)
        return say("lead.load-of", locale, load=self.load, limit=self.max_clients)


def assign_leads(clients: Sequence[Mapping[str, object]], managers: Sequence[Mapping[str, object]],
                 rules: Sequence[AssignmentRule], locale: str = "en") -> list[Assignment]:
    """Assignments for the leads (status lead/лид) with an empty manager, in client order."""
    team = _team(managers)
    for row in clients:
        manager = team.get(_folded(row.get("manager")))
        if manager is not None:
            manager.load += 1
    assignments: list[Assignment] = []
    for row in clients:
        client_id = _text(row.get("id"))
        if not client_id or not _is_unassigned_lead(row):
            continue
        choice = _choose(row, team, rules, locale)
        if choice is not None:
            manager, reason = choice
            manager.load += 1
            assignments.append(Assignment(client_id, manager.name, reason))
    return assignments


def _choose(lead: Mapping[str, object], team: dict[str, _Manager],
            rules: Sequence[AssignmentRule], locale: str) -> tuple[_Manager, str] | None:
    region, industry = _text(lead.get("region")), _text(lead.get("industry"))
    for rule in rules:
        manager = team.get(text_key(rule.manager))
        if manager is None or manager.full:
            continue
        if region and text_key(region) in {text_key(item) for item in rule.regions}:
            return manager, say("lead.region", locale, region=region)
        if industry and text_key(industry) in {text_key(item) for item in rule.industries}:
            return manager, say("lead.industry", locale, industry=industry)
    available = sorted((m for m in team.values() if not m.full), key=_Manager.order)
    for manager in available:
        if region and text_key(region) in manager.regions:
            return manager, say("lead.manager-region", locale, region=region)
    for manager in available:
        if industry and text_key(industry) in manager.industries:
            return manager, say("lead.manager-industry", locale, industry=industry)
    if not available:
        return None
    return available[0], say("lead.round-robin", locale, load=available[0].load_text(locale))


def _team(managers: Sequence[Mapping[str, object]]) -> dict[str, _Manager]:
    """Active managers by folded name; the first row of a name counts."""
    team: dict[str, _Manager] = {}
    for row in managers:
        name = _text(row.get("name"))
        if not name or row.get("active") is False or text_key(name) in team:
            continue
        limit = row.get("max_clients")
        team[text_key(name)] = _Manager(
            name, _items(row.get("regions")), _items(row.get("industries")),
            limit if isinstance(limit, int) and not isinstance(limit, bool) else None)
    return team


def _is_unassigned_lead(row: Mapping[str, object]) -> bool:
    return _folded(row.get("status")) in LEAD_STATUSES and not _text(row.get("manager"))


def _items(value: object) -> frozenset[str]:
    """A comma-separated list cell -> its folded items."""
    items = _LIST_SEPARATORS.split(_text(value))
    return frozenset(text_key(item) for item in items if item.strip())


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _folded(value: object) -> str:
    return text_key(_text(value))
