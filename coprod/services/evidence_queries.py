"""The raw figures behind the evidence, counted by the database (never by loading statements).

Every figure is per monitoring period and per focus area, for one framework and the chosen
filters. These are the true counts, small ones included: they must pass through disclosure
control (``evidence.summary``) before anyone outside the review screens sees them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, literal, select
from sqlalchemy.orm import Session

from coprod.evidence.cells import LABELS, Cell, ClosedResult, Quote, Scope
from coprod.evidence.periods import Period
from coprod.models import Attendance, Statement, StatementTag


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _period_of(periods: Sequence[Period]) -> Any:
    """A SQL expression naming the period a statement was said in (NULL outside them all)."""
    return case(
        *[
            (
                and_(Statement.said_at >= _moment(p.start), Statement.said_at < _moment(p.end)),
                literal(p.key),
            )
            for p in periods
        ],
        else_=None,
    )


def _tagged(framework: str, area: str | None = None) -> Any:
    """Each (statement, focus area) of the framework once, whoever tagged it; only ``area``'s if
    one is given."""
    query = select(StatementTag.statement_id, StatementTag.focus_area).where(
        StatementTag.framework == framework
    )
    if area is not None:
        query = query.where(StatementTag.focus_area == area)
    return query.distinct().subquery()


def _in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    """Conditions that keep only the statements the scope's filters choose."""
    return [
        column == wanted
        for column, wanted in (
            (Statement.role, scope.role),
            (Statement.source, scope.source),
            (Statement.age_band, scope.age_band),
            (Statement.language, scope.language),
        )
        if wanted is not None
    ]


def cells(
    session: Session, scope: Scope, periods: Sequence[Period], only_area: str | None = None
) -> dict[tuple[str, str], Cell]:
    """The counts for every (period key, focus area) with any statement; only ``only_area``'s
    if one is given."""
    tags = _tagged(scope.framework, only_area)
    period = _period_of(periods).label("period")
    label = func.coalesce(Statement.sentiment_label, literal("unscored")).label("label")
    grouped = (
        select(
            period,
            tags.c.focus_area,
            Statement.role,
            Statement.source,
            label,
            func.count(),
            func.count(Statement.sentiment_score),
            func.coalesce(func.sum(Statement.sentiment_score), 0.0),
            func.coalesce(func.sum(Statement.sentiment_score * Statement.sentiment_score), 0.0),
        )
        .join(tags, tags.c.statement_id == Statement.id)
        .where(period.is_not(None), *_in_scope(scope))
        .group_by(period, tags.c.focus_area, Statement.role, Statement.source, label)
    )
    found: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for key, area, role, source, sentiment, n, scored, total, squares in session.execute(grouped):
        cell = found[(key, area)]
        cell.statements += n
        cell.by_role[role] = cell.by_role.get(role, 0) + n
        cell.by_source[source] = cell.by_source.get(source, 0) + n
        cell.by_label[sentiment if sentiment in LABELS else "unscored"] += n
        cell.scored += scored
        cell.score_sum += float(total)
        cell.score_squares += float(squares)
    _add_people(session, scope, periods, found, only_area)
    return dict(found)


def _add_people(
    session: Session,
    scope: Scope,
    periods: Sequence[Period],
    found: dict[tuple[str, str], Cell],
    only_area: str | None,
) -> None:
    """Responses, and the people recorded at the sessions, behind each cell's statements."""
    tags = _tagged(scope.framework, only_area)
    period = _period_of(periods).label("period")
    responses = (
        select(period, tags.c.focus_area, func.count(distinct(Statement.response_id)))
        .join(tags, tags.c.statement_id == Statement.id)
        .where(period.is_not(None), Statement.response_id.is_not(None), *_in_scope(scope))
        .group_by(period, tags.c.focus_area)
    )
    for key, area, n in session.execute(responses):
        if (key, area) in found:
            found[(key, area)].responses = n
    heard = (
        select(period, tags.c.focus_area, Statement.session_id)
        .join(tags, tags.c.statement_id == Statement.id)
        .where(period.is_not(None), Statement.session_id.is_not(None), *_in_scope(scope))
        .distinct()
    ).subquery()
    attended = select(heard.c.period, heard.c.focus_area, func.sum(Attendance.count)).join(
        Attendance, Attendance.session_id == heard.c.session_id
    )
    if scope.role is not None:
        attended = attended.where(Attendance.role == scope.role)
    if scope.age_band is not None:
        attended = attended.where(Attendance.age_band == scope.age_band)
    attended = attended.group_by(heard.c.period, heard.c.focus_area)
    for key, area, n in session.execute(attended):
        if (key, area) in found:
            found[(key, area)].session_people = int(n or 0)


