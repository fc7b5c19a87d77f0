"""Commission per manager, by the rules of ``[commission]``.

The rate of a manager is ``commission.rates[name]``, else the Managers sheet's
*Commission, %*, else ``commission.default_rate``; a deal whose product group has a
rate in ``commission.product_groups`` earns that rate instead. On ``base = "won"``
commission is paid on the amount of the deals won in the week; on ``base = "paid"``
on the payments received in the week for the manager's clients' invoices.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.grid import ZERO

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.config.model import Commission

CENT = Decimal("0.01")


def manager_rate(name: str, rules: Commission, managers: pandas.DataFrame) -> Decimal:
    if name in rules.rates:
        return rules.rates[name]
    sheet = managers.loc[managers["name"] == name, "commission"].dropna()
    if len(sheet):
        return Decimal(str(sheet.iloc[0]))
    return rules.default_rate


def commissions(frames: OfficeFrames, rules: Commission, won: pandas.DataFrame,
                paid: pandas.DataFrame, names: list[str]) -> dict[str, Decimal]:
    """Manager -> commission of the week.

    ``won``: deals won in the week (``manager``, ``amount``, ``product_group``);
    ``paid``: payments of the week with ``manager`` and ``product_group`` of their deal.
    """
    rows = won if rules.base == "won" else paid
    result = dict.fromkeys(names, ZERO)
    sheet = frames["managers"]
    listed = set(sheet["name"].dropna())
    rates = {name: manager_rate(name, rules, sheet) if name in listed or name in rules.rates
             else rules.default_rate for name in names}
    for manager, amount, group in zip(rows["manager"], rows["amount"], rows["product_group"],
                                      strict=True):
        if manager not in result or not isinstance(amount, Decimal):
            continue
        rate = rules.product_groups.get(_text(group), rates[manager])
        result[manager] += amount * rate / 100
    return {name: value.quantize(CENT) for name, value in result.items()}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
