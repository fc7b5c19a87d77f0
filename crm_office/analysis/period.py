"""ISO weeks: the past week of a report, the one before it, and the weeks of a trend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crm_office.errors import ConfigError

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    """One ISO week (Monday to Sunday), written ``2026-W48``."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def last_complete(cls, today: date) -> Week:
        """The week before the one ``today`` is in (the week a Monday report is about)."""
        return cls.of(today - timedelta(days=7))

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2026-W47`` (or ``2026W47``); anything else is a usage error with an example."""
        match = _WEEK.match(text.strip())
        if match is None:
            raise ConfigError(f"'{text}' is not an ISO week", key_path="--week",
                              hint="write it as 2026-W47 (year, W, week number)")
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError as exc:
            raise ConfigError(f"{year} has no week {number}", key_path="--week",
                              hint="ISO years have 52 or 53 weeks") from exc
        return cls(year, number)

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """The Sunday: the last day of the week (figures are "as of" this day)."""
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def shift(self, weeks: int) -> Week:
        return Week.of(self.start + timedelta(weeks=weeks))

    def previous(self) -> Week:
        return self.shift(-1)

    def trend(self, count: int) -> list[Week]:
        """The ``count`` weeks ending with this one, oldest first."""
        return [self.shift(offset) for offset in range(1 - count, 1)]

    def __str__(self) -> str:
        return self.label
