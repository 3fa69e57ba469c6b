"""Sending a survey: one response per draft, with its answers and statements, committed at once.

Answers, statements and their tags are written with bulk INSERTs (a few statements per response,
not one per row), because sending is the moment a family waits on. Free text is analysed before
it is stored, in the same transaction, so a safeguarding alert exists once the answer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from flask_babel import force_locale
from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coprod.languages import DEFAULT_LANGUAGE
from coprod.models import (
    Answer,
    Draft,
    Response,
    SurveyVersion,
    utcnow,
)
from coprod.services.codes import new_code
from coprod.services.drafts import answers_of
from coprod.services.statement_analysis import analyser_for, given_tag, store_analysed
from coprod.services.survey_versions import definition_of
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.questions import QuestionType, StatementDraft, question_type
from coprod.surveys.questions.base import sentiment_label_for
from coprod.vocabulary import PREFER_NOT_TO_SAY, REPRESENTATION_ATTRIBUTES

# Core tables, so rows go in as one multi-row INSERT rather than through the unit of work.
RESPONSES = cast(Table, Response.__table__)
ANSWERS = cast(Table, Answer.__table__)


@dataclass(frozen=True)
class StoredResponse:
    """A response as stored: its id, the reference the person is given, its statement count."""

    id: int
    reference: str
    statements: int


def submit_draft(session: Session, draft: Draft) -> str:
    """Store the draft's response and commit; return its reference. Sending again is harmless."""
    if draft.response is not None:
        return draft.response.reference
    answers = answers_of(draft)
    for _attempt in range(3):
        try:
            stored = store_response(
                session,
                draft.version,
                answers,
                language=draft.language,
                format_=draft.format,
                draft_id=draft.id,
                session_id=draft.session_id,
                grown_up=draft.grown_up,
            )
            session.commit()
            return stored.reference
        except IntegrityError:
            session.rollback()
            existing = _reference_for(session, draft)
            if existing is not None:
                return existing  # sent from another tab or a double click a moment earlier
    raise RuntimeError("could not store the response")


def _reference_for(session: Session, draft: Draft) -> str | None:
    return session.scalar(select(Response.reference).where(Response.draft_id == draft.id))


def store_response(
    session: Session,
    version: SurveyVersion,
    answers: dict[str, Any],
    *,
    language: str,
    format_: str,
    draft_id: int | None = None,
    session_id: int | None = None,
    channel: str = "online",
    submitted_at: datetime | None = None,
    grown_up: str | None = None,
) -> StoredResponse:
    """Insert a response with its answers, statements and tags; the caller commits."""
    definition = definition_of(version)
    when = submitted_at or utcnow()
    kinds = {q.id: question_type(q) for q in definition.questions}
    kept = {
        qid: v
        for qid, v in answers.items()
        if qid in kinds and v is not None and kinds[qid].allows(v)
    }
    profile = _profile(definition, kept)
    reference = new_code(8)
    # Plain Core on the session's connection: the rows are not ORM objects, so skip that layer.
    connection = session.connection()
    # Train (or find) the analyser before the first insert: on SQLite the insert takes the one
    # write lock, and every other person's save would wait the seconds training takes.
    analyser_for(definition.framework, connection)
    response_id = connection.execute(
        insert(RESPONSES).returning(RESPONSES.c.id),
        {
            "survey_version_id": version.id,
            "draft_id": draft_id,
            "session_id": session_id,
            "reference": reference,
            "language": language,
            "format": format_,
            "channel": channel,
            "submitted_at": when,
            "grown_up": grown_up,
            **profile,
        },
    ).scalar_one()
    if kept:
        connection.execute(
            insert(ANSWERS),
            [
                {"response_id": response_id, "question_id": qid, "value": v}
                for qid, v in kept.items()
            ],
        )
    said = _statements(definition, kinds, kept)
    if said:
        _store_statements(connection, definition, said, response_id, profile, language, when)
    return StoredResponse(response_id, reference, len(said))


def _store_statements(
    connection: Connection,
    definition: SurveyDefinition,
    said: list[StatementDraft],
    response_id: int,
    profile: dict[str, Any],
    language: str,
    when: datetime,
) -> None:
    """Insert the statements, analysed, with their tags and any safeguarding alerts."""
    framework = definition.framework
    store_analysed(
        connection,
        framework,
        [_statement_row(s, response_id, profile, language, when) for s in said],
        [[given_tag(framework, area, "survey") for area in s.focus_areas] for s in said],
    )


def _statements(
    definition: SurveyDefinition, kinds: dict[str, QuestionType], kept: dict[str, Any]
) -> list[StatementDraft]:
    # Closed answers are worded by the survey, in its own language, whatever the person read.
    with force_locale(DEFAULT_LANGUAGE):
        return [
            statement
            for question in definition.questions
            if question.id in kept
            for statement in kinds[question.id].statements(kept[question.id])
        ]


def _profile(definition: SurveyDefinition, answers: dict[str, Any]) -> dict[str, Any]:
    profile: dict[str, Any] = {attribute: None for attribute in REPRESENTATION_ATTRIBUTES}
    for question in definition.questions:
        value = answers.get(question.id)
        if question.representation and isinstance(value, str) and value != PREFER_NOT_TO_SAY:
            profile[question.representation] = value
    profile["role"] = profile["role"] or definition.respondent_role or "unknown"
    return profile


def _statement_row(
    said: StatementDraft, response_id: int, profile: dict[str, Any], language: str, when: datetime
) -> dict[str, Any]:
    return {
        "response_id": response_id,
        "source": "survey",
        "question_id": said.question_id,
        "kind": said.kind,
        "role": profile["role"],
        "age_band": profile["age_band"],
        "language": language,
        "said_at": when,
        "text": said.text,
        "sentiment_score": said.sentiment_score,
        "sentiment_label": sentiment_label_for(said.sentiment_score),
        "weight": said.weight,
    }
