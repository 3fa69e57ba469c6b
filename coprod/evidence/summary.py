"""The evidence per focus area as it may be shown: figures after disclosure control, the trend
across periods, the change since the last period with its interval, and quotes.

This is the one place the raw figures become showable, so the dashboard, the board pack and
every export show the same numbers and none can slip past disclosure control.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coprod.evidence.cells import LABELS, Cell, ClosedResult, Quote
from coprod.evidence.disclosure import (
    Line,
    share,
    suppress_line,
)
from coprod.evidence.periods import Period

#: A 95% interval reaches this many standard errors either side.
Z95 = 1.96
ROLES_SHOWN = ("parent_carer", "young_person", "professional", "other", "unknown")
SOURCES_SHOWN = ("survey", "session")


@dataclass(frozen=True)
class Change:
    """How the mean sentiment moved from one period to the next, with a 95% interval."""

    before: float
    after: float
    low: float
    high: float

    @property
    def difference(self) -> float:
        return self.after - self.before

    @property
    def beyond_noise(self) -> bool:
        """Whether the whole interval is on one side of no change."""
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class PeriodFigures:
    """One area in one period, safe to show: None wherever a figure must be hidden."""

    period: Period
    #: True when some were heard but fewer people than the threshold: nothing else is shown.
    too_few: bool
    people: int | None
    statements: int | None
    by_role: Line
    by_source: Line
    by_label: Line
    #: Each label's share of the statements, as a fraction.
    shares: dict[str, float | None]
    mean: float | None


@dataclass(frozen=True)
class ClosedFigures:
    """A closed question in one area: answers and share favourable now and in the last period."""

    question_id: str
    answered: int | None
    favourable: float | None
    previous: float | None


@dataclass(frozen=True)
class AreaEvidence:
    """Everything shown for one focus area."""

    area: str
    current: PeriodFigures
    trend: list[PeriodFigures]
    change: Change | None
    closed: list[ClosedFigures]
    quotes: list[Quote]


def _mean_and_variance(cell: Cell) -> tuple[float, float]:
    mean = cell.score_sum / cell.scored
    squares = cell.score_squares - cell.scored * mean * mean
    return mean, max(0.0, squares) / (cell.scored - 1)


def change_between(before: Cell | None, after: Cell | None, threshold: int) -> Change | None:
    """The change in mean sentiment, or None unless both periods heard enough people and
    scored enough statements for a mean."""
    if before is None or after is None:
        return None
    if min(before.people, after.people, before.scored, after.scored) < threshold:
        return None
    mean_before, variance_before = _mean_and_variance(before)
    mean_after, variance_after = _mean_and_variance(after)
    error = math.sqrt(variance_before / before.scored + variance_after / after.scored)
    difference = mean_after - mean_before
    return Change(mean_before, mean_after, difference - Z95 * error, difference + Z95 * error)


def period_figures(period: Period, cell: Cell | None, threshold: int) -> PeriodFigures:
    """One period's figures after disclosure control."""
    cell = cell or Cell()
    if cell.people < threshold or cell.statements < threshold:
        empty = Line({}, None)
        return PeriodFigures(period, cell.statements > 0, None, None, empty, empty, empty, {}, None)
    by_label = suppress_line(cell.by_label, threshold)
    return PeriodFigures(
        period,
        False,
        cell.people,
        cell.statements,
        suppress_line({r: cell.by_role.get(r, 0) for r in ROLES_SHOWN}, threshold),
        suppress_line({s: cell.by_source.get(s, 0) for s in SOURCES_SHOWN}, threshold),
        by_label,
        {k: share(v, cell.statements, threshold) for k, v in by_label.counts.items()},
        cell.score_sum / cell.scored if cell.scored >= threshold else None,
    )


def closed_figures(
    now: list[ClosedResult], before: list[ClosedResult], threshold: int
) -> list[ClosedFigures]:
    earlier = {r.question_id: r for r in before}
    shown = []
    for result in now:
        previous = earlier.get(result.question_id)
        line = suppress_line(
            {"yes": result.favourable, "no": result.answered - result.favourable}, threshold
        )
        shown.append(
            ClosedFigures(
                result.question_id,
                line.total,
                share(line.counts["yes"], line.total, threshold)
                if line.total is not None
                else None,
                share(previous.favourable, previous.answered, threshold) if previous else None,
            )
        )
    return shown


__all__ = ["LABELS", "AreaEvidence", "Change", "ClosedFigures", "PeriodFigures"]
