"""Whatever is posted to a facilitator's session form (any text, counts, dates, choices, fields
missing, repeated or unknown, any file to import, a good or bad form token), nobody meets a server
error; a bad value gets the page again with the error summary (or a redirect); and nothing stored
in any session is a value its form does not allow. Every POST route of the sessions blueprint
has a property here or in test_session_import_properties.py, and a test checks that none is left
out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Engine

from coprod.db import app_session
from coprod.models import (
    AgreedAction,
    Attendance,
    CardCount,
    Contribution,
    GroupSession,
    Tally,
)
from coprod.vocabulary import (
    TALLY_OPTION_SETS,
)
from coprod.web.sessions.forms import ATTENDANCE_ROWS, attendance_field_name
from tests.pages import parse
from tests.staff import (
    DETAILS,
    csrf_token,
    record_attendance,
    signed_in,
    start_session,
)
from tests.web.hostile_input import (
    Posted,
    build_app,
    choice,
    examples,
    posted,
)
from tests.web.session_checks import (
    assert_answered_plainly,
    assert_refused,
    disallowed_session_values,
    recording,
    snapshot,
)
from tests.web.session_values import (
    ACTION_FIELDS,
    attendance_fields,
    card_sort_fields,
    contribution_fields,
    contribution_must_be_refused,
    count_is_valid,
    details_fields,
    details_must_be_refused,
    first_value,
    tally_fields,
)

SHIPPED = Path(__file__).parents[2] / "surveys"
EXAMPLES = 20


@pytest.fixture(scope="module")
def app(database_url: str, engine: Engine, instance_path: Path) -> Iterator[Flask]:
    """One app for the module (see build_app)."""
    built = build_app(database_url, instance_path)
    yield built
    built.extensions["coprod.engine"].dispose()


# The properties -----------------------------------------------------------------------------


def test_whatever_is_posted_as_a_new_sessions_details_is_refused_or_stored_as_allowed(
    app: Flask,
) -> None:
    staff = signed_in(app)
    token = csrf_token(staff)
    templates = sorted(app.extensions["coprod.catalogue"].session_templates)

    @examples(30)
    @given(item=posted(details_fields(templates), token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = staff.client.post("/staff/sessions/new", data=item.data)
        assert_answered_plainly(response)
        if not item.token_ok or details_must_be_refused(item, set(templates), creating=True):
            assert_refused(response)
            assert snapshot(app) == before
        else:
            assert response.status_code == 302, parse(response).errors
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_to_change_a_sessions_details_is_refused_or_stored_as_allowed(
    app: Flask,
) -> None:
    rec = recording(app)
    templates = sorted(app.extensions["coprod.catalogue"].session_templates)

    @examples(EXAMPLES)
    @given(item=posted(details_fields(templates), rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/details", item.data)
        assert_answered_plainly(response)
        if not item.token_ok or details_must_be_refused(item, set(templates), creating=False):
            assert_refused(response)
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_as_who_came_is_refused_or_stored_as_allowed(app: Flask) -> None:
    rec = recording(app)

    @examples(30)
    @given(item=posted(attendance_fields(), rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/attendance", item.data)
        assert_answered_plainly(response)
        counts_ok = all(
            count_is_valid(item.values(attendance_field_name(r, b))) for r, b in ATTENDANCE_ROWS
        )
        if not item.token_ok or not counts_ok:
            assert_refused(response)
            assert snapshot(app) == before
        elif response.status_code == 302:
            with app_session(app) as db:
                stored = {(a.role, a.age_band): a.count for a in db.scalars(select(Attendance))}
            typed = {
                (r, b): int(item.values(attendance_field_name(r, b))[0].strip() or 0)
                for r, b in ATTENDANCE_ROWS
                if item.values(attendance_field_name(r, b))
            }
            assert stored == {k: v for k, v in typed.items() if v > 0}
        else:
            assert_refused(response)  # counts below what is already recorded
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_as_something_said_is_refused_or_stored_as_allowed(
    app: Flask,
) -> None:
    rec = recording(app)

    @examples(30)
    @given(item=posted(contribution_fields(rec.areas), rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/contributions", item.data)
        assert_answered_plainly(response)
        if not item.token_ok or contribution_must_be_refused(item, rec.areas):
            assert_refused(response)
            assert snapshot(app) == before
        elif response.status_code == 302:
            with app_session(app) as db:
                newest = db.scalars(select(Contribution).order_by(Contribution.id.desc())).first()
            assert newest is not None and newest.text == first_value(item, "text")
        else:
            assert_refused(response)  # from people nobody recorded as coming
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_to_change_something_said_is_refused_or_stored_as_allowed(
    app: Flask,
) -> None:
    rec = recording(app)
    ids = rec.ids(Contribution)

    @examples(EXAMPLES)
    @given(
        item=posted(contribution_fields(rec.areas), rec.token, most_repeats=2),
        contribution_id=st.one_of(st.sampled_from(ids), st.integers(0, 2**31)),
    )
    def post_and_check(item: Posted, contribution_id: int) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/contributions/{contribution_id}", item.data)
        assert_answered_plainly(response)
        if contribution_id not in ids and item.token_ok:
            assert response.status_code == 404
        if not item.token_ok or contribution_must_be_refused(item, rec.areas, creating=False):
            assert response.status_code in (400, 404)
            assert snapshot(app) == before
        elif response.status_code == 302:
            with app_session(app) as db:
                changed = db.get(Contribution, contribution_id)
            assert changed is not None
            assert changed.text == (first_value(item, "text") or changed.text)
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_as_an_agreed_action_is_refused_or_stored_as_allowed(
    app: Flask,
) -> None:
    rec = recording(app)

    @examples(EXAMPLES)
    @given(item=posted(ACTION_FIELDS, rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/actions", item.data)
        assert_answered_plainly(response)
        text, owner = first_value(item, "text"), first_value(item, "owner")
        if item.token_ok and text and owner and len(text) <= 1000 and len(owner) <= 200:
            assert response.status_code == 302
            with app_session(app) as db:
                newest = db.scalars(select(AgreedAction).order_by(AgreedAction.id.desc())).first()
            assert newest is not None and (newest.text, newest.owner) == (text, owner)
        else:
            assert_refused(response)
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_as_a_group_vote_is_refused_or_stored_as_allowed(app: Flask) -> None:
    rec = recording(app)

    @examples(30)
    @given(
        item=posted(tally_fields(rec.areas), rec.token, most_repeats=2),
        options=st.sampled_from(["own", "faces", "yes_no", "", "nonsense", "own&suggestion=0"]),
    )
    def post_and_check(item: Posted, options: str) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        tallies_before = len(rec.ids(Tally))
        response = rec.post(f"{rec.session_id}/tallies/new?options={options}", item.data)
        # A ready-made vote shows a row per option; rows past those are a forged post's.
        preset = TALLY_OPTION_SETS.get(options)
        assert_answered_plainly(
            response, unshown=rf"#options-([{len(preset)}-9]|\d\d)" if preset else None
        )
        if response.status_code == 302:
            assert item.token_ok
            assert len(rec.ids(Tally)) == tallies_before + 1
            with app_session(app) as db:
                newest = db.scalars(select(Tally).order_by(Tally.id.desc())).first()
            assert newest is not None and newest.prompt == first_value(item, "text")
        else:
            assert_refused(response)
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_as_a_card_sort_is_refused_or_stored_as_allowed(app: Flask) -> None:
    rec = recording(app)

    @examples(40)
    @given(item=posted(card_sort_fields(rec.areas), rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/card-sort", item.data)
        assert_answered_plainly(response)
        if response.status_code == 302:
            assert item.token_ok
        else:
            assert_refused(response)
            assert snapshot(app) == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


REMOVABLE = {
    "contributions": Contribution,
    "tallies": Tally,
    "actions": AgreedAction,
}


@pytest.mark.parametrize("part", sorted(REMOVABLE))
def test_whatever_is_posted_to_remove_something_removes_only_that(app: Flask, part: str) -> None:
    rec = recording(app)
    model = REMOVABLE[part]
    existing = rec.ids(model)

    @examples(EXAMPLES)
    @given(
        item=posted({}, rec.token),
        item_id=st.one_of(st.sampled_from(existing), st.integers(0, 2**31)),
    )
    def post_and_check(item: Posted, item_id: int) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = set(rec.ids(model))
        response = rec.post(f"{rec.session_id}/{part}/{item_id}/remove", item.data)
        assert_answered_plainly(response)
        after = set(rec.ids(model))
        if item.token_ok and item_id in before:
            assert response.status_code == 302
            assert after == before - {item_id}
        else:
            assert response.status_code in (302, 400, 404)
            assert after == before
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    post_and_check()


def test_whatever_is_posted_to_finalise_makes_the_session_final_only_when_it_is_complete(
    app: Flask,
) -> None:
    rec = recording(app, role="admin")

    @examples(EXAMPLES)
    @given(
        item=posted({}, rec.token),
        then=st.sampled_from(["contributions", "attendance", "actions"]),
        change=posted(
            {**contribution_fields(rec.areas), **attendance_fields(), **ACTION_FIELDS},
            rec.token,
        ),
    )
    def post_and_check(item: Posted, then: str, change: Posted) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        response = rec.post(f"{rec.session_id}/finalise", item.data)
        assert_answered_plainly(response)
        # An admin may change a final session: its statements are rebuilt from whatever it holds.
        response = rec.post(f"{rec.session_id}/{then}", change.data)
        assert_answered_plainly(response)
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong
        assert rec.staff.get(f"/staff/sessions/{rec.session_id}").status in (200, 400)

    post_and_check()
    with app_session(app) as db:
        assert db.get(GroupSession, rec.session_id).status == "final"  # type: ignore[union-attr]


def test_whatever_is_posted_to_start_a_shared_device_opens_only_an_open_survey(
    app: Flask,
) -> None:
    rec = recording(app)
    slugs = sorted(s.slug for s in app.extensions["coprod.catalogue"].open_surveys())
    signed_in_cookie = rec.staff.client.get_cookie("session")
    assert signed_in_cookie is not None

    @examples(EXAMPLES)
    @given(item=posted({"survey": choice(slugs)}, rec.token, most_repeats=2))
    def post_and_check(item: Posted) -> None:
        response = rec.post(f"{rec.session_id}/shared-device", item.data)
        assert_answered_plainly(response)
        chosen = first_value(item, "survey")
        if item.token_ok and chosen in slugs:
            assert response.status_code == 302
            assert response.headers["Location"].endswith(f"/surveys/{chosen}")
            # The device is now a shared one, signed out: sign this browser back in.
            rec.staff.client.set_cookie("session", signed_in_cookie.value)
        else:
            assert_refused(response)

    post_and_check()


COVERED = {
    "sessions.new",
    "sessions.details",
    "sessions.attendance",
    "sessions.contributions",
    "sessions.contribution",
    "sessions.remove_contribution",
    "sessions.actions",
    "sessions.remove_action",
    "sessions.new_tally",
    "sessions.remove_tally",
    "sessions.card_sort",
    "sessions.finalise",
    "sessions.start_shared_device",
    "sessions.import_contributions",
    "sessions.confirm_import",
}


def test_every_post_route_of_the_sessions_blueprint_has_a_property(app: Flask) -> None:
    posting = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("sessions.") and "POST" in (rule.methods or ())
    }
    assert posting == COVERED


# The examples hypothesis found, kept as plain cases -----------------------------------------


def test_a_count_with_two_minus_signs_or_thousands_of_digits_gets_a_plain_message(
    app: Flask,
) -> None:
    """Once shown as Python's own words: "invalid literal for int() with base 10: '--5'", and
    "Exceeds the limit (4300 digits) for integer string conversion"."""
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    for typed, message in [
        ("--5", "Someone else must be a whole number, like 5"),
        ("9" * 5000, "Someone else must be 1000 or fewer"),
        ("-" + "0" * 30 + "7", "Someone else cannot be less than 0"),
    ]:
        page = staff.get(f"/staff/sessions/{session_id}/attendance")
        result = staff.submit(page, {"other": typed})
        assert result.status == 400
        assert result.errors == [message]
    page = staff.get(f"/staff/sessions/{session_id}/attendance")
    assert staff.submit(page, {"other": "0" * 40 + "12"}).status == 200
    with app_session(app) as db:
        assert db.scalar(select(Attendance.count).where(Attendance.role == "other")) == 12


def test_a_date_with_a_huge_day_month_or_year_is_refused_plainly(app: Flask) -> None:
    """Once a server error: date() overflowed past a C long (and int() refuses 4,300 digits)."""
    staff = signed_in(app)
    page = staff.get("/staff/sessions/new")
    for held_on in (
        ["1", "1", "99999999999999999999"],
        ["99999999999999999999", "1", "2020"],
        ["1", "4294967297", "2020"],
        ["1", "1", "9" * 5000],
    ):
        result = staff.submit(page, {**DETAILS, "held_on": held_on})
        assert result.status == 400, held_on
        assert result.errors == ["The date must be a real date, like 27 3 2026"]


def test_a_card_sort_focus_area_must_be_one_of_the_sessions(app: Flask) -> None:
    """Once stored as posted (any text, NUL bytes included; a server error on PostgreSQL past 60
    characters), because a card's focus area list did not check the choice."""
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(staff, session_id, young_person_13_15=5)
    for focus_area in (" ", "nowhere", "x" * 70, "identification\x00"):
        page = staff.get(f"/staff/sessions/{session_id}/card-sort")
        result = staff.submit(
            page, {"cards-0-card": "School", "cards-0-focus_area": focus_area, "cards-0-good": "1"}
        )
        assert result.status == 400
        assert result.errors == ["Not a valid choice."]
    with app_session(app) as db:
        assert db.scalars(select(CardCount)).all() == []


def test_a_box_ticked_twice_is_stored_once(app: Flask) -> None:
    """Once stored twice ("Symbols or pictures, Symbols or pictures" on the overview, and a
    language counted twice): checkbox lists kept repeated values."""
    staff = signed_in(app)
    session_id, _ = start_session(
        staff, adjustments=["symbols", "symbols", "breaks"], languages=["en", "ur", "en"]
    )
    with app_session(app) as db:
        record = db.get(GroupSession, session_id)
        assert record is not None
        assert (record.adjustments, record.languages) == (["symbols", "breaks"], ["en", "ur"])
