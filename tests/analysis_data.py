"""A small fixed office for the analysis tests; every figure is worked out by hand in them.

The report week is 2026-W46 (Monday 9 to Sunday 15 November 2026); the 12-week trend
window starts on Monday 24 August 2026.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D  # noqa: N817
from pathlib import Path
from typing import Any

from crm_office.analysis.frames import OfficeFrames
from crm_office.analysis.period import Week
from crm_office.config import load_config
from crm_office.config.model import Analysis, Commission, Funnel

ROOT = Path(__file__).resolve().parents[1]
WEEK = Week(2026, 46)
SETTINGS = Analysis(too_few=1, too_many=60)
COMMISSION = Commission(default_rate=D(2), product_groups={"software": D(10)})


def funnel() -> Funnel:
    return load_config(ROOT / "config.toml").funnel


def _deal(did: str, client: str, manager: str, stage: str, created: date, amount: str,
          **more: Any) -> dict[str, Any]:
    return {"id": did, "title": f"Deal {did}", "client_id": client, "manager": manager,
            "stage": stage, "created": created, "amount": D(amount), **more}


RECORDS: dict[str, list[dict[str, Any]]] = {
    "managers": [
        {"name": "Anna Ivanova", "email": "anna@office.example", "commission": D(5),
         "active": True},
        {"name": "Boris Petrov", "email": "boris@office.example", "active": True},
    ],
    "clients": [
        {"id": "C-1", "name": "Alpha", "manager": "Anna Ivanova", "status": "active",
         "source": "referral", "created": date(2026, 11, 10)},
        {"id": "C-2", "name": "Beta", "manager": "Anna Ivanova", "status": "prospect",
         "source": "website", "created": date(2026, 1, 5)},
        {"id": "C-3", "name": "Gamma", "manager": "Boris Petrov", "status": "active",
         "source": "website", "created": date(2026, 9, 1)},
        {"id": "C-4", "name": "Delta", "manager": "Boris Petrov", "status": "inactive",
         "source": "referral", "created": date(2025, 1, 1)},
    ],
    "deals": [
        _deal("D-1", "C-1", "Anna Ivanova", "won", date(2026, 9, 7), "1000",
              closed=date(2026, 11, 10), product_group="tours"),
        _deal("D-2", "c-2 ", "Anna Ivanova", "выиграна", date(2026, 10, 5), "3000",
              closed=date(2026, 11, 12), product_group="software", campaign_id="M-1"),
        _deal("D-3", "C-2", "Anna Ivanova", "offer", date(2026, 10, 1), "2000",
              campaign_id="M-1"),
        _deal("D-4", "C-1", "Anna Ivanova", "demo", date(2026, 11, 9), "4000"),
        _deal("D-5", "C-3", "Boris Petrov", "lost", date(2026, 9, 14), "500",
              closed=date(2026, 11, 11), lost_at_stage="demo",
              refusal_reason="did not see the benefit"),
        _deal("D-6", "C-3", "Boris Petrov", "lost", date(2026, 9, 21), "700",
              closed=date(2026, 11, 13), lost_at_stage="demo", refusal_reason="price"),
        _deal("D-7", "C-4", "Boris Petrov", "lost", date(2026, 10, 12), "300",
              closed=date(2026, 10, 20), lost_at_stage="квалификация",
              refusal_reason="не увидел выгоды"),
        _deal("D-8", "C-3", "Boris Petrov", "negotiation", date(2026, 8, 31), "10000"),
        _deal("D-9", "C-4", "Boris Petrov", "lead", date(2026, 11, 11), "100"),
    ],
    "contacts": [
        {"id": "L-1", "date": date(2026, 11, 10), "client_id": "C-1", "manager": "Anna Ivanova",
         "type": "call", "next_date": date(2026, 11, 20)},
        {"id": "L-2", "date": date(2026, 11, 11), "client_id": "C-2", "manager": "Anna Ivanova",
         "type": "встреча", "next_date": date(2026, 11, 13)},
        {"id": "L-3", "date": date(2026, 8, 1), "client_id": "C-3", "manager": "Boris Petrov",
         "type": "call"},
        {"id": "L-4", "date": date(2026, 10, 1), "client_id": "C-4", "manager": "Boris Petrov",
         "type": "e-mail"},
    ],
    "invoices": [
        {"number": "INV-1", "date": date(2026, 11, 10), "client_id": "C-1", "deal_id": "D-1",
         "amount": D(1000), "due_date": date(2026, 11, 20)},
        {"number": "INV-2", "date": date(2026, 10, 1), "client_id": "C-2", "deal_id": "D-2",
         "amount": D(3000), "due_date": date(2026, 10, 31)},
        {"number": "INV-3", "date": date(2026, 8, 1), "client_id": "C-3",
         "amount": D(800), "due_date": date(2026, 9, 10)},
        {"number": "INV-4", "date": date(2026, 6, 1), "client_id": "C-4",
         "amount": D(1200), "due_date": date(2026, 7, 1)},
        {"number": "INV-5", "date": date(2026, 9, 1), "client_id": "C-3",
         "amount": D(250), "due_date": date(2026, 10, 10)},
    ],
    "payments": [
        {"id": "P-1", "invoice": "INV-1", "date": date(2026, 11, 12), "amount": D(400)},
        {"id": "P-2", "invoice": "INV-2", "date": date(2026, 11, 16), "amount": D(3000)},
        {"id": "P-3", "invoice": "inv-3", "date": date(2026, 9, 20), "amount": D(300)},
        {"id": "P-4", "invoice": "INV-5", "date": date(2026, 10, 5), "amount": D(250)},
        {"id": "P-5", "invoice": "INV-4", "date": date(2026, 8, 1), "amount": D(100)},
    ],
    "campaigns": [
        {"id": "M-1", "name": "Autumn mailing", "channel": "e-mail", "start": date(2026, 9, 1),
         "budget": D(500)},
    ],
    "complaints": [
        {"id": "R-1", "date": date(2026, 11, 1), "client_id": "C-1", "subject": "Late",
         "deadline": date(2026, 11, 10), "status": "open"},
        {"id": "R-2", "date": date(2026, 11, 12), "client_id": "C-3", "subject": "Wrong",
         "deadline": date(2026, 11, 30), "status": "resolved"},
    ],
    "surveys": [
        {"id": "S-1", "date": date(2026, 11, 10), "client_id": "C-1", "csat": 5, "nps": 10},
        {"id": "S-2", "date": date(2026, 11, 12), "client_id": "C-3", "csat": 3, "nps": 5},
        {"id": "S-3", "date": date(2026, 11, 13), "client_id": "C-2", "csat": 4, "nps": 9},
    ],
}


def frames() -> OfficeFrames:
    return OfficeFrames.from_records(funnel(), RECORDS)
