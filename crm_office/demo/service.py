"""Campaigns, complaints and satisfaction surveys of the demo office."""

from __future__ import annotations

import random
from datetime import date, timedelta

from crm_office.demo.seed import Row, days_ago, later, make_id, pick, rng_for
from crm_office.demo.vocabulary import Words

COMPLAINT_COUNT = 30
EXTRA_SURVEYS = 20
CSAT_WEIGHTS = {1: 3, 2: 5, 3: 12, 4: 35, 5: 45}
NPS_RANGE = {1: (0, 4), 2: (0, 6), 3: (5, 8), 4: (7, 9), 5: (8, 10)}


def campaigns(words: Words) -> list[Row]:
    """The office's three campaigns: one past mailing, an exhibition and a running webinar."""
    rows = []
    for number, card in enumerate(words.campaigns, start=1):
        start = days_ago(card.start_days_ago)
        rows.append({"id": make_id("M", number), "name": card.name, "channel": card.channel,
                     "segment": card.segment, "region": card.region,
                     "industry": card.industry, "start": start,
                     "end": start + timedelta(days=card.length_days - 1),
                     "budget": card.budget, "template": card.template})
    return rows


def complaints(locale: str, words: Words, deals: list[Row]) -> list[Row]:
    """About 30 complaints after won deals of the last 400 days, older ones mostly solved."""
    rng = rng_for(locale, "complaints")
    recent = [deal for deal in deals if deal["stage"] == "won" and deal["closed"] >= days_ago(400)]
    rows = [_complaint(rng, words, rng.choice(recent)) for _ in range(COMPLAINT_COUNT)]
    rows.sort(key=lambda row: (row["date"], row["client_id"]))
    for number, row in enumerate(rows, start=1):
        row["id"] = make_id("R", number)
    return rows


def _complaint(rng: random.Random, words: Words, deal: Row) -> Row:
    day = min(later(rng, deal["closed"], 1, 20), days_ago(1))
    age = (days_ago(0) - day).days
    if age > 30:
        status = pick(rng, {"resolved": 75, "rejected": 20, "in_progress": 5})
    elif age > 10:
        status = pick(rng, {"in_progress": 50, "resolved": 40, "open": 10})
    else:
        status = pick(rng, {"open": 60, "in_progress": 40})
    row: Row = {"date": day, "client_id": deal["client_id"],
                "subject": rng.choice(words.complaints), "owner": deal["manager"],
                "deadline": day + timedelta(days=10), "status": status}
    if status in ("resolved", "rejected"):
        row["resolved"] = min(later(rng, day, 1, 14), days_ago(1))
        texts = words.resolutions if status == "resolved" else words.rejections
        row["resolution"] = rng.choice(texts)
    return row


def surveys(locale: str, words: Words, clients: list[Row], deals: list[Row]) -> list[Row]:
    """A survey after every won deal and a few yearly ones of active clients."""
    rng = rng_for(locale, "surveys")
    asked = [(deal["client_id"], min(later(rng, deal["closed"], 2, 20), days_ago(1)))
             for deal in deals if deal["stage"] == "won"]
    active = [client["id"] for client in clients if client["status"] == "active"]
    asked += [(rng.choice(active), days_ago(rng.randint(1, 365))) for _ in range(EXTRA_SURVEYS)]
    rows = [_survey(rng, words, client_id, day) for client_id, day in asked]
    rows.sort(key=lambda row: (row["date"], row["client_id"]))
    for number, row in enumerate(rows, start=1):
        row["id"] = make_id("S", number)
    return rows


def _survey(rng: random.Random, words: Words, client_id: str, day: date) -> Row:
    csat = pick(rng, CSAT_WEIGHTS)
    row: Row = {"date": day, "client_id": client_id, "csat": csat,
                "nps": rng.randint(*NPS_RANGE[csat])}
    if rng.random() < 0.65:
        mood = "good" if csat >= 4 else "fair" if csat == 3 else "poor"
        row["comment"] = rng.choice(words.comments[mood])
    return row
