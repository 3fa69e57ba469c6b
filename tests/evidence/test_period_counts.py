"""Counts kept for ended periods: read back while nothing said in the period has changed, and
counted again as soon as anything has, whichever way it changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from coprod.db import app_session
from coprod.evidence.cells import Scope
from coprod.evidence.periods import monitoring_periods
from coprod.evidence.summary import AreaEvidence
from coprod.models import (
    Attendance,
    GroupSession,
    PeriodCounts,
    Response,
    SaidDayChanges,
    Statement,
    StatementTag,
)
from coprod.services.evidence import area_evidence
from coprod.services.users import create_user
from tests.evidence.dataset import AUTUMN, SPRING, Said, known, store

PERIODS = monitoring_periods("2025-01-01", 6, date(2026, 11, 23))
AREAS = ["ehc_plans", "local_offer"]


def evidence(app: Flask) -> dict[str, AreaEvidence]:
    with app_session(app) as session:
        found = area_evidence(session, Scope("default"), AREAS, PERIODS, PERIODS[-1])
    return {item.area: item for item in found}


def spring(app: Flask) -> tuple[int | None, float | None]:
    """People heard on EHC plans in the spring period, and their mean sentiment."""
    figures = evidence(app)["ehc_plans"].trend[2]
    assert figures.period.start == SPRING.date().replace(month=1, day=1)
    return figures.people, figures.mean


def _spring_statements(session: Session) -> list[Statement]:
    return list(
        session.scalars(
            select(Statement)
            .join(StatementTag)
            .where(StatementTag.focus_area == "ehc_plans", Statement.said_at < AUTUMN)
            .order_by(Statement.id)
        )
    )


def test_ended_periods_are_kept_and_the_open_one_is_not(app: Flask) -> None:
    store(app, known())
    first = evidence(app)
    with app_session(app) as session:
        kept = {(row.starts_on, row.area) for row in session.scalars(select(PeriodCounts))}
    assert kept == {(p.start, "") for p in PERIODS[:-1]}
    assert evidence(app) == first


def test_kept_counts_are_read_back_until_their_period_changes(app: Flask) -> None:
    store(app, known())
    assert spring(app) == (12, pytest.approx(-1.0 / 12))
    with app_session(app) as session:  # only a test can write here: it shows what is read
        row = session.scalars(
            select(PeriodCounts).where(PeriodCounts.starts_on == date(2026, 1, 1))
        ).one()
        counts = dict(row.counts)
        counts["ehc_plans"] = {**counts["ehc_plans"], "responses": 40}
        session.execute(update(PeriodCounts).where(PeriodCounts.id == row.id).values(counts=counts))
        session.commit()
    assert spring(app)[0] == 40
    with app_session(app) as session:
        _spring_statements(session)[0].sentiment_score = -0.6
        session.commit()
    assert spring(app) == (12, pytest.approx(-1.1 / 12))


def _add_said(session: Session, words: str, score: float, **origin: Any) -> None:
    """A statement about EHC plans said in the spring, from ``origin`` (a response or a group
    session), tagged by the survey."""
    statement = Statement(
        kind="free_text",
        language="en",
        said_at=datetime.combine(SPRING.date(), time(12), tzinfo=UTC),
        text=words,
        redacted_text=words,
        sentiment_score=score,
        sentiment_label="positive" if score > 0 else "negative",
        **origin,
    )
    session.add(statement)
    session.flush()
    session.add(
        StatementTag(
            statement_id=statement.id, framework="default", focus_area="ehc_plans", origin="survey"
        )
    )


def _late_statement(session: Session) -> None:
    """A paper answer from the spring typed in now."""
    response = Response(
        survey_version_id=session.scalars(select(Response.survey_version_id)).first(),
        reference="LATE-00001",
        role="parent_carer",
        submitted_at=SPRING,
    )
    session.add(response)
    session.flush()
    _add_said(
        session,
        "Nobody rang us back.",
        -0.5,
        response_id=response.id,
        source="survey",
        role="parent_carer",
    )


def _corrected(session: Session) -> None:
    statement = _spring_statements(session)[0]
    statement.sentiment_score, statement.sentiment_label = 0.9, "positive"


def _untagged(session: Session) -> None:
    statement = _spring_statements(session)[0]
    session.execute(delete(StatementTag).where(StatementTag.statement_id == statement.id))


def _deleted(session: Session) -> None:
    statement = _spring_statements(session)[0]
    session.execute(delete(Response).where(Response.id == statement.response_id))


CHANGES: dict[str, Callable[[Session], None]] = {
    "a statement added late": _late_statement,
    "a sentiment corrected": _corrected,
    "a tag taken off": _untagged,
    "an answer deleted": _deleted,
}


@pytest.mark.parametrize("change", list(CHANGES.values()), ids=list(CHANGES))
def test_any_change_in_an_ended_period_is_counted_again(
    app: Flask, change: Callable[[Session], None]
) -> None:
    store(app, known())
    before = spring(app)
    with app_session(app) as session:
        change(session)
        session.commit()
    after = spring(app)
    with app_session(app) as session:
        session.execute(delete(PeriodCounts))
        session.commit()
    assert after == spring(app)  # the same as counting from scratch
    assert after != before


def test_a_session_attendance_change_is_counted_again(app: Flask) -> None:
    with app_session(app) as session:
        facilitator = create_user(session, "f@example.org", "F", "facilitator", "a long password!")
        record = GroupSession(
            group_name="Youth voice group",
            group_type="youth_forum",
            held_on=SPRING.date(),
            mode="in_person",
            facilitator_id=facilitator.id,
            status="final",
        )
        session.add(record)
        session.flush()
        session.add(Attendance(session_id=record.id, role="young_person", count=12))
        for said in ("School listens now.", "The bus was late again.") * 6:
            _add_said(
                session, said, 0.5, session_id=record.id, source="session", role="young_person"
            )
        session.commit()
    assert spring(app)[0] == 12
    with app_session(app) as session:
        session.execute(update(Attendance).values(count=15))
        session.commit()
    assert spring(app)[0] == 15


def test_answers_given_today_note_no_change(app: Flask) -> None:
    store(app, [Said("ehc_plans", 0.5, datetime.now(UTC))])
    with app_session(app) as session:
        assert session.scalars(select(SaidDayChanges)).all() == []
