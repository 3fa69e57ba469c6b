"""Counts for `coprod stats` and the signed-in home page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coprod.models import GroupSession, Response, Statement, Survey, SurveyVersion


def counts(session: Session) -> dict[str, int]:
    """Totals of responses, statements, surveys and focus-group sessions stored."""
    return {
        "responses": session.scalar(select(func.count(Response.id))) or 0,
        "statements": session.scalar(select(func.count(Statement.id))) or 0,
        "surveys": session.scalar(select(func.count(Survey.id))) or 0,
        "sessions": session.scalar(select(func.count(GroupSession.id))) or 0,
        "session_statements": session.scalar(
            select(func.count(Statement.id)).where(Statement.source == "session")
        )
        or 0,
    }


def responses_by_survey(session: Session) -> dict[str, int]:
    """How many responses each survey (by slug) has, over all its versions."""
    rows = session.execute(
        select(Survey.slug, func.count(Response.id))
        .join(SurveyVersion, SurveyVersion.survey_id == Survey.id)
        .join(Response, Response.survey_version_id == SurveyVersion.id)
        .group_by(Survey.slug)
    )
    return {slug: count for slug, count in rows}
