"""Exact money of a document: lines, VAT per rate, totals (``Decimal`` only, never float).

Every line is rounded on its own, half-up to the currency's minor unit, as accountants
do; the totals are sums of rounded lines, so the printed lines always add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of a currency: 0.01 for EUR and RUB, 1 for JPY."""
    from babel.numbers import get_currency_precision

    return Decimal(1).scaleb(-get_currency_precision(currency))


def round_money(value: Decimal, unit: Decimal = Decimal("0.01")) -> Decimal:
    """``value`` rounded half-up to ``unit`` (2.675 → 2.68)."""
    return value.quantize(unit, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemInput:
    """One item as the deal and the price list give it."""

    name: str
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal = Decimal(0)
    """Percent off the price (0-100)."""
    vat_rate: Decimal = Decimal(0)
    """Percent."""
    code: str = ""


@dataclass(frozen=True)
class Line:
    """A priced line: what the document prints in its item table."""

    number: int
    item: ItemInput
    amount: Decimal
    """The line's sum as printed (net or VAT-included, like the prices)."""
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class Totals:
    """The lines and their sums; ``vat_by_rate`` maps a rate (percent) to its VAT."""

    lines: tuple[Line, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal
    vat_by_rate: dict[Decimal, Decimal]
    prices_include_vat: bool
    currency: str

    @property
    def has_vat(self) -> bool:
        return any(line.item.vat_rate for line in self.lines)


def price_line(number: int, item: ItemInput, unit: Decimal, prices_include_vat: bool) -> Line:
    """One line: quantity × price less the discount, rounded; VAT on (or in) that sum."""
    if not 0 <= item.discount <= HUNDRED:
        raise ValueError(f"discount {item.discount} % is not between 0 and 100")
    amount = round_money(item.quantity * item.price * (HUNDRED - item.discount) / HUNDRED, unit)
    rate = item.vat_rate
    if prices_include_vat:
        vat = round_money(amount * rate / (HUNDRED + rate), unit)
        return Line(number, item, amount, amount - vat, vat, amount)
    vat = round_money(amount * rate / HUNDRED, unit)
    return Line(number, item, amount, amount, vat, amount + vat)


def compute_totals(items: Sequence[ItemInput], currency: str, *,
                   prices_include_vat: bool) -> Totals:
    """Price every item and add them up; VAT is also summed per rate."""
    unit = minor_unit(currency)
    lines = tuple(price_line(number, item, unit, prices_include_vat)
                  for number, item in enumerate(items, start=1))
    by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        by_rate[line.item.vat_rate] = by_rate.get(line.item.vat_rate, Decimal(0)) + line.vat
    zero = round_money(Decimal(0), unit)
    return Totals(lines, _sum((line.net for line in lines), zero),
                  _sum((line.vat for line in lines), zero),
                  _sum((line.gross for line in lines), zero),
                  dict(sorted(by_rate.items())), prices_include_vat, currency)


def _sum(values: Iterable[Decimal], zero: Decimal) -> Decimal:
    return sum(values, zero)
