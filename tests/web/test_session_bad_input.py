"""Impossible counts and dates get a plain message naming the field; nothing saved is lost."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Attendance, Contribution, Tally
from tests.pages import parse
from tests.staff import (
    DETAILS,
    add_contribution,
    finalise,
    record_attendance,
    signed_in,
    start_session,
)


def test_a_date_in_the_future_or_not_a_date_is_refused(app: Flask) -> None:
    staff = signed_in(app)
    tomorrow = date.today() + timedelta(days=1)
    page = staff.get("/staff/sessions/new")
    future = staff.submit(
        page, {**DETAILS, "held_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]}
    )
    assert future.status == 400
    assert future.errors == ["The date of the session must be today or in the past"]
    impossible = staff.submit(page, {**DETAILS, "held_on": ["31", "2", "2026"]})
    assert impossible.errors == ["The date must be a real date, like 27 3 2026"]
    # What was typed is kept, so only the date needs typing again.
    assert impossible.form_fields()["group_name"] == "Youth voice group"
    missing = staff.submit(page, {**DETAILS, "held_on": ["", "", ""], "group_name": ""})
    assert missing.errors == ["Enter the name of the group", "Enter the date of the session"]


def test_negative_or_non_numeric_counts_name_the_field(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    page = staff.get(f"/staff/sessions/{session_id}/attendance")
    bad = staff.submit(page, {"young_person_11_12": "-3", "parent_carer": "lots"})
    assert bad.status == 400
    assert bad.errors == [
        "Aged 11 to 12 cannot be less than 0",
        "Parent or carer must be a whole number, like 5",
    ]
    with app_session(app) as session:
        assert session.scalars(select(Attendance)).all() == []


def test_more_under_13_contributions_than_under_13s_present_is_refused(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(staff, session_id, young_person_11_12=1, young_person_13_15=6)
    add_contribution(staff, session_id, "I like the quiet room.", age_band="11-12")
    refused = add_contribution(staff, session_id, "Lunch is too loud.", age_band="11-12")
    assert refused.status == 400
    assert refused.errors == [
        "There are more contributions from children under 13 (2) than children under 13 "
        "recorded as coming (1). Check the age bands, or who came."
    ]
    assert refused.form_fields()["text"] == "Lunch is too loud."  # kept to correct, not lost
    # Lowering who came below what is already recorded is refused the same way.
    lowered = record_attendance(staff, session_id, young_person_11_12=0)
    assert lowered.status == 400
    assert (
        "contributions from children under 13 (1) than children under 13 recorded as coming (0)"
        in lowered.errors[0]
    )
    with app_session(app) as session:
        assert session.scalars(select(Contribution.text)).all() == ["I like the quiet room."]
        assert {(a.age_band, a.count) for a in session.scalars(select(Attendance))} == {
            ("11-12", 1),
            ("13-15", 6),
        }


def test_a_vote_with_more_hands_than_people_is_refused(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(staff, session_id, young_person_13_15=10, parent_carer=4)
    page = staff.get(f"/staff/sessions/{session_id}/tallies/new?options=yes_no")
    refused = staff.submit(
        page,
        {
            "text": "Do you know what your plan says?",
            "options-0-count": "8",
            "options-2-count": "5",
        },
    )
    assert refused.status == 400
    assert refused.errors == [
        "The counts add up to 13, more than the number of children or young people recorded "
        "as coming (10). Check the counts, or who came."
    ]
    with app_session(app) as session:
        assert session.scalars(select(Tally)).all() == []
    cards = staff.get(f"/staff/sessions/{session_id}/card-sort")
    too_many = staff.submit(cards, {"cards-0-good": "6", "cards-0-not_good": "6"})
    assert too_many.status == 400
    assert "add up to 12, more than" in too_many.errors[0] and "(10)" in too_many.errors[0]


def test_finalising_lists_everything_missing(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff, consent_recorded=[], parental_consent_recorded=[])
    record_attendance(staff, session_id, young_person_5_10=3)
    page = finalise(staff, session_id)
    assert page.status == 400
    assert page.errors == [
        "Record that everyone agreed to what they say being used",
        "Children under 13 came: record that a parent or carer agreed for each of them",
        "Add at least one thing that was said, a group vote or a card sort",
    ]
    assert "Draft" in page.h1


def test_hostile_posts_to_every_session_form_never_meet_a_server_error(app: Flask) -> None:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    token = staff.get("/staff/sessions/").soup.select_one("input[name='csrf_token']")
    assert token is not None
    junk: dict[str, object] = {
        "csrf_token": token["value"],
        "group_name": "\x00" * 3 + "x" * 500,
        "group_type": "spaceship",
        "held_on": ["99", "99", "99999"],
        "template": "../../etc/passwd",
        "young_person_11_12": "1e9",
        "parent_carer": "٣",
        "text": "\u202e" * 10,
        "kind": "lie",
        "role": "<script>",
        "age_band": "200-300",
        "focus_area": "nowhere",
        "options-0-count": "-1",
        "options-99-label": "x",
        "cards-0-card": "x" * 300,
        "cards-500-good": "5",
        "survey": "no-such-survey",
        "owner": "",
        "rows": "not signed",
    }
    for path in (
        "new",
        f"{session_id}/details",
        f"{session_id}/attendance",
        f"{session_id}/contributions",
        f"{session_id}/tallies/new?options=faces",
        f"{session_id}/tallies/new?options=own",
        f"{session_id}/card-sort",
        f"{session_id}/actions",
        f"{session_id}/import",
        f"{session_id}/import/confirm",
        f"{session_id}/shared-device",
        f"{session_id}/finalise",
        f"{session_id}/contributions/999/remove",
        f"{session_id}/tallies/999/remove",
    ):
        response = staff.client.post(f"/staff/sessions/{path}", data=junk)
        assert response.status_code < 500, path
        if response.status_code == 400:
            assert parse(response).errors, path  # a bad form says what is wrong
    with app_session(app) as session:
        assert session.scalars(select(Contribution)).all() == []
        assert session.scalars(select(Attendance)).all() == []
