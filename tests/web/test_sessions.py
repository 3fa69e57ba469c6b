"""A facilitator records a session from start to final; roles decide who sees and changes it."""

from __future__ import annotations

import json

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, Contribution, GroupSession, Statement
from tests.staff import (
    add_contribution,
    csrf_token,
    finalise,
    record_attendance,
    signed_in,
    start_session,
)


def statements_of(app: Flask, session_id: int) -> list[tuple[str, str, int, str | None]]:
    with app_session(app) as session:
        rows = session.execute(
            select(Statement.text, Statement.role, Statement.weight, Statement.age_band)
            .where(Statement.session_id == session_id)
            .order_by(Statement.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_facilitator_records_a_whole_session_and_makes_it_final(app: Flask) -> None:
    staff = signed_in(app)
    session_id, who_came = start_session(staff)
    assert who_came.h1 == "Who came"
    overview = record_attendance(
        staff, session_id, young_person_11_12=4, young_person_13_15=8, professional=2
    )
    assert overview.h1.startswith("Youth voice group")
    assert "4 × Child or young person, 11 to 12" in overview.text()

    first = add_contribution(
        staff,
        session_id,
        "Nobody asked me what I wanted in my plan. It was written about me, not with me.",
        kind="quote",
        role="young_person",
        age_band="13-15",
        focus_area="ehc_plans",
    )
    banner = first.soup.select_one(".govuk-notification-banner__heading")
    assert banner is not None
    assert banner.get_text(strip=True) == "Contribution 1 saved. Add the next one below."
    # The next blank form keeps who said it, so a run of quotes from one group is quick.
    assert first.form_fields()["age_band"] == "13-15"
    assert first.form_fields()["text"] == ""
    add_contribution(
        staff,
        session_id,
        "The group felt college visits came far too late to plan the move.",
        kind="quote",
        whole_group="y",
        focus_area="transitions",
    )
    third = add_contribution(staff, session_id, "I like my TA", age_band="11-12", focus_area="")
    assert "3 contributions so far" in third.text()

    tally_page = staff.get(f"/staff/sessions/{session_id}/tallies/new?options=faces&suggestion=0")
    assert tally_page.form_fields()["text"] == "How do you feel about school at the moment?"
    after_tally = staff.submit(
        tally_page, {"options-0-count": "7", "options-1-count": "3", "options-2-count": "2"}
    )
    assert after_tally.status == 200, after_tally.errors

    cards = staff.get(f"/staff/sessions/{session_id}/card-sort")
    assert cards.form_fields()["cards-0-card"] == "Help in class"
    staff.submit(cards, {"cards-0-good": "9", "cards-0-not_good": "3", "cards-1-not_sure": "5"})

    actions = staff.get(f"/staff/sessions/{session_id}/actions")
    staff.submit(
        actions, {"text": "Invite the group to review the plan template", "owner": "SEND team"}
    )

    final = finalise(staff, session_id)
    assert final.status == 200, final.errors
    flashed = final.soup.select_one(".govuk-notification-banner__heading")
    assert flashed is not None and flashed.get_text(strip=True).startswith("The session is final")

    said = statements_of(app, session_id)
    assert ("Nobody asked me what I wanted in my plan.", "young_person", 1, "13-15") in said
    assert ("It was written about me, not with me.", "young_person", 1, "13-15") in said
    # The group's discussion is one statement for the group, never split into sentences.
    assert (
        "The group felt college visits came far too late to plan the move.",
        "young_person",
        1,
        None,
    ) in said
    # A vote of 7 happy faces is 7 voices; card counts likewise.
    assert ("How do you feel about school at the moment? — Happy", "young_person", 7, None) in said
    assert ("Help in class — Good", "young_person", 9, None) in said
    assert sum(weight for _t, _r, weight, _a in said) == 3 + 1 + 7 + 3 + 2 + 9 + 3 + 5

    stats = app.test_cli_runner().invoke(args=["stats"])
    counted = json.loads(stats.output)
    assert counted["sessions"] == 1
    assert counted["session_statements"] == len(said)


def test_a_final_session_refuses_changes_from_its_facilitator(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(staff, session_id, young_person_13_15=5)
    add_contribution(staff, session_id, "The waiting list is too long.", age_band="13-15")
    finalise(staff, session_id)
    page = staff.get(f"/staff/sessions/{session_id}/contributions")
    assert page.status == 403
    refused = staff.client.post(
        f"/staff/sessions/{session_id}/contributions",
        data={"text": "Sneaked in later", "csrf_token": csrf_token(staff)},
    )
    assert refused.status_code == 403
    overview = staff.get(f"/staff/sessions/{session_id}")
    assert "Only an administrator can change it now" in overview.text()
    assert "Sneaked in later" not in overview.text()
    with app_session(app) as session:
        assert session.scalars(select(Contribution.text)).all() == ["The waiting list is too long."]


def test_an_admin_change_after_finalising_is_audited_and_rebuilds_statements(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(staff, session_id, young_person_13_15=5)
    add_contribution(staff, session_id, "The waiting list is too long.", age_band="13-15")
    finalise(staff, session_id)

    admin = signed_in(app, "admin")
    overview = admin.get(f"/staff/sessions/{session_id}")
    assert "every change is written to the audit log" in overview.text()
    added = add_contribution(
        admin, session_id, "Nobody explained the panel decision.", age_band="13-15"
    )
    assert added.status == 200, added.errors

    with app_session(app) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "session_changed_after_finalising")
        ).all()
        assert [(e.subject, e.detail["part"], e.detail["change"]) for e in events] == [
            (f"session:{session_id}", "contributions", "added")
        ]
    texts = [text for text, *_ in statements_of(app, session_id)]
    assert texts == ["The waiting list is too long.", "Nobody explained the panel decision."]


def test_an_analyst_reads_final_sessions_but_cannot_record_one(app: Flask) -> None:
    facilitator = signed_in(app)
    draft_id, _ = start_session(facilitator, group_name="Draft group")
    final_id, _ = start_session(facilitator, group_name="Finished group")
    record_attendance(facilitator, final_id, parent_carer=6)
    add_contribution(
        facilitator, final_id, "We had to fight for the plan.", role="parent_carer", age_band=""
    )
    finalise(facilitator, final_id)

    analyst = signed_in(app, "analyst")
    assert analyst.get("/staff/sessions/new").status == 403
    assert (
        analyst.client.post(
            "/staff/sessions/new", data={"group_name": "x", "csrf_token": csrf_token(analyst)}
        ).status_code
        == 403
    )
    listed = analyst.get("/staff/sessions/")
    assert "Finished group" in listed.text() and "Draft group" not in listed.text()
    assert "Record a session" not in listed.text()
    assert analyst.get(f"/staff/sessions/{draft_id}").status == 404
    assert analyst.get(f"/staff/sessions/{final_id}").status == 200


def test_a_facilitator_cannot_see_or_change_another_facilitators_draft(app: Flask) -> None:
    owner = signed_in(app)
    draft_id, _ = start_session(owner, group_name="Parent forum coffee morning")
    other = signed_in(app, email="other@example.org")
    assert "Parent forum coffee morning" not in other.get("/staff/sessions/").text()
    assert other.get(f"/staff/sessions/{draft_id}").status == 404
    assert other.get(f"/staff/sessions/{draft_id}/contributions").status == 404
    sneaky = other.client.post(
        f"/staff/sessions/{draft_id}/contributions",
        data={"text": "Not mine to add", "csrf_token": csrf_token(other)},
    )
    assert sneaky.status_code == 404
    with app_session(app) as session:
        assert session.scalars(select(Contribution)).all() == []
        assert session.scalars(select(GroupSession.group_name)).all() == [
            "Parent forum coffee morning"
        ]


def test_sessions_need_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/staff/sessions/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
