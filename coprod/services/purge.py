"""Keeping personal answers no longer than needed.

Unsent drafts go DRAFT_DAYS after they were last touched. Sent answers go once they are older
than their survey's retention (``retention_months`` in its file, else RETENTION_MONTHS): the
answers and the draft are deleted, and each statement loses its words but keeps what the
evidence counts (who in general terms, when, focus areas, sentiment). Session notes past
RETENTION_MONTHS lose their words the same way, and requests for a reply left unanswered for
DRAFT_DAYS are deleted with their contact details, as are background jobs started more than
DRAFT_DAYS ago, with what they were given and the files they made, and staff sign-in attempts
(each with the address as typed) older than DRAFT_DAYS. So charts and trends stay true, and
nothing anyone wrote is left. Running it again finds nothing more to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, delete, or_, select, update
from sqlalchemy.orm import Session

from coprod.models import (
    Answer,
    Contribution,
    Draft,
    GroupSession,
    Job,
    ReplyRequest,
    Response,
    SignInAttempt,
    Statement,
    Survey,
    SurveyVersion,
)
from coprod.services.audit import record

#: What a statement's words become once removed (its text column may not be empty of meaning).
REMOVED = ""


@dataclass(frozen=True)
class PurgeReport:
    """How many of each thing a purge removed."""

    drafts: int
    responses: int
    statements: int
    session_notes: int
    reply_requests: int
    jobs: int
    sign_in_attempts: int

    def lines(self) -> list[str]:
        return [
            f"Unsent drafts deleted: {self.drafts}",
            f"Sent responses past retention, answers deleted: {self.responses}",
            f"Statements whose words were removed (counts kept): {self.statements}",
            f"Session notes whose words were removed (counts kept): {self.session_notes}",
            f"Requests for a reply left unanswered, deleted: {self.reply_requests}",
            f"Background jobs (board packs, imports) with their files, deleted: {self.jobs}",
            f"Old staff sign-in attempts, deleted: {self.sign_in_attempts}",
        ]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` earlier (the month's last day where it is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month + 1, day=min(moment.day, 28))


def _changed(session: Session, statement: Executable) -> int:
    """Run a bulk update or delete; return how many rows it changed."""
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount or 0


def _blank_statements(session: Session, condition: ColumnElement[bool]) -> int:
    """Remove the words of the statements matching ``condition`` that still have any."""
    return _changed(
        session,
        update(Statement)
        .where(condition, or_(Statement.text != REMOVED, Statement.redacted_text.is_not(None)))
        .values(text=REMOVED, redacted_text=None, safeguarding_reasons=None)
        .execution_options(synchronize_session=False),
    )


def _purge_responses(session: Session, version_ids: list[int], cutoff: datetime) -> tuple[int, int]:
    """Delete the answers and drafts of responses sent before ``cutoff``; blank their words."""
    old = select(Response.id).where(
        Response.survey_version_id.in_(version_ids), Response.submitted_at < cutoff
    )
    with_answers = set(
        session.scalars(select(Answer.response_id).where(Answer.response_id.in_(old)))
    )
    with_drafts = {
        response_id: draft_id
        for response_id, draft_id in session.execute(
            select(Response.id, Response.draft_id).where(
                Response.id.in_(old), Response.draft_id.is_not(None)
            )
        )
    }
    session.execute(delete(Answer).where(Answer.response_id.in_(old)))
    if with_drafts:
        session.execute(update(Response).where(Response.id.in_(with_drafts)).values(draft_id=None))
        session.execute(delete(Draft).where(Draft.id.in_(with_drafts.values())))
    statements = _blank_statements(session, Statement.response_id.in_(old))
    return len(with_answers | set(with_drafts)), statements


def purge(
    session: Session,
    retention_months: Mapping[str, int],
    default_months: int,
    draft_days: int,
    now: datetime,
) -> PurgeReport:
    """Delete what is past its time, commit, record it in the audit log, and report it."""
    sent_drafts = select(Response.draft_id).where(Response.draft_id.is_not(None))
    drafts = _changed(
        session,
        delete(Draft).where(
            Draft.updated_at < now - timedelta(days=draft_days), Draft.id.not_in(sent_drafts)
        ),
    )
    responses = statements = 0
    for slug, survey_id in session.execute(select(Survey.slug, Survey.id)):
        months = retention_months.get(slug, default_months)
        versions = list(
            session.scalars(select(SurveyVersion.id).where(SurveyVersion.survey_id == survey_id))
        )
        gone, blanked = _purge_responses(session, versions, months_before(now, months))
        responses += gone
        statements += blanked
    held_before: date = months_before(now, default_months).date()
    old_sessions = select(GroupSession.id).where(GroupSession.held_on < held_before)
    notes = _changed(
        session,
        update(Contribution)
        .where(Contribution.session_id.in_(old_sessions), Contribution.text != REMOVED)
        .values(text=REMOVED)
        .execution_options(synchronize_session=False),
    )
    statements += _blank_statements(session, Statement.session_id.in_(old_sessions))
    replies = _changed(
        session,
        delete(ReplyRequest).where(ReplyRequest.created_at < now - timedelta(days=draft_days)),
    )
    jobs = _changed(session, delete(Job).where(Job.created_at < now - timedelta(days=draft_days)))
    attempts = _changed(
        session, delete(SignInAttempt).where(SignInAttempt.at < now - timedelta(days=draft_days))
    )
    report = PurgeReport(drafts, responses, statements, notes, replies, jobs, attempts)
    if any(asdict(report).values()):
        record(session, "purged", detail=asdict(report))
    session.commit()
    return report
