"""`coprod purge`: unsent drafts go after 90 days; answers past retention lose their words and
drafts while the counts the evidence reads stay; a second run finds nothing; it is audited."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select, update

from coprod.db import app_session
from coprod.models import (
    Answer,
    AuditEvent,
    Contribution,
    Draft,
    GroupSession,
    Job,
    Response,
    SignInAttempt,
    Statement,
    StatementTag,
    utcnow,
)
from coprod.services.purge import months_before, purge
from tests.conftest import Respondent
from tests.factories import board_pack_job
from tests.staff import add_contribution, record_attendance, signed_in, start_session

OLD_WORDS = "The bus to college never turns up on time and I miss my first lesson."
NEW_WORDS = "My new college tutor explains things really clearly."


def send(app: Flask, words: str) -> str:
    person = Respondent(app.test_client())
    sent = person.send(person.answer_all("young-people", {"whats_hard": {"answer": words}}))
    reference = sent.soup.select_one("[data-reference]")
    assert reference is not None
    return reference.get_text(strip=True).replace("-", "")


def age(app: Flask, reference: str, days: int) -> None:
    """Make a response (and its statements and draft) ``days`` old."""
    then = utcnow() - timedelta(days=days)
    with app_session(app) as session:
        response = session.scalar(select(Response).where(Response.reference == reference))
        assert response is not None
        session.execute(
            update(Response).where(Response.id == response.id).values(submitted_at=then)
        )
        session.execute(
            update(Statement).where(Statement.response_id == response.id).values(said_at=then)
        )
        session.commit()


def leave_a_draft(app: Flask, days_untouched: int) -> None:
    person = Respondent(app.test_client())
    person.submit(person.start("family-experience"), {"answer": "parent_carer"})
    with app_session(app) as session:
        newest = session.scalar(select(func.max(Draft.id)))
        session.execute(
            update(Draft)
            .where(Draft.id == newest)
            .values(updated_at=utcnow() - timedelta(days=days_untouched))
        )
        session.commit()


def totals(app: Flask) -> dict[str, int]:
    with app_session(app) as session:
        count = lambda query: session.scalar(query) or 0  # noqa: E731
        return {
            "responses": count(select(func.count(Response.id))),
            "answers": count(select(func.count(Answer.id))),
            "drafts": count(select(func.count(Draft.id))),
            "statements": count(select(func.count(Statement.id))),
            "tags": count(select(func.count(StatementTag.statement_id))),
            "worded": count(select(func.count(Statement.id)).where(Statement.text != "")),
            "scored": count(
                select(func.count(Statement.id)).where(Statement.sentiment_label.is_not(None))
            ),
        }


def words_in_database(app: Flask) -> str:
    with app_session(app) as session:
        texts = session.scalars(select(Statement.text)).all()
        redacted = session.scalars(select(Statement.redacted_text)).all()
        answers = [str(value) for value in session.scalars(select(Answer.value)).all()]
        return " ".join([*texts, *(r or "" for r in redacted), *answers])


def run_purge(app: Flask) -> list[str]:
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_old_answers_lose_their_words_and_the_counts_stay(app: Flask) -> None:
    old = send(app, OLD_WORDS)
    send(app, NEW_WORDS)
    age(app, old, days=800)  # past the 24 months every survey keeps answers by default
    leave_a_draft(app, days_untouched=91)
    leave_a_draft(app, days_untouched=10)
    before = totals(app)

    lines = run_purge(app)

    assert lines == [
        "Unsent drafts deleted: 1",
        "Sent responses past retention, answers deleted: 1",
        f"Statements whose words were removed (counts kept): {before['statements'] // 2}",
        "Session notes whose words were removed (counts kept): 0",
        "Requests for a reply left unanswered, deleted: 0",
        "Background jobs (board packs, imports) with their files, deleted: 0",
        "Old staff sign-in attempts, deleted: 0",
    ]
    after = totals(app)
    assert OLD_WORDS not in words_in_database(app)
    assert NEW_WORDS in words_in_database(app)
    # What the charts count is all still there.
    for kept in ("responses", "statements", "tags", "scored"):
        assert after[kept] == before[kept], kept
    assert after["worded"] == before["worded"] - before["statements"] // 2
    assert after["answers"] == before["answers"] // 2
    assert after["drafts"] == before["drafts"] - 2  # the unsent old one and the sent old one
    # The person's code finds nothing of theirs any more.
    person = Respondent(app.test_client())
    page = person.submit(person.get("/your-answers/"), {"reference": old})
    assert page.status == 400


def test_a_second_run_finds_nothing_and_each_run_is_audited(app: Flask) -> None:
    old = send(app, OLD_WORDS)
    age(app, old, days=800)
    run_purge(app)
    again = run_purge(app)
    assert all(line.endswith(": 0") for line in again), again
    with app_session(app) as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "purged")).all()
        assert len(events) == 1
        assert events[0].detail["responses"] == 1


def test_a_surveys_own_retention_wins(app: Flask) -> None:
    reference = send(app, OLD_WORDS)
    age(app, reference, days=200)
    with app_session(app) as session:
        kept = purge(session, {}, default_months=24, draft_days=90, now=utcnow())
        assert kept.responses == 0
        shorter = purge(
            session, {"young-people": 6}, default_months=24, draft_days=90, now=utcnow()
        )
        assert shorter.responses == 1
    assert OLD_WORDS not in words_in_database(app)


def test_old_session_notes_lose_their_words(app: Flask) -> None:
    facilitator = signed_in(app, "facilitator")
    session_id, _page = start_session(facilitator)
    record_attendance(facilitator, session_id, young_person_13_15=3)
    add_contribution(facilitator, session_id, "Nobody explained the annual review to me.")
    with app_session(app) as session:
        session.execute(
            update(GroupSession)
            .where(GroupSession.id == session_id)
            .values(held_on=(utcnow() - timedelta(days=900)).date())
        )
        session.commit()
    lines = run_purge(app)
    assert "Session notes whose words were removed (counts kept): 1" in lines
    with app_session(app) as session:
        texts = session.scalars(select(Contribution.text)).all()
        assert texts == [""]


def test_old_background_jobs_go_with_their_files(app: Flask) -> None:
    with app_session(app) as session:
        for age_in_days in (91, 10):
            session.add(
                board_pack_job(
                    result_file=b"a board pack",
                    result_filename="board-pack.docx",
                    created_at=utcnow() - timedelta(days=age_in_days),
                )
            )
        session.commit()
    assert "Background jobs (board packs, imports) with their files, deleted: 1" in run_purge(app)
    with app_session(app) as session:
        kept = session.scalars(select(Job)).all()
    assert [utcnow() - job.created_at < timedelta(days=11) for job in kept] == [True]


def test_old_sign_in_attempts_go_with_the_addresses_typed(app: Flask) -> None:
    with app_session(app) as session:
        for typed, age_in_days in (("mistyped.long.ago@example.org", 91), ("recent@x.org", 1)):
            session.add(
                SignInAttempt(
                    email=typed, succeeded=False, at=utcnow() - timedelta(days=age_in_days)
                )
            )
        session.commit()
    assert "Old staff sign-in attempts, deleted: 1" in run_purge(app)
    with app_session(app) as session:
        assert session.scalars(select(SignInAttempt.email)).all() == ["recent@x.org"]


def test_months_before_keeps_to_real_dates() -> None:
    from datetime import datetime

    assert months_before(datetime(2026, 3, 31, 9), 1) == datetime(2026, 2, 28, 9)
    assert months_before(datetime(2026, 1, 15), 24) == datetime(2024, 1, 15)
    assert months_before(datetime(2024, 5, 31), 3) == datetime(2024, 2, 29)
