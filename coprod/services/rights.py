"""A respondent's rights over their own answers, by the reference code they were given: find
them, and delete them with everything made from them. Safeguarding alerts keep their own copy
of the words and are not deleted (the lead's duty to a child outlives the answers)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coprod.models import Draft, Response, Statement
from coprod.services.audit import record
from coprod.services.codes import normalise_code


def response_by_reference(session: Session, typed: str) -> Response | None:
    """The response with the reference code a person typed (any case, spaces or dashes), if it
    still has answers: past retention they are deleted, and nothing of the person is left."""
    code = normalise_code(typed)
    if not code:
        return None
    return session.scalar(
        select(Response).where(Response.reference == code, Response.answers.any())
    )


def delete_response(session: Session, response: Response, why: str) -> int:
    """Delete a response, its answers, its statements (their tags and reviews go with them) and
    the draft it was sent from; commit, and return how many statements went. The evidence
    recounts: the deletions are noted against the days the statements were said."""
    statements = session.scalar(
        select(func.count(Statement.id)).where(Statement.response_id == response.id)
    )
    slug = response.version.survey.slug
    draft_id = response.draft_id
    session.delete(response)
    session.flush()
    if draft_id is not None:
        session.execute(delete(Draft).where(Draft.id == draft_id))
    record(
        session,
        "answers_deleted",
        subject=f"survey:{slug}",
        detail={"why": why, "statements": statements or 0},
    )
    session.commit()
    return statements or 0
