"""Each focus area's charts, with their words in the page's language: how people felt in each
period (stacked shares) and the average sentiment over time, each with its text alternative."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from flask_babel import format_percent, get_locale
from flask_babel import gettext as _

from coprod.evidence.charts import Chart, ChartText, feeling_chart, trend_chart
from coprod.evidence.periods import Period
from coprod.evidence.summary import PeriodFigures
from coprod.languages import language
from coprod.web.evidence.drafting import signed

#: The labels a feeling chart stacks, from good to bad.
STACKED = ("positive", "mixed", "neutral", "negative")


@dataclass(frozen=True)
class AreaCharts:
    feeling: Chart
    trend: Chart


def _percent(share: float) -> str:
    return str(format_percent(share))


def _listed(parts: list[str]) -> str:
    return "; ".join(parts)


def area_charts(
    area: str,
    trend: Sequence[PeriodFigures],
    area_name: str,
    label_names: Mapping[str, object],
    period_name: Callable[[Period], str],
) -> AreaCharts:
    """The area's two charts over the periods up to the one shown. Their words, text
    alternatives and tables are ready at once; each picture is drawn only when asked for."""
    names = [period_name(row.period) for row in trend]
    too_few = _("too few to show")
    rtl = language(str(get_locale() or "en")).right_to_left
    labels = {label: str(label_names[label]) for label in STACKED}
    feeling_parts = []
    for name, row in zip(names, trend, strict=True):
        shares = [
            f"{labels[label]} {_percent(value)}"
            for label in STACKED
            if (value := row.shares.get(label)) is not None
        ]
        feeling_parts.append(f"{name}: {', '.join(shares) if shares else too_few}")
    feeling = feeling_chart(
        trend,
        ChartText(
            title=_("How people felt, by period"),
            alt=_(
                "Bar chart of the share of statements about %(area)s by feeling. %(values)s.",
                area=area_name,
                values=_listed(feeling_parts),
            ),
            too_few=too_few,
            period_heading=_("Period"),
            period_names=names,
            axis=_("Share of statements"),
            labels=labels,
            rtl=rtl,
            percent=_percent,
            mean=signed,
        ),
        id_prefix=f"feeling-{area}",
    )
    means = [row.mean for row in trend]
    trend_parts = [
        f"{name}: {signed(mean) if mean is not None else too_few}"
        for name, mean in zip(names, means, strict=True)
    ]
    over_time = trend_chart(
        means,
        ChartText(
            title=_("Average sentiment, by period"),
            alt=_(
                "Line chart of the average sentiment about %(area)s, from −1 (all negative) "
                "to +1 (all positive). %(values)s.",
                area=area_name,
                values=_listed(trend_parts),
            ),
            too_few=too_few,
            period_heading=_("Period"),
            period_names=names,
            axis=_("Average sentiment"),
            labels={},
            rtl=rtl,
            percent=_percent,
            mean=signed,
        ),
        id_prefix=f"trend-{area}",
    )
    return AreaCharts(feeling, over_time)