def closed_results(
    session: Session, scope: Scope, periods: Sequence[Period]
) -> dict[tuple[str, str], list[ClosedResult]]:
    """Per (period key, focus area), each closed question's answers: a favourable answer is one
    the survey scores as positive ("yes, I know where to find information")."""
    tags = _tagged(scope.framework)
    period = _period_of(periods).label("period")
    query = (
        select(
            period,
            tags.c.focus_area,
            Statement.question_id,
            func.count(),
            func.sum(case((Statement.sentiment_label == "positive", 1), else_=0)),
        )
        .join(tags, tags.c.statement_id == Statement.id)
        .where(
            period.is_not(None),
            Statement.kind == "closed",
            Statement.question_id.is_not(None),
            *_in_scope(scope),
        )
        .group_by(period, tags.c.focus_area, Statement.question_id)
        .having(func.count(Statement.sentiment_score) > 0)  # questions that score their answers
        .order_by(Statement.question_id)
    )
    found: dict[tuple[str, str], list[ClosedResult]] = defaultdict(list)
    for key, area, question, n, favourable in session.execute(query):
        found[(key, area)].append(ClosedResult(question, n, int(favourable or 0)))
    return dict(found)


def quotes(
    session: Session, scope: Scope, period: Period, area: str, each_way: int = 2
) -> list[Quote]:
    """The statements that speak most clearly to the area, ``each_way`` positive and as many
    negative: redacted text only, never a safeguarding flag, never text awaiting translation.
    Clearest means most surely about the area, then leaning furthest, then closest to a
    readable length."""
    tags = (
        select(
            StatementTag.statement_id,
            func.max(func.coalesce(StatementTag.confidence, 1.0)).label("sure"),
        )
        .where(StatementTag.framework == scope.framework, StatementTag.focus_area == area)
        .group_by(StatementTag.statement_id)
        .subquery()
    )
    chosen: list[Quote] = []
    for label in ("positive", "negative"):
        query = (
            select(
                Statement.id,
                Statement.redacted_text,
                Statement.role,
                Statement.source,
            )
            .join(tags, tags.c.statement_id == Statement.id)
            .where(
                Statement.said_at >= _moment(period.start),
                Statement.said_at < _moment(period.end),
                Statement.kind == "free_text",
                Statement.sentiment_label == label,
                Statement.safeguarding.is_(False),
                Statement.needs_translation.is_(False),
                Statement.redacted_text.is_not(None),
                func.length(Statement.redacted_text) >= 20,
                *_in_scope(scope),
            )
            .order_by(
                tags.c.sure.desc(),
                func.abs(Statement.sentiment_score).desc(),
                func.abs(func.length(Statement.redacted_text) - 140),
                Statement.id,
            )
            .limit(each_way * 5)  # the same words said twice are quoted once
        )
        said: dict[str, Quote] = {}
        for i, text, role, source in session.execute(query):
            said.setdefault(str(text).casefold(), Quote(i, str(text), label, role, source))
        chosen += list(said.values())[:each_way]
    return chosen


def untagged_count(session: Session, scope: Scope, periods: Sequence[Period]) -> dict[str, int]:
    """Per period, statements with no focus area of this framework."""
    tags = _tagged(scope.framework)
    period = _period_of(periods).label("period")
    query = (
        select(period, func.count())
        .outerjoin(tags, tags.c.statement_id == Statement.id)
        .where(period.is_not(None), tags.c.statement_id.is_(None), *_in_scope(scope))
        .group_by(period)
    )
    return {key: n for key, n in session.execute(query)}


def areas_in_use(session: Session, framework: str) -> set[str]:
    """Every focus area statements are tagged with under this framework (a changed framework
    file may have dropped some)."""
    query = select(StatementTag.focus_area).where(StatementTag.framework == framework).distinct()
    return set(session.scalars(query))
