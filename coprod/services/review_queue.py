"""The analysts' review queue: free-text statements of a framework, filtered, the ones the
tagger is least sure of first.

A statement's *certainty* is the confidence of its least certain automatic tag. A statement with
no tag at all (nothing matched, not in English, or its analysis failed) counts as 0 and comes
first: those are the ones a person most needs to read. One tagged only by a person or by its
survey question counts as 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session, selectinload

from coprod.models import Statement, StatementTag
from coprod.services.statement_analysis import free_text_in

PER_PAGE = 20

#: Certainty bands a person can filter by, as [from, to).
CONFIDENCE_BANDS = {"low": (0.0, 0.5), "medium": (0.5, 0.8), "high": (0.8, 1.01)}
SENTIMENT_LABELS = ("positive", "negative", "neutral", "mixed")
SOURCES = ("survey", "session")
FLAGS = ("safeguarding", "translation", "problem")
STATUSES = ("to_review", "reviewed", "all")


@dataclass(frozen=True)
class QueueFilters:
    """What to show. Empty strings mean "any"; ``area`` and ``sentiment`` also take "none"."""

    framework: str
    area: str = ""
    sentiment: str = ""
    source: str = ""
    role: str = ""
    said_from: date | None = None
    said_to: date | None = None
    flag: str = ""
    confidence: str = ""
    status: str = "to_review"


@dataclass(frozen=True)
class QueueItem:
    """A statement in the queue, its tags loaded, with how sure the tagger was."""

    statement: Statement
    certainty: float


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue and how many statements match in all."""

    items: list[QueueItem]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def certainty_of(framework: str) -> Any:
    """The lowest automatic-tag confidence of the statement; with no automatic tag, 1 if a
    person or the survey tagged it and 0 if nobody did."""
    lowest = (
        select(func.min(StatementTag.confidence))
        .where(
            StatementTag.statement_id == Statement.id,
            StatementTag.origin == "auto",
            StatementTag.framework == framework,
        )
        .correlate(Statement)
        .scalar_subquery()
    )
    given = exists().where(
        StatementTag.statement_id == Statement.id, StatementTag.framework == framework
    )
    return func.coalesce(lowest, case((given, 1.0), else_=0.0))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _conditions(filters: QueueFilters, certainty: Any) -> list[Any]:
    """The WHERE conditions for the filters."""
    found: list[Any] = [free_text_in(filters.framework)]
    tagged = StatementTag.statement_id == Statement.id
    if filters.area == "none":
        found.append(~exists().where(tagged))
    elif filters.area:
        found.append(exists().where(tagged, StatementTag.focus_area == filters.area))
    if filters.sentiment == "none":
        found.append(Statement.sentiment_label.is_(None))
    elif filters.sentiment:
        found.append(Statement.sentiment_label == filters.sentiment)
    if filters.source:
        found.append(Statement.source == filters.source)
    if filters.role:
        found.append(Statement.role == filters.role)
    if filters.said_from:
        found.append(Statement.said_at >= _start_of(filters.said_from))
    if filters.said_to:
        found.append(Statement.said_at < _start_of(filters.said_to + timedelta(days=1)))
    if filters.flag == "safeguarding":
        found.append(Statement.safeguarding.is_(True))
    elif filters.flag == "translation":
        found.append(Statement.needs_translation.is_(True))
    elif filters.flag == "problem":
        found.append(Statement.analysis_problem.is_not(None))
    if filters.confidence in CONFIDENCE_BANDS:
        low, high = CONFIDENCE_BANDS[filters.confidence]
        found += [certainty >= low, certainty < high]
    if filters.status == "to_review":
        found.append(Statement.reviewed_at.is_(None))
    elif filters.status == "reviewed":
        found.append(Statement.reviewed_at.is_not(None))
    return found


def review_queue(session: Session, filters: QueueFilters, page: int = 1) -> QueuePage:
    """A page of matching statements, least certain first, then the newest."""
    certainty = certainty_of(filters.framework)
    conditions = _conditions(filters, certainty)
    total = session.scalar(select(func.count(Statement.id)).where(*conditions)) or 0
    page = max(1, min(page, max(1, -(-total // PER_PAGE))))
    rows = session.execute(
        select(Statement, certainty)
        .where(*conditions)
        .options(selectinload(Statement.tags))
        .order_by(certainty, Statement.said_at.desc(), Statement.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return QueuePage([QueueItem(s, float(c)) for s, c in rows], total, page)
