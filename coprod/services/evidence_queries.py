"""The raw figures behind the evidence, counted by the database (never by loading statements).

Every figure is per monitoring period and per focus area, for one framework and the chosen
filters. These are the true counts, small ones included: they must pass through disclosure
control (``evidence.summary``) before anyone outside the review screens sees them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, literal, select, text
from sqlalchemy.orm import Session

from coprod.evidence.cells import LABELS, Cell, ClosedResult, Quote, Scope
from coprod.evidence.periods import Period
from coprod.models import Attendance, Statement, StatementTag
from coprod.services import period_counts

#: How much memory PostgreSQL may give each sort and hash while counting the evidence. Its
#: default of 4 MB sends the sorts over every tagged statement to disk, which doubles their time.
SORT_MEMORY = "64MB"


def sort_in_memory(session: Session) -> None:
    """Let PostgreSQL sort the evidence in memory for the rest of this transaction (SQLite needs
    no such setting)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{SORT_MEMORY}'"))


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


def _tag_of(framework: str, area: str | None = None) -> list[ColumnElement[bool]]:
    """Conditions that keep the framework's tags; only ``area``'s if one is given."""
    wanted = [StatementTag.framework == framework]
    if area is not None:
        wanted.append(StatementTag.focus_area == area)
    return wanted


def _tagged(framework: str, area: str | None = None) -> Any:
    """Each (statement, focus area) of the framework once, whoever tagged it; only ``area``'s if
    one is given."""
    query = select(StatementTag.statement_id, StatementTag.focus_area).where(
        *_tag_of(framework, area)
    )
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


@dataclass
class _Answers:
    """A closed question's answers as they are counted: a favourable answer is one the survey
    scores as positive ("yes, I know where to find information")."""

    answered: int = 0
    scored: int = 0
    favourable: int = 0

    def add(self, n: int, scored: int, label: str) -> None:
        self.answered += n
        self.scored += scored
        if label == "positive":
            self.favourable += n


def cells(
    session: Session, scope: Scope, periods: Sequence[Period], only_area: str | None = None
) -> dict[tuple[str, str], Cell]:
    """The counts for every (period key, focus area) with any statement; only ``only_area``'s
    if one is given. Periods that ended a while ago are counted once and kept (see
    ``period_counts``); the rest are counted every time."""
    ended = period_counts.settled(periods)
    stamped = period_counts.stamps(session, ended)  # before counting: see period_counts
    found = period_counts.kept(session, scope, only_area, ended, stamped)
    counted = _counted(session, scope, [p for p in periods if p.key not in found], only_area)
    for period in ended:
        if period.key not in found:
            by_area = {area: cell for (key, area), cell in counted.items() if key == period.key}
            period_counts.keep(session, scope, only_area, period, stamped[period.key], by_area)
    return {
        **{(key, area): cell for key, by_area in found.items() for area, cell in by_area.items()},
        **counted,
    }


def _counted(
    session: Session, scope: Scope, periods: Sequence[Period], only_area: str | None
) -> dict[tuple[str, str], Cell]:
    """The counts for ``periods``, from the statements. Closed questions are counted in the same
    pass, so the statements are read once."""
    if not periods:
        return {}
    sort_in_memory(session)
    tags = _tagged(scope.framework, only_area)
    period = _period_of(periods).label("period")
    label = func.coalesce(Statement.sentiment_label, literal("unscored")).label("label")
    question = case((Statement.kind == "closed", Statement.question_id), else_=None)
    grouped = (
        select(
            period,
            tags.c.focus_area,
            Statement.role,
            Statement.source,
            label,
            question.label("question"),
            func.count(),
            func.count(Statement.sentiment_score),
            func.coalesce(func.sum(Statement.sentiment_score), 0.0),
            func.coalesce(func.sum(Statement.sentiment_score * Statement.sentiment_score), 0.0),
        )
        .join(tags, tags.c.statement_id == Statement.id)
        .where(period.is_not(None), *_in_scope(scope))
        .group_by(period, tags.c.focus_area, Statement.role, Statement.source, label, question)
    )
    found: dict[tuple[str, str], Cell] = defaultdict(Cell)
    answers: dict[tuple[str, str], dict[str, _Answers]] = defaultdict(dict)
    for key, area, role, source, sentiment, asked, n, scored, total, squares in session.execute(
        grouped
    ):
        cell = found[(key, area)]
        cell.statements += n
        cell.by_role[role] = cell.by_role.get(role, 0) + n
        cell.by_source[source] = cell.by_source.get(source, 0) + n
        cell.by_label[sentiment if sentiment in LABELS else "unscored"] += n
        cell.scored += scored
        cell.score_sum += float(total)
        cell.score_squares += float(squares)
        if asked is not None:
            answers[(key, area)].setdefault(asked, _Answers()).add(n, scored, sentiment)
    for where, by_question in answers.items():
        found[where].closed = [
            ClosedResult(asked, tally.answered, tally.favourable)
            for asked, tally in sorted(by_question.items())
            if tally.scored  # only questions that score their answers say what is favourable
        ]
    _add_people(session, scope, periods, found, only_area)
    return dict(found)


