"""Sending a survey: one response per draft, with its answers and statements, committed at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coprod.languages import DEFAULT_LANGUAGE
from coprod.models import Answer, Draft, Response, Statement, StatementTag, SurveyVersion, utcnow
from coprod.services.codes import new_code
from coprod.services.drafts import answers_of
from coprod.services.survey_versions import definition_of
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.questions import question_type
from coprod.surveys.questions.base import sentiment_label_for
from coprod.vocabulary import PREFER_NOT_TO_SAY, REPRESENTATION_ATTRIBUTES


def submit_draft(session: Session, draft: Draft) -> Response:
    """Turn a draft into its response; sending again returns the response already made."""
    if draft.response is not None:
        return draft.response
    version = draft.version
    answers = answers_of(draft)
    for _attempt in range(3):
        try:
            response = build_response(
                version, answers, language=draft.language, format_=draft.format, draft=draft
            )
            session.add(response)
            session.commit()
            return response
        except IntegrityError:
            session.rollback()
            existing = session.scalar(select(Response).where(Response.draft_id == draft.id))
            if existing is not None:
                return existing  # sent from another tab or a double click a moment earlier
    raise RuntimeError("could not store the response")


def build_response(
    version: SurveyVersion,
    answers: dict[str, Any],
    *,
    language: str,
    format_: str,
    draft: Draft | None = None,
    channel: str = "online",
    submitted_at: datetime | None = None,
) -> Response:
    """A response with its answers and statements, not yet added to a session."""
    definition = definition_of(version)
    when = submitted_at or utcnow()
    kept = _allowed_answers(definition, answers)
    profile = _profile(definition, kept)
    response = Response(
        survey_version_id=version.id,
        draft=draft,
        reference=new_code(8),
        language=language,
        format=format_,
        channel=channel,
        submitted_at=when,
        **profile,
    )
    response.answers = [Answer(question_id=qid, value=value) for qid, value in kept.items()]
    # Closed answers are worded by the survey, in its own language, whatever the person read.
    with force_locale(DEFAULT_LANGUAGE):
        response.statements = [
            _statement(draft_statement, definition, profile, language, when)
            for question in definition.questions
            if question.id in kept
            for draft_statement in question_type(question).statements(kept[question.id])
        ]
    return response


def _allowed_answers(definition: SurveyDefinition, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers the questions allow, in question order; anything else is never stored."""
    kept: dict[str, Any] = {}
    for question in definition.questions:
        value = answers.get(question.id)
        if value is not None and question_type(question).allows(value):
            kept[question.id] = value
    return kept


def _profile(definition: SurveyDefinition, answers: dict[str, Any]) -> dict[str, Any]:
    profile: dict[str, Any] = {attribute: None for attribute in REPRESENTATION_ATTRIBUTES}
    for question in definition.questions:
        value = answers.get(question.id)
        if question.representation and isinstance(value, str) and value != PREFER_NOT_TO_SAY:
            profile[question.representation] = value
    profile["role"] = profile["role"] or definition.respondent_role or "unknown"
    return profile


def _statement(
    said: Any, definition: SurveyDefinition, profile: dict[str, Any], language: str, when: datetime
) -> Statement:
    closed = said.kind == "closed"
    return Statement(
        source="survey",
        question_id=said.question_id,
        kind=said.kind,
        role=profile["role"],
        age_band=profile["age_band"],
        language=language,
        said_at=when,
        text=said.text,
        # Closed answers are the survey's own words, so they need no redaction.
        redacted_text=said.text if closed else None,
        sentiment_score=said.sentiment_score,
        sentiment_label=sentiment_label_for(said.sentiment_score),
        weight=said.weight,
        tags=[
            StatementTag(framework=definition.framework, focus_area=area, origin="survey")
            for area in said.focus_areas
        ],
    )
