"""Apply a changed framework, lexicon or model to statements already stored (`coprod reanalyse`).

Automatic tags, sentiment, redaction and the safeguarding flag are worked out again; tags from a
survey's definition or from a person are never touched, nor the tags and sentiment of a statement
a person has reviewed, and an alert once raised is never
withdrawn (a statement newly flagged gets one). Work goes in batches, each committed, so a long
run can be stopped and started again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from coprod.models import Statement
from coprod.services.statement_analysis import (
    ALERTS,
    STATEMENTS,
    TAGS,
    alert_row,
    analyse_statement,
    analyser_for,
    free_text_in,
)


@dataclass
class Reanalysis:
    """What a run changed."""

    statements: int = 0
    tags_changed: int = 0
    newly_flagged: int = 0
    failed: int = 0


def reanalyse(
    session: Session,
    framework: str,
    batch: int = 500,
    progress: Callable[[int], None] | None = None,
) -> Reanalysis:
    """Analyse every free-text statement of the framework again; commits each batch."""
    analyser = analyser_for(framework, session.connection())
    report = Reanalysis()
    after = 0
    while True:
        rows = session.execute(
            select(
                Statement.id,
                Statement.text,
                Statement.role,
                Statement.age_band,
                Statement.response_id,
                Statement.session_id,
                Statement.safeguarding,
                Statement.reviewed_at,
            )
            .where(free_text_in(framework), Statement.id > after)
            .order_by(Statement.id)
            .limit(batch)
        ).all()
        if not rows:
            return report
        for row in rows:
            _again(session, analyser, framework, row, report)
        session.commit()
        after = rows[-1].id
        if progress:
            progress(report.statements)


def _again(session: Session, analyser: Any, framework: str, row: Any, report: Reanalysis) -> None:
    found = analyse_statement(analyser, row.text, "free_text", framework)
    report.statements += 1
    if found.fields["analysis_problem"]:
        report.failed += 1
    fields = dict(found.fields)
    if row.reviewed_at is None:
        _retag(session, row.id, found.tags, report)
    else:  # a person has settled its areas and sentiment: theirs stand
        fields.pop("sentiment_score", None)
        fields.pop("sentiment_label", None)
    fields["safeguarding"] = fields["safeguarding"] or row.safeguarding  # never withdrawn
    session.execute(update(STATEMENTS).where(STATEMENTS.c.id == row.id).values(**fields))
    already = session.scalar(select(exists().where(ALERTS.c.statement_id == row.id)))
    alert = alert_row(row.id, found, row._asdict())
    if alert is not None and not already:
        session.execute(insert(ALERTS), alert)
        report.newly_flagged += 1


def _retag(
    session: Session, statement_id: int, tags: list[dict[str, Any]], report: Reanalysis
) -> None:
    """Replace a statement's automatic tags with these."""
    before = set(
        session.scalars(
            select(TAGS.c.focus_area).where(
                TAGS.c.statement_id == statement_id, TAGS.c.origin == "auto"
            )
        )
    )
    report.tags_changed += len(before ^ {tag["focus_area"] for tag in tags})
    session.execute(
        delete(TAGS).where(TAGS.c.statement_id == statement_id, TAGS.c.origin == "auto")
    )
    if tags:
        session.execute(insert(TAGS), [{"statement_id": statement_id, **t} for t in tags])
