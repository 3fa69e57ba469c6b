"""Recurring themes per focus area: the free text of a period read from the database and handed
to ``evidence.themes``, which finds the words and phrases that set each area apart."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coprod.evidence.cells import Scope
from coprod.evidence.disclosure import DEFAULT_THRESHOLD
from coprod.evidence.periods import Period
from coprod.evidence.themes import Row, Theme, distinctive
from coprod.models import Statement
from coprod.services.evidence_queries import _in_scope, _moment, _tagged, sort_in_memory

#: The most recent statements read per area: plenty for the few themes shown to settle, few
#: enough for the dashboard to stay quick. Counting takes about 20 microseconds a statement, on
#: top of ranking the period's statements in SQL: with 100,000 statements a call takes about
#: 0.16 s when they span two years and 0.27 s when all fall in one period (2,000 a call: 0.4 and
#: 0.5 s).
PER_AREA = 500


def themes(
    session: Session,
    scope: Scope,
    period: Period,
    threshold: int = DEFAULT_THRESHOLD,
    per_area: int = PER_AREA,
) -> dict[str, list[Theme]]:
    """Per focus area of the scope's framework, the words and phrases that set its free text in
    ``period`` apart from the other areas' (at most ``per_area`` recent statements each), each
    used by at least ``threshold`` people; never safeguarding flags or untranslated text."""
    return distinctive(_free_text(session, scope, period, per_area), threshold)


def _free_text(session: Session, scope: Scope, period: Period, per_area: int) -> Iterator[Row]:
    """(area, person, redacted text) for each free-text statement and area it is tagged with:
    the most recent ``per_area`` per area."""
    sort_in_memory(session)
    tags = _tagged(scope.framework)
    # Rank narrow rows and read the text of the chosen ones only: sorting every statement of
    # the period with its text would spill to disk on PostgreSQL.
    ranked = (
        select(
            tags.c.focus_area,
            Statement.id,
            func.row_number()
            .over(
                partition_by=tags.c.focus_area,
                order_by=(Statement.said_at.desc(), Statement.id.desc()),
            )
            .label("recent"),
        )
        .join(tags, tags.c.statement_id == Statement.id)
        .where(
            Statement.said_at >= _moment(period.start),
            Statement.said_at < _moment(period.end),
            Statement.kind == "free_text",
            Statement.safeguarding.is_(False),
            Statement.needs_translation.is_(False),
            Statement.redacted_text.is_not(None),
            *_in_scope(scope),
        )
        .subquery()
    )
    query = (
        select(
            ranked.c.focus_area,
            Statement.id,
            Statement.response_id,
            Statement.session_id,
            Statement.redacted_text,
        )
        .join(ranked, ranked.c.id == Statement.id)
        .where(ranked.c.recent <= per_area)
    )
    for area, statement_id, response_id, session_id, text in session.execute(query):
        yield area, _person(statement_id, response_id, session_id), text


def _person(statement_id: int, response_id: int | None, session_id: int | None) -> Hashable:
    """Who said it, as far as can be told: one survey response is one person, and everyone
    heard at one group session counts as one (so people are never over-counted)."""
    if response_id is not None:
        return ("r", response_id)
    if session_id is not None:
        return ("s", session_id)
    return ("statement", statement_id)
