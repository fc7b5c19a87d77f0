"""A figure table as the report shows it: column keys, their kinds, rows of exact values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

ZERO = Decimal(0)
SHARE_PLACES = Decimal("0.0001")


@dataclass
class Grid:
    """Rows of one table of the report.

    ``columns`` are words of :mod:`crm_office.catalogue.analysis` (the header words);
    ``kinds`` say how each column is shown: text, int, money, share (a fraction
    shown as a percentage), days (a number of days), number, date.
    """

    key: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.kinds):
            raise ValueError(f"grid {self.key}: {len(self.columns)} columns, "
                             f"{len(self.kinds)} kinds")

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def row(self, first: Any) -> dict[str, Any]:
        """The row whose first value is ``first``, as column -> value."""
        for row in self.rows:
            if row[0] == first:
                return dict(zip(self.columns, row, strict=True))
        raise KeyError(f"grid {self.key} has no row {first!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"columns": list(self.columns),
                "rows": [[_plain(value) for value in row] for row in self.rows]}


def share(part: Any, whole: Any) -> Decimal | None:
    """``part / whole`` as an exact fraction rounded to 4 places; None when whole is 0."""
    whole = _exact(whole)
    if whole == 0:
        return None
    result: Decimal = (_exact(part) / whole).quantize(SHARE_PLACES)
    return result


def _exact(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))


def total(values: Iterable[Any]) -> Decimal:
    """The exact sum of money values (None and NaN left out)."""
    import pandas

    if isinstance(values, pandas.Series):
        return _exact_sum(money(values).sum())
    result = ZERO
    for value in values:
        finite = isinstance(value, Decimal) and value.is_finite()
        if finite or (isinstance(value, int) and not isinstance(value, bool)):
            result += value
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def group_total(keys: Iterable[Any], values: Iterable[Any]) -> dict[Any, Decimal]:
    """Exact sums of money per key in one pass (None and NaN keys and values left out)."""
    import pandas

    if isinstance(keys, pandas.Series) and isinstance(values, pandas.Series):
        sums = money(values).groupby(keys.to_numpy(), sort=False).sum()
        return {key: value if type(value) is Decimal else Decimal(int(value))
                for key, value in zip(sums.index.tolist(), sums.tolist(), strict=True)}
    return _group_total(keys, values)


def money(values: pandas.Series) -> pandas.Series:
    """The Decimal (and int) values of a column, position for position; anything else None.

    Sums of the result (``sum``, ``groupby(...).sum()``) are exact and run in pandas'
    own loops instead of one Python step per row.
    """
    import pandas
    from pandas.api.types import infer_dtype

    array = values.to_numpy(dtype=object)
    if infer_dtype(array, skipna=True) in ("decimal", "empty"):
        return pandas.Series(array, dtype=object)
    kinds = pandas.Series(array, dtype=object).map(type, na_action="ignore")
    exact = kinds.isin((Decimal, int)).to_numpy()
    if not exact.all():
        array = array.copy()
        array[~exact] = None
    return pandas.Series(array, dtype=object)  # a Decimal NaN counts as missing in pandas


def _exact_sum(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(int(value))


def _group_total(keys: Iterable[Any], values: Iterable[Any]) -> dict[Any, Decimal]:
    sums: dict[Any, Decimal] = {}
    get = sums.get
    for key, value in zip(keys, values, strict=True):
        if key is None or key != key:
            continue
        exact = (type(value) is Decimal and value == value) or (
            isinstance(value, int) and not isinstance(value, bool))
        if exact:
            sums[key] = get(key, ZERO) + value
    return sums
