"""How an office numbers the records of a table: ``К-0001``, ``1001``, ``CL/2024/17``.

A scheme is a format string with one number field, ``{n}`` or ``{n:0Wd}`` (zero-padded
to at least W digits), and optionally ``{year}`` (the year the ID is given; numbering
starts again at 1 each year). It is taken from the config (``id_format`` under
``[tables.<name>]``), learnt from the IDs the office already has (:data:`ID_SHAPES`), or
the engine's default ``PREFIX-{n:06d}`` when a table has no ID yet.

An ID that does not fit the scheme is still the record's ID: it is never replaced.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

__all__ = ["ID_SHAPES", "IdScheme", "IdShape", "default_scheme", "learn_scheme", "table_scheme"]


@dataclass(frozen=True)
class IdShape:
    """A form of ID an office may use, recognised in existing IDs."""

    name: str
    example: str
    pattern: re.Pattern[str]
    """Named groups: ``number`` always; ``prefix``, ``sep`` and ``year`` when the shape has them."""
    layout: str
    """How the scheme's format is built from the groups; ``{number}`` is the number field."""


ID_SHAPES: tuple[IdShape, ...] = (
    IdShape("prefix/year/number", "CL/2024/17", re.compile(
        r"(?P<prefix>[^\W\d_]+)(?P<sep>[/\-.])(?P<year>(?:19|20)\d\d)(?P=sep)(?P<number>\d+)"),
        "{prefix}{sep}{{year}}{sep}{number}"),
    IdShape("prefix-number", "К-0001", re.compile(
        r"(?P<prefix>[^\W\d_]+[-/._ #№]?)(?P<number>\d+)"), "{prefix}{number}"),
    IdShape("number", "1001", re.compile(r"(?P<number>\d+)"), "{number}"),
)
"""The recognised shapes, tried in this order (documented in the README: "Sync", IDs)."""

SAMPLE = 10_000
"""How many IDs of a table the scheme is learnt from, at most (about)."""

_NUMBER_SPEC = re.compile(r"(?:0(\d+))?d?")


@dataclass(frozen=True)
class IdScheme:
    """One table's numbering; ``origin`` says where it came from: config, learnt or default."""

    format: str
    origin: str = "default"

    def __post_init__(self) -> None:
        self._parts()  # a format without exactly one number field fails here, not later

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        regex = []
        for literal, name, spec in self._parts():
            regex.append(re.escape(literal))
            if name == "n":
                width = _width(spec)
                regex.append(rf"(?P<n>\d{{{width},}})" if width > 1 else r"(?P<n>\d+)")
            elif name == "year":
                regex.append(r"(?P<year>\d{4})")
        return re.compile("".join(regex), re.IGNORECASE)

    @cached_property
    def yearly(self) -> bool:
        return any(name == "year" for _literal, name, _spec in self._parts())

    def make(self, number: int, year: int) -> str:
        """The ID with this number (given in ``year`` for yearly schemes), in capitals: IDs
        are compared ignoring case and kept in capitals (see :meth:`key`)."""
        return self.format.format(n=number, year=year).upper()

    def number(self, record_id: str, year: int) -> int | None:
        """The number of an ID in this scheme (of ``year`` for yearly ones), else None."""
        found = self.pattern.fullmatch(record_id.strip())
        if found is None or (self.yearly and int(found["year"]) != year):
            return None
        return int(found["n"])

    def fits(self, record_id: str) -> bool:
        return self.pattern.fullmatch(record_id.strip()) is not None

    def key(self, typed: str) -> str:
        """The record key of a typed ID: upper case when it fits, else exactly as typed."""
        text = typed.strip()
        return text.upper() if self.fits(text) else text

    def cell_value(self, record_id: str) -> str | int:
        """What goes into the ID cell: a plain number for a pure-number scheme (``{n}``), so
        new IDs look like the office's own number cells; text otherwise."""
        if self.format == "{n}" and record_id.isdigit() and not record_id.startswith("0"):
            return int(record_id)
        return record_id

    def counter(self, table_key: str, year: int) -> str:
        """The store counter this scheme counts with (one per year for yearly schemes)."""
        return f"{table_key}/{year}" if self.yearly else table_key

    def shown(self, locale: str, year: int) -> str:
        """The numbering as a reader sees it: the format (``К-{n:04d}``) in English; in
        Russian, whose texts hold no format syntax, the second ID and more (``К-0002, …``),
        following the first one the text shows as its example."""
        return self.format if locale != "ru" else f"{self.make(2, year)}, …"

    def to_dict(self, year: int) -> dict[str, str]:
        return {"format": self.format, "origin": self.origin, "example": self.make(1, year)}

    def _parts(self) -> list[tuple[str, str | None, str]]:
        try:
            parsed = list(string.Formatter().parse(self.format))
        except ValueError as exc:
            raise ValueError(f"'{self.format}' is not a format: {exc}") from exc
        names = [name for _literal, name, _spec, _conv in parsed if name is not None]
        unknown = [name for name in names if name not in ("n", "year")]
        if names.count("n") != 1 or unknown or names.count("year") > 1:
            raise ValueError(f"'{self.format}' must hold one {{n}} (or {{n:04d}}) and may hold "
                             "{year}, nothing else in braces")
        for _literal, name, spec, _conv in parsed:
            if name == "n" and not _NUMBER_SPEC.fullmatch(spec or ""):
                raise ValueError(f"'{self.format}': the number is {{n}} or {{n:0Wd}}, "
                                 f"not {{n:{spec}}}")
        return [(literal, name, spec or "") for literal, name, spec, _conv in parsed]


def _width(spec: str) -> int:
    digits = _NUMBER_SPEC.fullmatch(spec)
    return int(digits.group(1)) if digits and digits.group(1) else 1


def default_scheme(prefix: str) -> IdScheme:
    """The engine's own numbering: ``C-000001``, more digits past 999999."""
    return IdScheme(f"{prefix}-{{n:06d}}", "default")


def learn_scheme(ids: Iterable[str], default: IdScheme) -> IdScheme:
    """The scheme most of ``ids`` follow (see :data:`ID_SHAPES`), or ``default`` if none does.
    Of a large table an even sample of :data:`SAMPLE` IDs is looked at (a million take 2 s)."""
    every = list(ids)
    step = max(1, len(every) // SAMPLE)
    families: dict[tuple[str, str], list[str]] = {}
    for record_id in every[::step]:
        text = record_id.strip().upper()
        for shape in ID_SHAPES:
            found = shape.pattern.fullmatch(text)
            if found is not None:
                groups = found.groupdict()
                layout = shape.layout.format(prefix=_braces(groups.get("prefix") or ""),
                                             sep=_braces(groups.get("sep") or ""),
                                             number="{number}")
                families.setdefault((shape.name, layout), []).append(groups["number"])
                break
    if not families:
        return default
    (_shape, layout), numbers = max(families.items(), key=lambda item: len(item[1]))
    padded = [digits for digits in numbers if len(digits) > 1 and digits.startswith("0")]
    field = f"{{n:0{min(len(d) for d in padded)}d}}" if padded else "{n}"
    learnt = layout.replace("{number}", field)
    return default if learnt == default.format else IdScheme(learnt, "learnt from the IDs")


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def table_scheme(prefix: str, id_format: str, ids: Iterable[str]) -> IdScheme | None:
    """A table's scheme: from the config, else learnt from ``ids``; None for natural keys."""
    if not prefix:
        return None
    if id_format:
        return IdScheme(id_format, "from the config")
    return learn_scheme(ids, default_scheme(prefix))
