"""Requests for a reply: the one place contact details are kept, apart from any answer, and
deleted as soon as the reply is made."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.models import ReplyRequest
from coprod.services.audit import record


def ask_for_reply(session: Session, survey: str, contact: str, about: str, language: str) -> None:
    """Store a request for a reply and commit it (it carries no link to any response)."""
    session.add(ReplyRequest(survey=survey, contact=contact, about=about, language=language))
    session.commit()


def waiting(session: Session) -> list[ReplyRequest]:
    """Requests not yet replied to, oldest first."""
    return list(session.scalars(select(ReplyRequest).order_by(ReplyRequest.created_at)))


def replied(session: Session, request_id: int, by: int) -> bool:
    """The reply was made: delete the request with its contact details; False if already gone."""
    request = session.get(ReplyRequest, request_id)
    if request is None:
        return False
    survey = request.survey
    session.delete(request)
    record(session, "reply_made", user_id=by, subject=f"survey:{survey}")
    session.commit()
    return True
