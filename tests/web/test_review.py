"""The review screens: analysts see statements least certain first, filter them, and accept or
correct their focus areas and sentiment in a click or two, with who and when kept."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, Statement, StatementReview, StatementTag
from coprod.services.reanalysis import reanalyse
from coprod.services.statement_analysis import given_tag, store_analysed
from tests.conftest import Respondent
from tests.pages import Page
from tests.staff import signed_in

CLEAR_EHC = "The EHCP arrived months after the deadline and the annual review was cancelled"
UNCLEAR = "It was fine I suppose"
CAMHS = "We have been on the CAMHS waiting list for a year and nobody helps while we wait"


def add_statements(app: Flask, *texts: str, **fields: Any) -> list[int]:
    """Save free-text statements the way the app does: analysed as they are stored."""
    rows = [
        {
            "source": fields.get("source", "survey"),
            "kind": "free_text",
            "role": fields.get("role", "parent_carer"),
            "age_band": fields.get("age_band"),
            "language": "en",
            "said_at": fields.get("said_at", datetime(2026, 10, 1, 12, tzinfo=UTC)),
            "text": text,
            "weight": 1,
        }
        for text in texts
    ]
    given = [[given_tag("default", a, "survey") for a in fields.get("survey_areas", ())]] * len(
        texts
    )
    with app_session(app) as session:
        store_analysed(session.connection(), "default", rows, given)
        session.commit()
        found = session.scalars(
            select(Statement.id).where(Statement.text.in_(texts)).order_by(Statement.id)
        )
        return list(found)


def shown(page: Page) -> list[int]:
    """The statements on a queue page, in order."""
    return [int(str(item["data-statement"])) for item in page.soup.select("[data-statement]")]


def accept(analyst: Respondent, queue: Page, statement_id: int) -> Page:
    """Press Accept under a statement in the queue."""
    form = queue.soup.select_one(f"[data-statement='{statement_id}'] form.coprod-accept")
    assert form is not None
    response = analyst.client.post(str(form["action"]), data=queue.form_fields(form))
    assert response.status_code == 302
    return analyst.get(response.headers["Location"])


def tags_of(app: Flask, statement_id: int) -> set[tuple[str, str]]:
    with app_session(app) as session:
        return {
            (t.focus_area, t.origin)
            for t in session.scalars(
                select(StatementTag).where(StatementTag.statement_id == statement_id)
            )
        }


@pytest.fixture
def analyst(app: Flask) -> Respondent:
    return signed_in(app, "analyst")


def test_only_analysts_and_admins_may_review(app: Flask, client: Any) -> None:
    assert client.get("/staff/review/").status_code == 302  # to sign in
    facilitator = signed_in(app, "facilitator")
    assert facilitator.get("/staff/review/").status == 403
    assert facilitator.get("/staff/safeguarding/").status == 403
    menu = facilitator.get("/staff/").soup.select_one(".govuk-service-navigation")
    assert menu is not None and "Review" not in menu.get_text()
    admin = signed_in(app, "admin")
    assert admin.get("/staff/review/").status == 200


def test_the_least_certain_statements_come_first_with_the_reason_beside_each_tag(
    app: Flask, analyst: Respondent
) -> None:
    clear, unclear, camhs = add_statements(app, CLEAR_EHC, UNCLEAR, CAMHS)
    page = analyst.get("/staff/review/")
    order = shown(page)
    assert order[0] == unclear  # nothing found: a person must read it
    with app_session(app) as session:
        lowest = {
            sid: min(
                session.scalars(
                    select(StatementTag.confidence).where(
                        StatementTag.statement_id == sid, StatementTag.origin == "auto"
                    )
                )
            )
            for sid in (clear, camhs)
        }
    assert order[1:] == sorted(lowest, key=lowest.__getitem__)
    card = page.soup.select_one(f"[data-statement='{clear}']")
    assert card is not None
    ehc = card.select_one("[data-tag='ehc_plans'][data-origin='auto']")
    assert ehc is not None
    words = ehc.get_text(" ", strip=True)
    assert "% sure" in words and "because of" in words
    assert "annual review" in words.lower() or "ehcp" in words.lower()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("area=ehc_plans", {"ehc"}),
        ("area=identification", {"camhs"}),
        ("area=none", {"unclear", "session", "young"}),
        ("source=session", {"session"}),
        ("role=young_person", {"young"}),
        ("said_from=1&said_from=1&said_from=2026", {"ehc", "camhs", "unclear", "session"}),
        ("said_to=31&said_to=12&said_to=2025", {"young"}),
        ("confidence=low", {"unclear", "young", "session"}),
    ],
)
def test_each_filter_narrows_the_statements(
    app: Flask, analyst: Respondent, query: str, expected: set[str]
) -> None:
    ids = dict(
        zip(
            ("ehc", "unclear", "camhs"), add_statements(app, CLEAR_EHC, UNCLEAR, CAMHS), strict=True
        )
    )
    ids["session"] = add_statements(app, "We made a poster about the park", source="session")[0]
    (ids["young"],) = add_statements(
        app,
        "I like drawing",
        role="young_person",
        said_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    page = analyst.get(f"/staff/review/?{query}")
    assert page.status == 200
    assert set(shown(page)) == {ids[name] for name in expected}
    assert page.soup.select_one(f"[data-total='{len(expected)}']") is not None


@pytest.mark.parametrize("label", ["negative", "positive"])
def test_the_sentiment_filter_shows_that_sentiment_only(
    app: Flask, analyst: Respondent, label: str
) -> None:
    add_statements(app, CLEAR_EHC, CAMHS, "I like drawing", "The new keyworker is brilliant")
    with app_session(app) as session:
        labelled = set(
            session.scalars(select(Statement.id).where(Statement.sentiment_label == label))
        )
    assert len(labelled) >= 2
    assert set(shown(analyst.get(f"/staff/review/?sentiment={label}"))) == labelled


def test_a_flagged_or_failed_statement_can_be_found_by_its_flag(
    app: Flask, analyst: Respondent
) -> None:
    (flagged,) = add_statements(app, "I want to hurt myself when school is like this")
    add_statements(app, CLEAR_EHC)
    with app_session(app) as session:
        session.add(
            Statement(
                source="survey",
                kind="free_text",
                role="parent_carer",
                text="kept though its analysis failed",
                analysis_problem="the analysis stopped",
            )
        )
        session.commit()
    page = analyst.get("/staff/review/?flag=safeguarding")
    assert shown(page) == [flagged]
    assert "Safeguarding concern" in page.text()
    failed = analyst.get("/staff/review/?flag=problem")
    assert len(shown(failed)) == 1
    assert "Could not be analysed" in failed.text()


def test_accepting_takes_one_press_and_records_who_and_when(
    app: Flask, analyst: Respondent
) -> None:
    (sid,) = add_statements(app, CLEAR_EHC)
    before = {area for area, origin in tags_of(app, sid) if origin == "auto"}
    queue = analyst.get("/staff/review/?area=ehc_plans")
    after = accept(analyst, queue, sid)
    assert "Statement accepted" in after.text()
    assert after.response.request.full_path.startswith("/staff/review/?area=ehc_plans")
    assert sid not in shown(after)  # reviewed, so no longer waiting
    assert tags_of(app, sid) == {(area, "person") for area in before}
    with app_session(app) as session:
        review = session.scalars(select(StatementReview)).one()
        assert review.action == "accepted"
        assert {t["area"] for t in review.machine["tags"]} == before
        statement = session.get(Statement, sid)
        assert statement is not None and statement.reviewed_at is not None
        audit = session.scalars(select(AuditEvent).where(AuditEvent.subject == f"statement:{sid}"))
        assert [e.action for e in audit] == ["statement_accepted"]
    reviewed = analyst.get("/staff/review/?status=reviewed")
    assert shown(reviewed) == [sid]
    assert "by Analyst Person on" in reviewed.text()


def test_a_correction_changes_areas_and_sentiment_and_reanalysis_keeps_it(
    app: Flask, analyst: Respondent
) -> None:
    (sid,) = add_statements(app, CLEAR_EHC)
    page = analyst.get(f"/staff/review/statements/{sid}?framework=default")
    assert "because of" in page.text()
    saved = analyst.submit(page, {"areas": ["local_offer"], "sentiment": "mixed"})
    assert "Statement corrected" in saved.text()
    assert tags_of(app, sid) == {("local_offer", "person")}
    with app_session(app) as session:
        statement = session.get(Statement, sid)
        assert statement is not None and statement.sentiment_label == "mixed"
        reanalyse(session, "default")
        assert tags_of(app, sid) == {("local_offer", "person")}  # ehc_plans never comes back
        session.refresh(statement)
        assert statement.sentiment_label == "mixed"
    history = analyst.get(f"/staff/review/statements/{sid}?framework=default")
    rows = history.soup.select(".coprod-history tbody tr")
    assert len(rows) == 1
    assert "Analyst Person" in rows[0].get_text() and "Corrected" in rows[0].get_text()


def test_a_question_s_own_focus_area_stays_whatever_the_reviewer_ticks(
    app: Flask, analyst: Respondent
) -> None:
    (sid,) = add_statements(app, UNCLEAR, survey_areas=["coproduction"])
    page = analyst.get(f"/staff/review/statements/{sid}?framework=default")
    assert "coproduction" not in page.options("areas")
    assert page.soup.select_one("[data-fixed-areas]") is not None
    analyst.submit(page, {"areas": ["transitions"], "sentiment": "neutral"})
    assert tags_of(app, sid) == {("coproduction", "survey"), ("transitions", "person")}


def test_two_reviewers_at_once_never_overwrite_each_other_silently(app: Flask) -> None:
    (sid,) = add_statements(app, CLEAR_EHC)
    first = signed_in(app, "analyst", "first@example.org")
    second = signed_in(app, "admin", "second@example.org")
    first_page = first.get(f"/staff/review/statements/{sid}?framework=default")
    second_page = second.get(f"/staff/review/statements/{sid}?framework=default")
    first.submit(first_page, {"areas": ["transitions"]})
    clash = second.submit(second_page, {"areas": ["identification"]})
    assert clash.errors == [
        "Someone else reviewed this statement while you had it open. "
        "Check what they decided, then save again if you still disagree."
    ]
    assert tags_of(app, sid) == {("transitions", "person")}
    assert "Analyst Person" in clash.text()  # the first decision is shown
    assert clash.form_fields()["areas"] == ["identification"]
    again = second.submit(clash)
    assert "Statement corrected" in again.text()
    assert tags_of(app, sid) == {("identification", "person")}


def test_corrections_teach_the_app_to_tag_a_later_statement(
    app: Flask, analyst: Respondent, respondent: Respondent
) -> None:
    # "The Beehive" is a made-up local name: nothing shipped says it is about information.
    later = "The Beehive drop-in on Thursdays is the best thing in our week"
    taught = add_statements(
        app,
        "The Beehive drop-in told us about the holiday clubs",
        "I only found out about short breaks at the Beehive drop-in",
        "The Thursday drop-in at the Beehive is the best place to ask what exists",
        "Beehive drop-in staff pointed us to the right people",
    )
    (before,) = add_statements(app, later)
    assert ("local_offer", "auto") not in tags_of(app, before)
    for sid in taught:
        page = analyst.get(f"/staff/review/statements/{sid}?framework=default")
        analyst.submit(page, {"areas": ["local_offer"]})
    check = respondent.answer_all(
        "young-people",
        {"people_listen": {"answer": "okay"}, "whats_hard": {"answer": later}},
    )
    respondent.send(check)
    with app_session(app) as session:
        newest = session.scalars(
            select(Statement.id).where(Statement.text == later).order_by(Statement.id.desc())
        ).first()
    assert newest is not None and newest != before
    assert ("local_offer", "auto") in tags_of(app, newest)


def test_bad_filters_and_addresses_get_plain_answers(app: Flask, analyst: Respondent) -> None:
    add_statements(app, CLEAR_EHC)
    bad_date = analyst.get("/staff/review/?said_from=31&said_from=2&said_from=2026")
    assert bad_date.status == 200
    assert bad_date.errors == ["The date must be a real date, like 27 3 2026"]
    assert len(shown(bad_date)) == 1  # the list still shows, unfiltered by the bad date
    odd = analyst.get("/staff/review/?area=not-an-area&page=abc&status=nonsense&framework=zzz")
    assert odd.status == 200 and not odd.errors
    assert len(shown(odd)) == 1
    assert analyst.get("/staff/review/statements/999999").status == 404
    forged = analyst.client.post("/staff/review/statements/1/accept", data={})
    assert forged.status_code == 400
    sid = shown(odd)[0]
    outside = analyst.get(f"/staff/review/statements/{sid}?next=https://evil.example/")
    back = outside.soup.select_one(".govuk-back-link")
    assert back is not None and str(back["href"]).startswith("/staff/review")
