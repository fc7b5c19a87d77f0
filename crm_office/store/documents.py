"""The register of documents in the store: one row per number given out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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


def insert_documents(conn: Connection, rows: Sequence[DocumentRow]) -> None:
    """Insert register rows in one statement (executemany)."""
    now = schema.utc_now()
    values = [{**asdict(row), "amount": str(row.amount), "vat": str(row.vat), "made_at": now}
              for row in rows]
    if values:
        conn.execute(sa.insert(schema.documents), values)


def settle_documents(conn: Connection, rows: Sequence[DocumentRow]) -> int:
    """Write status, reason and file of rows already registered; how many were found."""
    docs = schema.documents
    for row in rows:
        if row.status not in STATUSES:
            raise ValueError(f"unknown document status '{row.status}'")
    statement = (sa.update(docs).where(docs.c.kind == sa.bindparam("k"),
                                       docs.c.number == sa.bindparam("n"))
                 .values(status=sa.bindparam("s"), reason=sa.bindparam("r"),
                         file=sa.bindparam("f"), made_at=sa.bindparam("t")))
    now = schema.utc_now()
    params = [{"k": row.kind, "n": row.number, "s": row.status, "r": row.reason, "f": row.file,
               "t": now} for row in rows]
    return int(conn.execute(statement, params).rowcount) if params else 0


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
