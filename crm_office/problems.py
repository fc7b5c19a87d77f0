"""Problems found in the data: values, never exceptions.

A :class:`Problem` says what is wrong, where (file, sheet, Excel row, column
letter, the header as the person typed it), the value and how to fix it.
Messages come from :mod:`crm_office.messages` templates, so they read the same
in every command and can be shown in English or Russian.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crm_office.catalogue import Text, render_text, say
from crm_office.messages import render_message


class Severity(enum.StrEnum):
    """How bad a problem is; errors make commands exit with code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def column_letter(index: int) -> str:
    """Turn a 1-based column number into Excel letters (1 -> A, 28 -> AB)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the office's data, with its exact place."""

    code: str
    severity: Severity
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    header: str = ""
    value: Any = None
    fix: str = ""
    replacement: Any = None
    locale: str = field(default="en", compare=False, repr=False)
    """Language of ``message`` and ``fix``, used for :attr:`where` too."""

    @property
    def fixable(self) -> bool:
        """True when ``validate --fix`` may safely write ``replacement`` into the cell."""
        return self.replacement is not None

    @property
    def cell(self) -> str:
        """The Excel address, e.g. ``C17``; empty when the problem is not in one cell."""
        if self.row is None or self.column is None:
            return ""
        return f"{column_letter(self.column)}{self.row}"

    @property
    def where(self) -> str:
        """File, sheet and cell as a person would say it."""
        parts = [self.file, say("place.sheet", self.locale, sheet=self.sheet) if self.sheet else "",
                 self.cell or (say("place.row", self.locale, row=self.row) if self.row else "")]
        return ", ".join(part for part in parts if part)

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable shape used by ``--format json``."""
        return {
            "code": self.code, "severity": self.severity.value, "message": self.message,
            "file": self.file, "sheet": self.sheet, "row": self.row,
            "column": column_letter(self.column) if self.column else None,
            "cell": self.cell or None, "header": self.header,
            "value": _jsonable(self.value), "fix": self.fix,
            "replacement": _jsonable(self.replacement),
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


VALUE_SHOWN = 1000
"""A longer text value is cut to this many characters in a problem and its message."""


def make_problem(code: str, *, locale: str = "en", file: str = "", sheet: str = "",
                 row: int | None = None, column: int | None = None, header: str = "",
                 value: Any = None, fix: str | Text = "", replacement: Any = None,
                 **details: Any) -> Problem:
    """Build a problem whose message, severity and fix come from the catalogue.

    ``fix`` is a key of :mod:`crm_office.catalogue.fixes`, a :class:`Text` with fields,
    or the office's own words (a condition's message in config.toml), kept as written.
    """
    if isinstance(value, str) and len(value) > VALUE_SHOWN:
        value = value[:VALUE_SHOWN] + "…"  # notes and the Issues sheet show its start
    severity, message = render_message(code, locale, header=header, value=value, file=file,
                                       sheet=sheet, **details)
    return _new_problem(code=code, severity=_SEVERITIES[severity], message=message, file=file,
                        sheet=sheet, row=row, column=column, header=header, value=value,
                        fix=_fix_text(fix, locale) if isinstance(fix, str)
                        else render_text(fix, locale),
                        replacement=replacement, locale=locale)


_SEVERITIES = {severity.value: severity for severity in Severity}


@lru_cache(maxsize=1024)
def _fix_text(fix: str, locale: str) -> str:
    """A fix given as a catalogue key (or the office's own words) is the same text each time."""
    return render_text(fix, locale)


def _new_problem(**fields: Any) -> Problem:
    """A :class:`Problem` without the frozen dataclass's field-by-field ``__init__``.

    A large office has hundreds of thousands of problems; the frozen ``__init__`` sets
    each of the 13 fields through ``object.__setattr__``: 2 µs of the 5 a problem took.
    Only :func:`make_problem` calls it, always with every field.
    """
    problem = object.__new__(Problem)
    problem.__dict__.update(fields)
    return problem


@dataclass
class ProblemList:
    """An ordered collection of problems with counts by severity."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.items if problem.severity is severity)

    def by_code(self) -> Counter[str]:
        return Counter(problem.code for problem in self.items)

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.items)