def _add_people(
    session: Session,
    scope: Scope,
    periods: Sequence[Period],
    found: dict[tuple[str, str], Cell],
    only_area: str | None,
) -> None:
    """Responses, and the people recorded at the sessions, behind each cell's statements.
    Both are counted distinct, so the tags are joined as they are (a statement tagged twice to
    an area counts its response once either way)."""
    period = _period_of(periods).label("period")
    tagged = (
        select(period, StatementTag.focus_area)
        .join(StatementTag, StatementTag.statement_id == Statement.id)
        .where(period.is_not(None), *_tag_of(scope.framework, only_area), *_in_scope(scope))
    )
    responses = (
        tagged.add_columns(func.count(distinct(Statement.response_id)))
        .where(Statement.response_id.is_not(None))
        .group_by(period, StatementTag.focus_area)
    )
    for key, area, n in session.execute(responses):
        if (key, area) in found:
            found[(key, area)].responses = n
    heard = (
        tagged.add_columns(Statement.session_id)
        .where(Statement.session_id.is_not(None))
        .distinct()
        .subquery()
    )
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


def quotes(
    session: Session, scope: Scope, period: Period, each_way: int = 2
) -> dict[str, list[Quote]]:
    """Per focus area, the statements that speak most clearly to it, ``each_way`` positive and
    as many negative: redacted text only, never a safeguarding flag, never text awaiting
    translation. Clearest means most surely about the area, then leaning furthest, then closest
    to a readable length.

    One query ranks every area's candidates (a window over narrow rows) and only the few ranked
    highest are read back with their words. A statement tagged to an area more than once (by the
    survey, the tagger and a person) is ranked by its surest tag first and its other tags after,
    which costs less than grouping them; the words are quoted once all the same."""
    sort_in_memory(session)
    length = func.length(Statement.redacted_text)
    rank = func.row_number().over(
        partition_by=(StatementTag.focus_area, Statement.sentiment_label),
        order_by=(
            func.coalesce(StatementTag.confidence, 1.0).desc(),
            func.abs(Statement.sentiment_score).desc(),
            func.abs(length - 140),
            Statement.id,
        ),
    )
    ranked = (
        select(
            StatementTag.focus_area,
            Statement.sentiment_label.label("label"),
            Statement.id,
            rank.label("rank"),
        )
        .join(StatementTag, StatementTag.statement_id == Statement.id)
        .where(
            *_tag_of(scope.framework),
            Statement.said_at >= _moment(period.start),
            Statement.said_at < _moment(period.end),
            Statement.kind == "free_text",
            Statement.sentiment_label.in_(("positive", "negative")),
            Statement.safeguarding.is_(False),
            Statement.needs_translation.is_(False),
            Statement.redacted_text.is_not(None),
            length >= 20,
            *_in_scope(scope),
        )
    ).subquery()
    query = (
        select(
            ranked.c.focus_area,
            ranked.c.label,
            Statement.id,
            Statement.redacted_text,
            Statement.role,
            Statement.source,
        )
        .join(ranked, ranked.c.id == Statement.id)
        # Room for the same words said twice, or one statement's several tags: each is quoted once.
        .where(ranked.c.rank <= each_way * 8)
        .order_by(ranked.c.focus_area, ranked.c.label, ranked.c.rank)
    )
    said: dict[str, dict[str, dict[str, Quote]]] = defaultdict(
        lambda: {"positive": {}, "negative": {}}
    )
    for area, label, i, words, role, source in session.execute(query):
        quote = Quote(i, str(words), label, role, source)
        said[area][label].setdefault(quote.text.casefold(), quote)
    return {
        area: [
            *list(leaning["positive"].values())[:each_way],
            *list(leaning["negative"].values())[:each_way],
        ]
        for area, leaning in said.items()
    }


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
