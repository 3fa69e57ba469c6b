"""Sending a survey: one response per draft, with its answers and statements, committed at once.

Answers, statements and their tags are written with bulk INSERTs (a few statements per response,
not one per row), because sending is the moment a family waits on. Free text is analysed before
it is stored, in the same transaction, so a safeguarding alert exists once the answer does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from flask_babel import force_locale
from sqlalchemy import Table, insert, select
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
from coprod.services.statement_analysis import Analysed, analyser_for, given_tag, store_analysed
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


@dataclass(frozen=True)
class NewResponse:
    """One response to store: its answers and where it came from."""

    answers: dict[str, Any]
    submitted_at: datetime | None = None
    draft_id: int | None = None
    session_id: int | None = None
    grown_up: str | None = None
    #: For an imported response, the key of its row (see coprod.imports.answers).
    import_key: str | None = None


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
    new = NewResponse(answers, submitted_at, draft_id, session_id, grown_up)
    return store_responses(
        session, version, [new], language=language, format_=format_, channel=channel
    )[0]


def store_responses(
    session: Session,
    version: SurveyVersion,
    responses: list[NewResponse],
    *,
    language: str,
    format_: str,
    channel: str,
    import_id: int | None = None,
    analysed: Sequence[Analysed] | None = None,
) -> list[StoredResponse]:
    """Insert responses to one wording with their answers, statements and tags, a few INSERTs
    for all of them; the caller commits. ``analysed`` is the analysis of their statements, in
    the order ``said_in`` gives them, when it was done ahead (see analysis_ahead)."""
    definition = definition_of(version)
    now = utcnow()
    rows = []
    kept_answers = []
    statements = []
    for new, (kept, said) in zip(responses, said_in(version, responses), strict=True):
        kept_answers.append(kept)
        statements.append(said)
        rows.append(
            {
                "survey_version_id": version.id,
                "draft_id": new.draft_id,
                "session_id": new.session_id,
                "reference": new_code(8),
                "language": language,
                "format": format_,
                "channel": channel,
                "submitted_at": new.submitted_at or now,
                "grown_up": new.grown_up,
                "import_id": import_id,
                "import_key": new.import_key,
                **_profile(definition, kept),
            }
        )
    # Plain Core on the session's connection: the rows are not ORM objects, so skip that layer.
    connection = session.connection()
    # Train (or find) the analyser before the first insert: on SQLite the insert takes the one
    # write lock, and every other person's save would wait the seconds training takes.
    analyser_for(definition.framework, connection)
    ids = (
        connection.execute(
            insert(RESPONSES).returning(RESPONSES.c.id, sort_by_parameter_order=True), rows
        )
        .scalars()
        .all()
    )
    answer_rows = [
        {"response_id": rid, "question_id": qid, "value": v}
        for rid, kept in zip(ids, kept_answers, strict=True)
        for qid, v in kept.items()
    ]
    if answer_rows:
        connection.execute(insert(ANSWERS), answer_rows)
    stored = []
    statement_rows: list[dict[str, Any]] = []
    statement_tags: list[list[dict[str, Any]]] = []
    framework = definition.framework
    for rid, said, row in zip(ids, statements, rows, strict=True):
        statement_rows += [_statement_row(s, rid, row, language, row["submitted_at"]) for s in said]
        statement_tags += [
            [given_tag(framework, area, "survey") for area in s.focus_areas] for s in said
        ]
        stored.append(StoredResponse(rid, row["reference"], len(said)))
    if statement_rows:
        store_analysed(connection, framework, statement_rows, statement_tags, analysed)
    return stored


def said_in(
    version: SurveyVersion, responses: Sequence[NewResponse]
) -> list[tuple[dict[str, Any], list[StatementDraft]]]:
    """Each response's answers that its questions allow, and the statements they make."""
    definition = definition_of(version)
    kinds = {q.id: question_type(q) for q in definition.questions}
    found = []
    for new in responses:
        kept = {
            qid: v
            for qid, v in new.answers.items()
            if qid in kinds and v is not None and kinds[qid].allows(v)
        }
        found.append((kept, _statements(definition, kinds, kept)))
    return found


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
