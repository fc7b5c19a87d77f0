"""Every figure of the weekly analysis on a small fixed office, worked out by hand.

The data set and the dates are in tests/analysis_data.py; each expected value below
says how it was counted.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import pytest
from analysis_data import COMMISSION, SETTINGS, WEEK, frames, funnel

from crm_office.analysis.labels import Labels
from crm_office.analysis.period import Week
from crm_office.analysis.sentences import say
from crm_office.analysis.weekly import WeeklyAnalysis, analyse


@pytest.fixture(scope="module")
def analysis() -> WeeklyAnalysis:
    return analyse(frames(), funnel(), SETTINGS, COMMISSION, WEEK)


def test_weeks() -> None:
    assert (WEEK.start.isoformat(), WEEK.end.isoformat()) == ("2026-11-09", "2026-11-15")
    assert Week.parse("2026-W47") == Week(2026, 47)
    assert Week.last_complete(WEEK.end.replace(day=16)) == WEEK  # Monday 16 Nov
    assert WEEK.trend(12)[0].start.isoformat() == "2026-08-24"


def test_funnel_counts_and_each_conversion(analysis: WeeklyAnalysis) -> None:
    # all nine deals were opened in the window; furthest stage reached:
    # D-1, D-2 won; D-3 offer; D-4 demo; D-5, D-6 lost at demo; D-7 lost at
    # qualification; D-8 negotiation; D-9 lead.
    grid = analysis.funnel.conversion
    assert grid.column("reached") == [9, 8, 7, 7, 4, 3, 2, 2, 2]
    assert grid.column("to_next") == [D("0.8889"), D("0.875"), D("1"), D("0.5714"),
                                      D("0.75"), D("0.6667"), D("1"), D("1"), None]
    assert grid.row("demo")["dropped"] == 2
    assert grid.row("qualification")["dropped"] == 1
    by_stage = analysis.funnel.by_stage
    assert by_stage.row("offer")["deals"] == 1 and by_stage.row("offer")["amount"] == 2000
    assert by_stage.row("negotiation")["amount"] == 10000
    assert by_stage.row("lead")["deals"] == 1
    # no Days in stage column yet: days since opened, to Sunday 15 Nov
    assert by_stage.row("offer")["median_days"] == D(45)  # D-3 opened 1 Oct
    assert by_stage.row("negotiation")["median_days"] == D(76)  # D-8 opened 31 Aug


def test_new_won_lost_and_win_rate(analysis: WeeklyAnalysis) -> None:
    flow = analysis.flow
    # opened 9 and 11 Nov: D-4 (4000) and D-9 (100); won D-1, D-2; lost D-5, D-6
    assert (flow.new_deals, flow.new_amount) == (2, D(4100))
    assert (flow.won_deals, flow.won_amount) == (2, D(4000))
    assert (flow.lost_deals, flow.lost_amount) == (2, D(1200))
    assert analysis.funnel.win_rate == D("0.5")
    assert flow.contacts == 2 and flow.payments == D(400)
    assert analysis.previous_flow.new_deals == 0


def test_refusal_reason_shares(analysis: WeeklyAnalysis) -> None:
    # week: one 'no benefit', one 'price'; window: D-7 (typed in Russian) too
    pareto = analysis.refusals.pareto
    assert pareto.row("no_benefit") == {
        "reason": "no_benefit", "week": 1, "week_share": D("0.5"), "period": 2,
        "period_share": D("0.6667"), "cumulative_share": D("0.6667")}
    assert pareto.row("price")["period_share"] == D("0.3333")
    assert pareto.row("price")["cumulative_share"] == D("1")
    assert analysis.refusals.by_stage.row("no_benefit")["qualification"] == 1
    assert analysis.refusals.week_by_stage == {"demo": 2}
    assert analysis.refusals.average_by_stage["demo"] == D("0.17")  # 2 / 12


def test_each_ageing_bucket(analysis: WeeklyAnalysis) -> None:
    # as of 15 Nov: INV-1 600 not due; INV-2 3000, 15 days (paid on the 16th: after);
    # INV-3 500, 66 days; INV-4 1100, 137 days; INV-5 paid in full
    ageing = analysis.receivables.ageing
    assert {row[0]: row[2] for row in ageing.rows} == {
        "not_due": D(600), "days_0_30": D(3000), "days_31_60": D(0), "days_61_90": D(500),
        "days_90_plus": D(1100)}
    figures = analysis.receivables
    assert (figures.invoiced, figures.paid, figures.open, figures.overdue) == (
        D(6250), D(1050), D(5200), D(4600))
    assert analysis.receivables.by_manager.row("Anna Ivanova")["open"] == D(3600)
    assert analysis.receivables.by_manager.row("Boris Petrov")["days_90_plus"] == D(1100)


def test_one_managers_forecast_and_commission(analysis: WeeklyAnalysis) -> None:
    anna = analysis.managers.results.row("Anna Ivanova")
    # forecast: D-3 2000 × 50 % + D-4 4000 × 35 %; commission: D-1 1000 × 5 % (her
    # rate in the Managers sheet) + D-2 3000 × 10 % (the software group's rate)
    assert anna["forecast"] == D("2400.00")
    assert anna["commission"] == D("350.00")
    assert (anna["clients_in_work"], anna["won"], anna["revenue"], anna["pipeline"]) == (
        2, 2, D(4000), D(6000))
    assert anna["average_days"] == D("51.0")  # (64 + 38) / 2
    assert anna["overdue_next"] == 1  # Beta: next step 13 Nov
    assert anna["debt"] == D(3600)
    boris = analysis.managers.results.row("Boris Petrov")
    # D-8 negotiation 10000 × 65 % + D-9 lead 100 × 5 %; no won deal: no commission
    assert (boris["forecast"], boris["commission"], boris["lost"]) == (
        D("6505.00"), D("0.00"), 2)
    # D-8: no contact since it was opened on 31 Aug: 76 days > 21
    assert (boris["stalled"], boris["stalled_amount"]) == (1, D(10000))
    assert analysis.managers.stalled.rows[0][:2] == ("D-8", "Deal D-8")
    contacts = analysis.managers.contacts.row("Anna Ivanova")
    assert (contacts["call"], contacts["meeting"], contacts["total"]) == (1, 1, 2)


def test_abc_classes_and_service(analysis: WeeklyAnalysis) -> None:
    # paid by 15 Nov: Gamma 550, Alpha 400, Delta 100, Beta 0 (of 1050):
    # Gamma A (0 before), Alpha A (550 < 840), Delta B (950 < 997.5), Beta C
    assert analysis.clients.classes == {"C-1": "A", "C-2": "C", "C-3": "A", "C-4": "B"}
    assert analysis.clients.abc.row("A")["revenue"] == D(950)
    counts = dict(analysis.clients.counts.rows)
    assert counts == {"new_clients": 1, "active_clients": 3, "sleeping_clients": 1,
                      "open_complaints": 1, "late_complaints": 1}
    last = analysis.clients.satisfaction.rows[-1]
    assert last == ("2026-W46", 3, D("4.00"), D("33.3"))  # (5+3+4)/3; (2 - 1) / 3


def test_sources_and_campaigns(analysis: WeeklyAnalysis) -> None:
    referral = analysis.sources.cuts["source"].row("referral")
    assert referral == {"source": "referral", "leads": 1, "deals": 4, "won": 1,
                        "conversion": D("0.25"), "revenue": D(1000)}
    campaign = analysis.sources.campaigns.row("M-1")
    assert (campaign["deals"], campaign["won"], campaign["cost_per_won"]) == (2, 1, D("500.00"))


def test_findings_by_their_rules(analysis: WeeklyAnalysis) -> None:
    codes = [finding.code for finding in analysis.findings]
    assert codes == ["late_complaints", "old_debt"]
    labels = Labels("en", funnel())
    assert say(analysis.findings[1], labels, "EUR") == \
        "€1,100.00 owed for more than 90 days (1 invoices)"
    ru = Labels("ru", funnel())
    assert say(analysis.findings[0], ru, "RUB") == "Рекламаций с истёкшим сроком: 1"


def test_stalled_finding_names_manager_and_amount() -> None:
    from crm_office.analysis.findings import Finding

    finding = Finding("stalled_deals", D(1), {"manager": "Иванова А.", "count": 4,
                                              "amount": D(38200)})
    assert say(finding, Labels("en", funnel()), "EUR") == \
        "Иванова А.: 4 deals stalled, €38,200.00"


def test_to_dict_is_plain_json(analysis: WeeklyAnalysis) -> None:
    import json

    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["figures"]["won_amount"] == "4000"
    assert data["tables"]["ageing"]["rows"][4] == ["days_90_plus", 1, "1100"]
