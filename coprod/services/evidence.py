"""The evidence per focus area for a period: the database's counts made safe to show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from coprod.evidence.cells import Cell, ClosedResult, Scope
from coprod.evidence.disclosure import DEFAULT_THRESHOLD, checked_threshold
from coprod.evidence.periods import Period, monitoring_periods
from coprod.evidence.summary import (
    AreaEvidence,
    PeriodFigures,
    change_between,
    closed_figures,
    period_figures,
)
from coprod.services import evidence_queries as figures


def evidence_settings(config: Mapping[str, Any], today: date) -> tuple[list[Period], int]:
    """The monitoring periods and the disclosure threshold the settings ask for. A setting that
    cannot work raises a ValueError (BadPeriods, ThresholdTooLow) saying what to write instead."""
    periods = monitoring_periods(
        str(config["MONITORING_START"]), config["MONITORING_MONTHS"], today
    )
    try:
        threshold = int(config["DISCLOSURE_THRESHOLD"])
    except (TypeError, ValueError):
        raise ValueError(
            f"The disclosure threshold must be a whole number ({config['DISCLOSURE_THRESHOLD']!r})."
        ) from None
    return periods, checked_threshold(threshold)


def area_evidence(
    session: Session,
    scope: Scope,
    areas: Sequence[str],
    periods: Sequence[Period],
    current: Period,
    threshold: int = DEFAULT_THRESHOLD,
) -> list[AreaEvidence]:
    """The evidence for each area in ``current``, with the trend over ``periods`` up to it."""
    threshold = checked_threshold(threshold)
    upto = [p for p in periods if p.start <= current.start]
    counted = figures.cells(session, scope, upto)
    quoted = figures.quotes(session, scope, current)
    previous = upto[-2] if len(upto) > 1 else None
    found = []
    for area in areas:
        now = period_figures(current, counted.get((current.key, area)), threshold)
        trend = [period_figures(p, counted.get((p.key, area)), threshold) for p in upto]
        before = counted.get((previous.key, area)) if previous else None
        found.append(
            AreaEvidence(
                area,
                now,
                trend,
                change_between(before, counted.get((current.key, area)), threshold),
                closed_figures(
                    _closed(counted, current, area),
                    _closed(counted, previous, area) if previous else [],
                    threshold,
                )
                if not now.too_few and now.people is not None
                else [],
                quoted.get(area, []) if now.people is not None else [],
            )
        )
    return found


def _closed(
    counted: Mapping[tuple[str, str], Cell], period: Period, area: str
) -> list[ClosedResult]:
    cell = counted.get((period.key, area))
    return cell.closed if cell else []


def area_trend(
    session: Session,
    scope: Scope,
    area: str,
    periods: Sequence[Period],
    current: Period,
    threshold: int = DEFAULT_THRESHOLD,
) -> list[PeriodFigures]:
    """One area's figures in each period up to ``current``: all a chart of it needs."""
    threshold = checked_threshold(threshold)
    upto = [p for p in periods if p.start <= current.start]
    counted = figures.cells(session, scope, upto, area)
    return [period_figures(p, counted.get((p.key, area)), threshold) for p in upto]


def figures_by_period(
    session: Session,
    scope: Scope,
    areas: Sequence[str],
    periods: Sequence[Period],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[tuple[str, PeriodFigures]]:
    """Each area's figures in each of ``periods``, as the dashboard shows them: (area, figures)
    in the areas' order, oldest period first."""
    threshold = checked_threshold(threshold)
    counted = figures.cells(session, scope, periods)
    return [
        (area, period_figures(p, counted.get((p.key, area)), threshold))
        for area in areas
        for p in periods
    ]
