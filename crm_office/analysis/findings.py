"""The week's findings: a few plain sentences, each with the number behind it.

Each rule below looks at the figures and may state one finding with a score; the
highest scores are shown (``analysis.max_findings``). No guessing: a rule states what
the figures say, with the thresholds written here.

- ``refusals_at_stage``: refusals at a stage this week are at least 3 and at least twice
  the weekly average of the trend window (score: this week / average).
- ``top_refusal_reason``: the most frequent refusal reason of the trend window has at
  least 30 % of at least 5 refusals (score: 2 × its share).
- ``stalled_deals``: a manager has 3 or more stalled deals (score: count / 3).
- ``week_change``: new deals, won deals or revenue moved by half or more against the week
  before, which had some (score: the relative change).
- ``old_debt``: money owed more than 90 days past due (score 1).
- ``late_complaints``: complaints open past their deadline (score 1 + count / 10).
- ``clients_in_work``: a manager has fewer clients in work than ``too_few`` or more than
  ``too_many`` (score 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm_office.analysis.weekly import WeeklyAnalysis

MIN_STAGE_REFUSALS = 3
STAGE_FACTOR = 2
TOP_REASON_SHARE = Decimal("0.30")
TOP_REASON_MIN = 5
STALLED_MIN = 3
CHANGE_SHARE = Decimal("0.5")


@dataclass(frozen=True)
class Finding:
    """One finding: a rule code, its score, and the values its sentence is made of."""

    code: str
    score: Decimal
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "score": str(self.score),
                "values": {key: str(value) for key, value in self.values.items()}}


def find(analysis: WeeklyAnalysis, limit: int) -> list[Finding]:
    """The findings of a week, most notable first."""
    found = [*_stage_refusals(analysis), *_top_reason(analysis), *_stalled(analysis),
             *_changes(analysis), *_old_debt(analysis), *_late_complaints(analysis),
             *_clients_in_work(analysis)]
    found.sort(key=lambda item: (-item.score, item.code))
    return found[:limit]


def _stage_refusals(analysis: WeeklyAnalysis) -> list[Finding]:
    figures = analysis.refusals
    found = []
    for stage, count in figures.week_by_stage.items():
        average = figures.average_by_stage.get(stage, Decimal(0))
        if count >= MIN_STAGE_REFUSALS and count >= STAGE_FACTOR * average:
            score = Decimal(count) / average if average else Decimal(count)
            found.append(Finding("refusals_at_stage", score.quantize(Decimal("0.01")), {
                "stage": stage, "count": count, "average": average,
                "weeks": len(analysis.trend)}))
    return found


def _top_reason(analysis: WeeklyAnalysis) -> list[Finding]:
    rows = analysis.refusals.pareto.rows
    refusals = sum(row[3] for row in rows)
    if not rows or refusals < TOP_REASON_MIN or rows[0][4] is None:
        return []
    reason, _, _, count, portion, _ = rows[0]
    if portion < TOP_REASON_SHARE:
        return []
    return [Finding("top_refusal_reason", 2 * portion, {
        "reason": reason, "share": portion, "count": count, "total": refusals,
        "weeks": len(analysis.trend)})]


def _stalled(analysis: WeeklyAnalysis) -> list[Finding]:
    grid = analysis.managers.results
    found = []
    for row in grid.rows:
        data = dict(zip(grid.columns, row, strict=True))
        if data["stalled"] >= STALLED_MIN:
            found.append(Finding("stalled_deals",
                                 (Decimal(data["stalled"]) / STALLED_MIN).quantize(
                                     Decimal("0.01")),
                                 {"manager": data["manager"], "count": data["stalled"],
                                  "amount": data["stalled_amount"]}))
    return found


def _changes(analysis: WeeklyAnalysis) -> list[Finding]:
    now, before = analysis.flow, analysis.previous_flow
    found = []
    for measure in ("new_deals", "won_deals", "won_amount"):
        current, previous = getattr(now, measure), getattr(before, measure)
        if not previous:
            continue
        change = (Decimal(current) - Decimal(previous)) / Decimal(previous)
        if abs(change) >= CHANGE_SHARE:
            found.append(Finding("week_change", abs(change).quantize(Decimal("0.01")), {
                "measure": measure, "current": current, "previous": previous,
                "change": change.quantize(Decimal("0.0001"))}))
    return found


def _old_debt(analysis: WeeklyAnalysis) -> list[Finding]:
    row = analysis.receivables.ageing.row("days_90_plus")
    if not row["amount"]:
        return []
    return [Finding("old_debt", Decimal(1), {"amount": row["amount"],
                                              "invoices": row["invoices"]})]


def _late_complaints(analysis: WeeklyAnalysis) -> list[Finding]:
    late = analysis.clients.late_complaints
    if not late:
        return []
    return [Finding("late_complaints", Decimal(1) + Decimal(late) / 10, {"count": late})]


def _clients_in_work(analysis: WeeklyAnalysis) -> list[Finding]:
    grid = analysis.managers.results
    found = []
    for row in grid.rows:
        data = dict(zip(grid.columns, row, strict=True))
        if data["flag"]:
            limit = analysis.settings.too_few if data["flag"] == "too_few" \
                else analysis.settings.too_many
            found.append(Finding("clients_in_work", Decimal("0.5"), {
                "manager": data["manager"], "count": data["clients_in_work"],
                "flag": data["flag"], "limit": limit}))
    return found
