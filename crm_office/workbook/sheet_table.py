"""The rows of one table as read from one sheet: typed columns plus their places."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crm_office.config.model import Source
from crm_office.model import Table
from crm_office.problems import ProblemList
from crm_office.workbook.headers import HeaderMatch

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True)
class TextScan:
    """What the reader notes of a text column as it converts it, for the rules that would
    otherwise walk a million texts again (each walk costs as much as the conversion: the
    texts are scattered in memory): the longest text, and where texts have spaces around them.

    Valid for the column as read; whoever changes the column drops its scan.
    """

    longest: int
    untrimmed: list[int]


@dataclass
class SheetTable:
    """Typed values of one table in one sheet, column by column.

    ``rows[i]`` is the Excel row number of record ``i``; ``columns[key][i]`` its value;
    ``fields[key].offset`` plus ``first_column`` gives the Excel column.
    """

    table: Table
    source: Source
    header_row: int
    first_column: int
    fields: dict[str, HeaderMatch]
    rows: Sequence[int]
    columns: dict[str, list[Any]]
    unknown_headers: list[str] = field(default_factory=list)
    width: int = 0
    """How many columns the header row spans (engine columns missing there go after it)."""
    unreadable: dict[str, set[int]] = field(default_factory=dict)
    """Per field, the record indices whose value could not be read (already reported)."""
    text_dates: dict[str, dict[int, str]] = field(default_factory=dict)
    """Per date field, record index -> the text typed where a date was expected."""
    texts: dict[str, TextScan] = field(default_factory=dict)
    """Per text field, what the reader saw while each text was in hand (see :class:`TextScan`)."""

    def __len__(self) -> int:
        return len(self.rows)

    def excel_column(self, key: str) -> int:
        """1-based Excel column of a field."""
        return self.first_column + self.fields[key].offset

    def records(self) -> Iterator[dict[str, Any]]:
        """Each row as a dict of field -> value (slow; for small tables and tests)."""
        keys = list(self.columns)
        for values in zip(*(self.columns[key] for key in keys), strict=True):
            yield dict(zip(keys, values, strict=True))

    def to_frame(self) -> pandas.DataFrame:
        """The table as a DataFrame with an ``_row`` column of Excel row numbers."""
        import pandas

        frame = pandas.DataFrame(self.columns)
        frame.insert(0, "_row", list(self.rows))
        return frame


@dataclass
class TableRead:
    """Everything read for one table: its parts (one per source) and the problems."""

    table: Table
    parts: list[SheetTable] = field(default_factory=list)
    problems: ProblemList = field(default_factory=ProblemList)

    @property
    def row_count(self) -> int:
        return sum(len(part) for part in self.parts)
