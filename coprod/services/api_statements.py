"""Statements as the JSON API gives them out: a page at a time, redacted words only, never a
statement that raised a safeguarding concern, and only in focus areas in which enough people
were heard in that period (the rule the statements CSV follows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from coprod.evidence.cells import Scope
from coprod.evidence.disclosure import checked_threshold
from coprod.evidence.periods import Period
from coprod.models import Statement, StatementTag
from coprod.services.evidence_queries import cells


@dataclass(frozen=True)
class StatementQuery:
    """Which statements are asked for: the framework, the periods to look in (one, or all), and
    optional filters (None means any)."""

    framework: str
    periods: Sequence[Period]
    focus_area: str | None = None
    source: str | None = None
    role: str | None = None
    sentiment: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class AreaTag:
    """A focus area a statement speaks to, and who tagged it (survey, auto or person)."""

    focus_area: str
    origin: str
    confidence: float | None


@dataclass(frozen=True)
class SharedStatement:
    """One statement as it may leave the service: its period, never its day, age band or
    language (see the statements CSV)."""

    id: int
    period: str
    source: str
    kind: str
    role: str
    redacted_text: str | None
    sentiment_score: float | None
    sentiment_label: str | None
    weight: int
    tags: list[AreaTag]


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def shown_areas(
    session: Session, framework: str, periods: Sequence[Period], threshold: int
) -> dict[str, set[str]]:
    """Per period key, the focus areas in which at least ``threshold`` people were heard in at
    least ``threshold`` statements: only their statements may be shared."""
    threshold = checked_threshold(threshold)
    shown: dict[str, set[str]] = {p.key: set() for p in periods}
    for (key, area), cell in cells(session, Scope(framework), periods).items():
        if cell.people >= threshold and cell.statements >= threshold:
            shown[key].add(area)
    return shown


def _in_shown_area(query: StatementQuery, shown: dict[str, set[str]]) -> ColumnElement[bool]:
    """Statements with a tag in an area shown for the period they were said in."""
    wanted = []
    for period in query.periods:
        areas = shown.get(period.key, set())
        if query.focus_area is not None:
            areas = areas & {query.focus_area}
        if areas:
            wanted.append(
                and_(
                    Statement.said_at >= _moment(period.start),
                    Statement.said_at < _moment(period.end),
                    StatementTag.focus_area.in_(sorted(areas)),
                )
            )
    if not wanted:
        return false()
    return (
        select(StatementTag.id)
        .where(
            StatementTag.statement_id == Statement.id,
            StatementTag.framework == query.framework,
            or_(*wanted),
        )
        .exists()
    )


def _filters(query: StatementQuery) -> list[ColumnElement[bool]]:
    found = [
        column == wanted
        for column, wanted in (
            (Statement.source, query.source),
            (Statement.role, query.role),
            (Statement.sentiment_label, query.sentiment),
        )
        if wanted is not None
    ]
    if query.since is not None:
        found.append(Statement.said_at >= _moment(query.since))
    return found


def statements_page(
    session: Session, query: StatementQuery, threshold: int, page: int, size: int
) -> tuple[list[SharedStatement], bool]:
    """Page ``page`` (from 1) of ``size`` statements in id order, and whether more follow."""
    shown = shown_areas(session, query.framework, query.periods, threshold)
    rows = list(
        session.scalars(
            select(Statement)
            .where(
                _in_shown_area(query, shown),
                Statement.safeguarding.is_(False),
                *_filters(query),
            )
            .order_by(Statement.id)
            .offset((page - 1) * size)
            .limit(size + 1)
        )
    )
    more = len(rows) > size
    rows = rows[:size]
    tags: dict[int, list[AreaTag]] = {}
    if rows:
        found = session.execute(
            select(
                StatementTag.statement_id,
                StatementTag.focus_area,
                StatementTag.origin,
                StatementTag.confidence,
            )
            .where(
                StatementTag.framework == query.framework,
                StatementTag.statement_id.in_([s.id for s in rows]),
            )
            .order_by(StatementTag.focus_area, StatementTag.origin)
        )
        for statement_id, area, origin, confidence in found:
            tags.setdefault(statement_id, []).append(AreaTag(area, origin, confidence))
    return [_shared(s, query.periods, shown, tags.get(s.id, [])) for s in rows], more


def _shared(
    statement: Statement,
    periods: Sequence[Period],
    shown: dict[str, set[str]],
    tags: list[AreaTag],
) -> SharedStatement:
    said_on = statement.said_at.astimezone(UTC).date()
    period = next(p for p in periods if p.start <= said_on < p.end)
    return SharedStatement(
        id=statement.id,
        period=period.key,
        source=statement.source,
        kind=statement.kind,
        role=statement.role,
        redacted_text=statement.redacted_text,
        sentiment_score=statement.sentiment_score,
        sentiment_label=statement.sentiment_label,
        weight=statement.weight,
        tags=[t for t in tags if t.focus_area in shown[period.key]],
    )
