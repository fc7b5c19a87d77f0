"""The office's tables as DataFrames the analysis reads, normalised once.

Choice values typed in English or Russian become their keys (``не увидел выгоды`` →
``no_benefit``), stages their funnel names, references a folded ``*_key`` column
(``" c-1"`` and ``"C-1"`` are one client), dates ``datetime64``. Money stays
``Decimal`` so every amount shown is exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crm_office.model import BUILTIN_TABLES, FUNNEL, ColumnType

if TYPE_CHECKING:
    import pandas

    from crm_office.config.model import Config, Funnel

REFERENCES = {"client_id": "client_key", "deal_id": "deal_key", "invoice": "invoice_key",
              "campaign_id": "campaign_key"}
"""Reference column -> the folded column added beside it."""
OWN_KEYS = {"clients": "client_key", "deals": "deal_key", "invoices": "invoice_key",
            "campaigns": "campaign_key"}
"""Table -> the folded column of its own ID."""
Array = Any
"""A numpy array (numpy is imported only where it is used)."""


@dataclass
class OfficeFrames:
    """One DataFrame per table (empty, with its columns, when the office lacks it)."""

    tables: dict[str, pandas.DataFrame]
    memo: dict[tuple[str, object], Any] = field(default_factory=dict)
    """Figures several sections need, worked out once (e.g. each client's last contact)."""

    def __getitem__(self, key: str) -> pandas.DataFrame:
        return self.tables[key]

    def indexed(self, key: str, column: str) -> pandas.DataFrame:
        """Table ``key`` indexed by ``column`` (its first row of each value), made once."""
        memo = ("indexed", (key, column))
        if memo not in self.memo:
            table = self.tables[key]
            self.memo[memo] = table.drop_duplicates(column).set_index(column)
        result: pandas.DataFrame = self.memo[memo]
        return result

    def codes(self, key: str, column: str) -> tuple[Array, Array]:
        """``column`` of table ``key`` as numbers (-1 for none) and the values they stand
        for, made once."""
        import numpy
        import pandas

        memo = ("codes", (key, column))
        if memo not in self.memo:
            codes, uniques = pandas.factorize(self.tables[key][column])
            self.memo[memo] = (codes, numpy.asarray(uniques, dtype=object))
        result: tuple[Array, Array] = self.memo[memo]
        return result

    @classmethod
    def from_records(cls, funnel: Funnel,
                     records: Mapping[str, Sequence[Mapping[str, Any]]]) -> OfficeFrames:
        """Frames from rows of typed values (tests, the store)."""
        import pandas

        raw = {key: pandas.DataFrame(list(records.get(key, [])))
               for key in BUILTIN_TABLES}
        return cls({key: normalise(key, frame, funnel) for key, frame in raw.items()})


def read_frames(config: Config) -> OfficeFrames:
    """Read the office's workbooks (fast reader) into normalised frames."""
    import pandas

    from crm_office.workbook.reader import read_office

    reads = read_office(config)
    tables: dict[str, pandas.DataFrame] = {}
    for key in BUILTIN_TABLES:
        parts = [part.to_frame() for part in reads[key].parts] if key in reads else []
        frame = pandas.concat(parts, ignore_index=True) if parts else pandas.DataFrame()
        tables[key] = normalise(key, frame, config.funnel)
    return OfficeFrames(tables)


def normalise(key: str, frame: pandas.DataFrame, funnel: Funnel) -> pandas.DataFrame:
    """Every column of the table present; choices as keys, dates as datetime64, keys folded."""
    import pandas

    table = BUILTIN_TABLES[key]
    frame = frame.copy()
    for column in table.columns:
        if column.key not in frame:
            frame[column.key] = pandas.Series([None] * len(frame), dtype=object,
                                              index=frame.index)
        if column.type not in (ColumnType.DATE, ColumnType.NUMBER, ColumnType.INTEGER):
            frame[column.key] = frame[column.key].astype(object)
        if column.type is ColumnType.DATE:
            frame[column.key] = pandas.to_datetime(frame[column.key], errors="coerce")
        elif column.choices_from == FUNNEL:
            frame[column.key] = _mapped(frame[column.key], stage_lookup(funnel))
        elif column.choices:
            lookup = {fold(text): choice.key for choice in column.choices
                      for text in (choice.key, choice.en, choice.ru)}
            frame[column.key] = _mapped(frame[column.key], lookup)
        elif column.key in ("manager", "owner"):
            frame[column.key] = _names(frame[column.key])
    for source, target in REFERENCES.items():
        if source in frame:
            frame[target] = _folded(frame[source])
    if key in OWN_KEYS:
        own = "number" if key == "invoices" else "id"
        frame[OWN_KEYS[key]] = _folded(frame[own])
    if key == "managers":
        frame["name"] = _names(frame["name"])
    return frame


def stage_lookup(funnel: Funnel) -> dict[str, str]:
    """Folded stage name or Russian label -> stage name."""
    return {fold(text): stage.name for stage in funnel.stages
            for text in (stage.name, stage.label_ru) if text}


def fold(text: Any) -> str:
    """Compare text ignoring case, surrounding and repeated spaces, ё/е."""
    return " ".join(str(text).split()).casefold().replace("ё", "е")


def _mapped(series: pandas.Series, lookup: dict[str, str]) -> pandas.Series:
    """Known values as their keys; unknown ones kept as typed (trimmed)."""
    uniques = series.dropna().unique()
    mapping = {value: lookup.get(fold(value), str(value).strip()) for value in uniques}
    return series.map(mapping).astype(object)


def _folded(series: pandas.Series) -> pandas.Series:
    """Each distinct value folded once (None when nothing is left); empty ones NaN."""
    import numpy
    import pandas

    codes, uniques = pandas.factorize(series)
    folded = numpy.array([fold(value) or None for value in uniques.tolist()] + [numpy.nan],
                         dtype=object)
    return pandas.Series(folded[codes], index=series.index, dtype=object)  # -1: the NaN


def _names(series: pandas.Series) -> pandas.Series:
    """Names with their spaces tidied (each distinct one once)."""
    mapping = {value: _name(value) for value in series.dropna().unique()}
    return series.map(mapping).astype(object).where(series.notna(), series)


def _name(value: Any) -> str | None:
    text = " ".join(str(value).split())
    return text or None
