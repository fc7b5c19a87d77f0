"""Document numbers: per kind and year, gap-free and never reused.

A number is reserved in the store in a transaction of its own, before anything is
rendered, so two processes at once never get the same one. A document that then
fails is recorded as *void* with the reason; it stays in the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from crm_office.documents.patterns import check_pattern, format_number
from crm_office.store import Store
from crm_office.store.documents import DocumentRow

LIVE = ("made", "sent")
__all__ = ["check_pattern", "format_number"]


def counter_key(kind: str, year: int) -> str:
    return f"documents:{kind}:{year}"


@dataclass(frozen=True)
class Wanted:
    """A document that needs a number: what the register will say about it."""

    kind: str
    pattern: str
    issued: dt.date
    deal_id: str
    client_id: str
    client: str
    amount: Decimal
    vat: Decimal
    currency: str


def reserve_all(store: Store, wanted: Sequence[Wanted]) -> list[DocumentRow]:
    """Numbers for every document of a batch, registered as reserved, in one transaction
    of their own (committed before anything is rendered)."""
    counts: dict[str, int] = {}
    for item in wanted:
        key = counter_key(item.kind, item.issued.year)
        counts[key] = counts.get(key, 0) + 1
    rows = []
    with store.transaction() as tx:
        numbers = {key: iter(tx.next_numbers(key, count)) for key, count in counts.items()}
        for item in wanted:
            seq = next(numbers[counter_key(item.kind, item.issued.year)])
            rows.append(DocumentRow(
                kind=item.kind, year=item.issued.year, seq=seq,
                number=format_number(item.pattern, item.kind, item.issued.year, seq),
                deal_id=item.deal_id, client_id=item.client_id, client=item.client,
                amount=item.amount, vat=item.vat, currency=item.currency, issued=item.issued))
        tx.add_documents(rows)
    return rows


def reserve(store: Store, kind: str, pattern: str, issued: dt.date, *, deal_id: str,
            client_id: str, client: str, amount: Decimal, vat: Decimal,
            currency: str) -> DocumentRow:
    """Take the next number of ``kind`` for ``issued``'s year and register it (reserved)."""
    return reserve_all(store, [Wanted(kind, pattern, issued, deal_id, client_id, client, amount,
                                      vat, currency)])[0]


def settled(row: DocumentRow, *, file: str = "", reason: str = "") -> DocumentRow:
    """``row`` made (``file``), or void (``reason``)."""
    return replace(row, status="void" if reason else "made", reason=reason, file=file)


def settle_all(store: Store, rows: Sequence[DocumentRow]) -> None:
    """Record in one transaction what became of reserved numbers (made or void)."""
    with store.transaction() as tx:
        tx.settle_documents(rows)


def settle(store: Store, row: DocumentRow, *, file: str = "", reason: str = "") -> DocumentRow:
    """The document was made (``file``), or is void (``reason``)."""
    done = settled(row, file=file, reason=reason)
    settle_all(store, [done])
    return done


def existing(store: Store, kind: str, deal_id: str) -> DocumentRow | None:
    """The latest live document of ``kind`` for the deal, if any."""
    rows = [row for row in store.documents(kind, deal_id) if row.status in LIVE]
    return rows[-1] if rows else None
