"""What analysts' reviews teach the deployment's model.

Each statement a person has reviewed becomes a labelled example (its latest review's focus areas
and sentiment), counted :data:`WEIGHT` times as much as a shipped example: the partnership's own
words, judged by its own people, should outweigh ours. A fingerprint of the reviews tells a
process when its trained model is out of date, so every worker retrains on its own after a
review without any state shared in memory.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from coprod.analysis.framework import Example
from coprod.models import Statement, StatementReview

#: How much more a reviewed statement counts than a shipped example.
WEIGHT = 3.0

Fingerprint = tuple[int, int]


def fingerprint(connection: Connection, framework: str) -> Fingerprint:
    """How many reviews there are for the framework and the newest one's id."""
    count, newest = connection.execute(
        select(
            func.count(StatementReview.id), func.coalesce(func.max(StatementReview.id), 0)
        ).where(StatementReview.framework == framework)
    ).one()
    return int(count), int(newest)


def _latest_reviews(connection: Connection, framework: str) -> list[tuple[str, list[str], str]]:
    """(text, areas, sentiment) from each reviewed English statement's latest review."""
    latest = (
        select(func.max(StatementReview.id))
        .where(StatementReview.framework == framework)
        .group_by(StatementReview.statement_id)
    )
    rows = connection.execute(
        select(
            func.coalesce(Statement.redacted_text, Statement.text),
            StatementReview.areas,
            StatementReview.sentiment_label,
        )
        .join(Statement, Statement.id == StatementReview.statement_id)
        .where(StatementReview.id.in_(latest), Statement.needs_translation.is_(False))
        .order_by(StatementReview.id)
    ).all()
    return [(str(text), list(areas or ()), label or "") for text, areas, label in rows]


def area_examples(connection: Connection, framework: str) -> tuple[Example, ...]:
    """The reviewed statements as focus-area examples."""
    return tuple(
        Example(text, frozenset(areas), WEIGHT)
        for text, areas, _label in _latest_reviews(connection, framework)
    )


def sentiment_examples(connection: Connection, framework: str) -> list[tuple[str, str, float]]:
    """The reviewed statements as sentiment examples, (text, label, weight)."""
    return [
        (text, label, WEIGHT)
        for text, _areas, label in _latest_reviews(connection, framework)
        if label
    ]
