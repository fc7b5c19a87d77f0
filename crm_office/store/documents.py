"""The register of documents in the store: one row per number given out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crm_office.store import schema

STATUSES = ("reserved", "made", "sent", "void")


@dataclass(frozen=True)
class DocumentRow:
    """A document number and what it was given to (status: reserved, made, sent, void)."""

    kind: str
    number: str
    year: int
    seq: int
    deal_id: str
    client_id: str
    client: str
    amount: Decimal
    vat: Decimal
    currency: str
    issued: dt.date
    file: str = ""
    status: str = "reserved"
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(amount=str(self.amount), vat=str(self.vat), issued=self.issued.isoformat())
        return data


def insert_document(conn: Connection, row: DocumentRow) -> None:
    values = asdict(row)
    values.update(amount=str(row.amount), vat=str(row.vat), made_at=schema.utc_now())
    conn.execute(sa.insert(schema.documents).values(values))


def update_document(conn: Connection, kind: str, number: str, **values: str) -> int:
    docs = schema.documents
    bad = set(values) - {"status", "reason", "file"}
    if bad or values.get("status", "made") not in STATUSES:
        raise ValueError(f"cannot set {sorted(values)} of a document")
    result = conn.execute(sa.update(docs).where(docs.c.kind == kind, docs.c.number == number)
                          .values(made_at=schema.utc_now(), **values))
    return int(result.rowcount)


def load_documents(conn: Connection, kind: str | None = None,
                   deal_id: str | None = None) -> list[DocumentRow]:
    docs = schema.documents
    query = sa.select(*(column for column in docs.c if column.key != "made_at"))
    if kind is not None:
        query = query.where(docs.c.kind == kind)
    if deal_id is not None:
        query = query.where(docs.c.deal_id == deal_id)
    rows = conn.execute(query.order_by(docs.c.year, docs.c.kind, docs.c.seq)).mappings()
    return [DocumentRow(**{**row, "amount": Decimal(row["amount"]), "vat": Decimal(row["vat"])})
            for row in rows]
