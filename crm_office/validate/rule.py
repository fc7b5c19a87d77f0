"""The base of every validation rule: codes it can report and a check over the office."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from crm_office.problems import Problem
from crm_office.validate.context import ValidationContext


class Rule:
    """One check. Subclasses name their codes and yield problems; they never raise for data."""

    codes: ClassVar[tuple[str, ...]] = ()

    def prepare(self, ctx: ValidationContext) -> None:
        """Start slow, independent work early (in a worker); ``check`` collects it.

        Called more than once: by ``validate_office`` after each table is read (``ctx``
        holds the tables read so far), then with every table; work already started for
        a table is not started again.
        """

    def check(self, ctx: ValidationContext) -> Iterable[Problem]:
        raise NotImplementedError
