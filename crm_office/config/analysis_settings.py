"""Read ``[analysis]``, ``[reminders]`` and ``[commission]`` of config.toml."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import Text
from crm_office.config import settings as declared
from crm_office.config.model import (
    DEFAULT_REMINDER_LEVELS,
    Analysis,
    Commission,
    ReminderLevel,
    Reminders,
)

if TYPE_CHECKING:
    from crm_office.config.loader import SectionReader


def analysis_sections(reader: SectionReader, root: dict[str, Any]) -> dict[str, Any]:
    """The ``analysis``, ``reminders`` and ``commission`` fields of the Config."""
    return {"analysis": _analysis(reader, root["analysis"]),
            "reminders": _reminders(reader, root["reminders"]),
            "commission": _commission(reader, root["commission"])}


def _analysis(reader: SectionReader, raw: Any) -> Analysis:
    values = reader.section(raw, declared.ANALYSIS, "analysis")
    for key in ("too_few", "too_many", "trend_weeks", "sleeping_days", "max_findings"):
        if values[key] < 0 or (key == "trend_weeks" and values[key] < 2):
            raise reader.fail(f"analysis.{key}", Text("cfg.too-small"),
                              Text("cfg.too-small-hint", weeks="trend_weeks"))
    if values["too_many"] and values["too_many"] < values["too_few"]:
        raise reader.fail("analysis.too_many", Text("cfg.not-below", other="analysis.too_few"))
    return Analysis(**values)


def _reminders(reader: SectionReader, raw: Any) -> Reminders:
    values = reader.section(raw, declared.REMINDERS, "reminders")
    levels: list[ReminderLevel] = []
    for index, item in enumerate(values["levels"]):
        level = reader.section(item, declared.REMINDER_LEVEL, f"reminders.levels[{index}]")
        if level["name"] in (known.name for known in levels):
            raise reader.fail(f"reminders.levels[{index}].name",
                              Text("cfg.level-twice", level=level["name"]))
        levels.append(ReminderLevel(**level))
    levels.sort(key=lambda level: level.days)
    return Reminders(morning=values["morning"], complaint_days=values["complaint_days"],
                     payments=values["payments"],
                     levels=tuple(levels) or DEFAULT_REMINDER_LEVELS)


def _commission(reader: SectionReader, raw: Any) -> Commission:
    values = reader.section(raw, declared.COMMISSION, "commission")
    return Commission(default_rate=_rate(reader, values["default_rate"],
                                         "commission.default_rate"),
                      rates=_rates(reader, values["rates"], "commission.rates"),
                      product_groups=_rates(reader, values["product_groups"],
                                            "commission.product_groups"),
                      base=values["base"])


def _rates(reader: SectionReader, raw: dict[str, Any], where: str) -> dict[str, Decimal]:
    return {name: _rate(reader, value, f"{where}.{name}") for name, value in raw.items()}


def _rate(reader: SectionReader, value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise reader.fail(where, Text("cfg.not-percentage", value=repr(value)),
                          Text("cfg.percent-example"))
    return Decimal(str(value))
