"""Drafts: answers saved page by page, resumable by link or short code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from coprod.models import Draft, DraftAnswer, SurveyVersion, utcnow
from coprod.services.codes import hash_secret, new_code, new_secret, normalise_code
from coprod.services.survey_versions import current_version
from coprod.surveys.definitions import SurveyDefinition

_WITH_EVERYTHING = (
    # The wording itself is read once per process (survey_versions.definition_of), not per page.
    joinedload(Draft.version).defer(SurveyVersion.definition),
    joinedload(Draft.version).joinedload(SurveyVersion.survey),
    joinedload(Draft.response),
    selectinload(Draft.answers),
)


@dataclass(frozen=True)
class NewDraft:
    """A draft just started, with the secret for its resume link (never stored in clear)."""

    draft: Draft
    secret: str


def start_draft(
    session: Session,
    definition: SurveyDefinition,
    language: str,
    format_: str,
    group_session_id: int | None = None,
) -> NewDraft:
    """Begin a draft of the survey's current wording, on a shared device at a session if given."""
    version = current_version(session, definition)
    for _attempt in range(5):
        secret = new_secret()
        draft = Draft(
            survey_version_id=version.id,
            token_hash=hash_secret(secret),
            resume_code=new_code(),
            language=language,
            format=format_,
            session_id=group_session_id,
        )
        session.add(draft)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # a resume code collided; draw another
            continue
        return NewDraft(draft, secret)
    raise RuntimeError("could not draw a unique resume code")


def draft_by_id(session: Session, draft_id: int) -> Draft | None:
    """A draft with its wording, answers and any response, loaded in one go."""
    return session.scalar(select(Draft).where(Draft.id == draft_id).options(*_WITH_EVERYTHING))


def _live(session: Session, condition: Any, max_age_days: int) -> Draft | None:
    draft = session.scalar(select(Draft).where(condition).options(*_WITH_EVERYTHING))
    return draft if draft is not None and is_kept(draft, max_age_days) else None


def is_kept(draft: Draft, max_age_days: int) -> bool:
    """Whether a draft was touched recently enough to be resumed."""
    return draft.updated_at >= utcnow() - timedelta(days=max_age_days)


def draft_by_secret(session: Session, secret: str, max_age_days: int) -> Draft | None:
    """The draft a resume link (or the browser's session) points at, if still kept."""
    return _live(session, Draft.token_hash == hash_secret(secret), max_age_days)


def draft_by_code(session: Session, typed_code: str, max_age_days: int) -> Draft | None:
    """The draft with the short code a person typed, if still kept."""
    code = normalise_code(typed_code)
    if not code:
        return None
    return _live(session, Draft.resume_code == code, max_age_days)


def answers_of(draft: Draft) -> dict[str, Any]:
    """The draft's answers by question id; a skipped question maps to None."""
    return {a.question_id: a.value for a in draft.answers}


def save_answer(session: Session, draft: Draft, question_id: str, value: Any) -> None:
    """Save one page's answer (None for skipped), replacing what was there, and commit."""
    for _attempt in range(3):
        row = session.scalar(
            select(DraftAnswer).where(
                DraftAnswer.draft_id == draft.id, DraftAnswer.question_id == question_id
            )
        )
        if row is None:
            session.add(DraftAnswer(draft_id=draft.id, question_id=question_id, value=value))
        else:
            row.value = value
            row.updated_at = utcnow()
        draft.updated_at = utcnow()
        try:
            session.commit()
            session.refresh(draft, ["answers"])
            return
        except IntegrityError:
            session.rollback()  # the same page was saved from another tab at the same moment
    raise RuntimeError("could not save the answer")


def set_presentation(session: Session, draft: Draft, language: str, format_: str) -> None:
    """Record the language and format the person is now using."""
    if (draft.language, draft.format) != (language, format_):
        draft.language, draft.format = language, format_
        session.commit()


def new_resume_secret(session: Session, draft: Draft) -> str:
    """Issue a fresh resume link secret for a draft resumed by code (the old link stops working)."""
    secret = new_secret()
    draft.token_hash = hash_secret(secret)
    session.commit()
    return secret


def set_grown_up(session: Session, draft: Draft, how: str) -> None:
    """Record how an under-13 came to answer: ``parent``, ``helper`` or ``session``."""
    draft.grown_up = how
    session.commit()
