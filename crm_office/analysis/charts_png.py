"""The report's charts as PNG pictures for the mail body (matplotlib, no display)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_office.analysis.labels import Labels
    from crm_office.analysis.weekly import WeeklyAnalysis


def report_pictures(analysis: WeeklyAnalysis, labels: Labels) -> dict[str, bytes]:
    """Content ID -> PNG: the funnel and the 12-week trend."""
    conversion = analysis.funnel.conversion
    stages = [str(labels.show("stage", stage)) for stage in conversion.column("stage")]
    pictures = {"funnel": _bars(stages, [float(v) for v in conversion.column("reached")],
                                labels.text("sheet_funnel"))}
    weeks = [week.label[-3:] for week in analysis.trend]
    pictures["trend"] = _lines(weeks, {
        labels.text(name): [float(getattr(analysis.flows[week], name))
                            for week in analysis.trend]
        for name in ("new_deals", "won_deals", "lost_deals")}, labels.text("trend"))
    return pictures


def _bars(names: list[str], values: list[float], title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 3.2), dpi=100)
    axes.barh(names[::-1], values[::-1], color="#2F75B5")
    axes.set_title(title)
    return _png(figure)


def _lines(weeks: list[str], series: dict[str, list[float]], title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 3.2), dpi=100)
    for name, values in series.items():
        axes.plot(weeks, values, marker="o", label=name)
    axes.legend(fontsize=8)
    axes.set_title(title)
    return _png(figure)


def _png(figure: object) -> bytes:
    from matplotlib import pyplot

    stream = io.BytesIO()
    figure.tight_layout()  # type: ignore[attr-defined]
    figure.savefig(stream, format="png")  # type: ignore[attr-defined]
    pyplot.close(figure)  # type: ignore[arg-type]
    return stream.getvalue()
