"""A person accepting or correcting a statement's focus areas and sentiment.

After a review the statement's focus areas are the person's (``person`` tags, beside any from the
survey's definition, which stay), its automatic tags are gone (the review keeps what they were
and why), and reanalysis never adds them back. Each review is kept with who and when, and the
audit log records it too. The reviews then teach the deployment's model (see corrections).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coprod.models import Statement, StatementReview, StatementTag, User, utcnow
from coprod.services.audit import record

SENTIMENT_LABELS = ("positive", "negative", "neutral", "mixed")
#: The score a statement takes when a person changes its label: the middle of the label's range,
#: so averages follow the person's judgement (the machine's score stays in the review).
LABEL_SCORES = {"positive": 0.5, "negative": -0.5, "neutral": 0.0, "mixed": 0.0}


class ReviewProblem(ValueError):
    """A review that cannot be saved; the message says why in plain words."""


class ReviewedMeanwhile(ReviewProblem):
    """Someone else reviewed the statement after this person opened it."""


@dataclass(frozen=True)
class Decision:
    """What a person decided: the focus areas (all of them) and the sentiment label."""

    areas: frozenset[str]
    sentiment: str | None


def areas_in(statement: Statement, framework: str, origins: Iterable[str]) -> set[str]:
    """The statement's focus areas in the framework from tags of these origins."""
    wanted = set(origins)
    return {t.focus_area for t in statement.tags if t.framework == framework and t.origin in wanted}


def current(statement: Statement, framework: str) -> Decision:
    """What the statement says now, from every tag and its sentiment label."""
    return Decision(
        frozenset(areas_in(statement, framework, ("survey", "auto", "person"))),
        statement.sentiment_label,
    )


def review_count(session: Session, statement_id: int) -> int:
    """How many times the statement has been reviewed (forms carry it to spot a clash)."""
    return (
        session.scalar(
            select(func.count(StatementReview.id)).where(
                StatementReview.statement_id == statement_id
            )
        )
        or 0
    )


def review_counts(session: Session, statement_ids: Iterable[int]) -> dict[int, int]:
    """How many times each of these statements has been reviewed (none are left out)."""
    rows = session.execute(
        select(StatementReview.statement_id, func.count(StatementReview.id))
        .where(StatementReview.statement_id.in_(list(statement_ids)))
        .group_by(StatementReview.statement_id)
    ).all()
    return {sid: int(count) for sid, count in rows}


def reviews_of(session: Session, statement_id: int) -> list[tuple[StatementReview, str]]:
    """Every review of the statement with the reviewer's name, newest first."""
    rows = session.execute(
        select(StatementReview, User.name)
        .join(User, User.id == StatementReview.user_id)
        .where(StatementReview.statement_id == statement_id)
        .order_by(StatementReview.id.desc())
    ).all()
    return [(review, name) for review, name in rows]


def _machine(statement: Statement, framework: str) -> dict[str, Any]:
    """What the machine had said, kept in the review."""
    return {
        "tags": [
            {"area": t.focus_area, "confidence": t.confidence, "terms": t.terms or []}
            for t in statement.tags
            if t.framework == framework and t.origin == "auto"
        ],
        "sentiment": statement.sentiment_label,
        "score": statement.sentiment_score,
    }


def review(
    session: Session,
    statement: Statement,
    user: User,
    framework: str,
    *,
    slugs: Iterable[str],
    decision: Decision | None = None,
    seen_reviews: int | None = None,
) -> StatementReview:
    """Record a person's review and commit it; no ``decision`` accepts what it says now.

    ``seen_reviews`` is how many reviews the person's page showed: if someone has reviewed the
    statement since, :class:`ReviewedMeanwhile` is raised and nothing changes.
    """
    if seen_reviews is not None and review_count(session, statement.id) != seen_reviews:
        raise ReviewedMeanwhile(
            "Someone else reviewed this statement while you had it open. "
            "Check what they decided below, then save again if you still disagree."
        )
    now = current(statement, framework)
    decision = decision or now
    unknown = decision.areas - set(slugs)
    if unknown:
        raise ReviewProblem(f"These are not focus areas of this framework: {sorted(unknown)}")
    if decision.sentiment is not None and decision.sentiment not in SENTIMENT_LABELS:
        raise ReviewProblem("Choose positive, negative, neutral or mixed")
    made = StatementReview(
        statement_id=statement.id,
        framework=framework,
        user_id=user.id,
        at=utcnow(),
        action="accepted" if decision == now else "corrected",
        areas=sorted(decision.areas),
        sentiment_label=decision.sentiment,
        machine=_machine(statement, framework),
    )
    _retag(session, statement, framework, decision.areas, user)
    if decision.sentiment != statement.sentiment_label:
        statement.sentiment_label = decision.sentiment
        statement.sentiment_score = LABEL_SCORES.get(decision.sentiment or "")
    statement.reviewed_at = made.at
    statement.reviewed_by = user.id
    session.add(made)
    record(
        session,
        f"statement_{made.action}",
        user_id=user.id,
        subject=f"statement:{statement.id}",
        detail={
            "framework": framework,
            "added": sorted(decision.areas - now.areas),
            "removed": sorted(now.areas - decision.areas),
            "sentiment": [now.sentiment, decision.sentiment],
        },
    )
    session.commit()
    return made


def _retag(
    session: Session, statement: Statement, framework: str, areas: frozenset[str], user: User
) -> None:
    """Replace automatic and earlier people's tags with this person's; survey tags stay."""
    from_survey = areas_in(statement, framework, ("survey",))
    session.execute(
        delete(StatementTag).where(
            StatementTag.statement_id == statement.id,
            StatementTag.framework == framework,
            StatementTag.origin.in_(("auto", "person")),
        )
    )
    session.expire(statement, ["tags"])
    session.add_all(
        StatementTag(
            statement_id=statement.id,
            framework=framework,
            focus_area=area,
            origin="person",
            user_id=user.id,
        )
        for area in sorted(areas - from_survey)
    )
