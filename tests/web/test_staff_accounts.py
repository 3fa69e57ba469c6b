"""Admins add staff, change their roles and turn accounts off; each change is in the audit log,
common passwords are refused, and the last admin cannot be removed."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, User
from tests.conftest import Respondent
from tests.factories import PASSWORD, make_user
from tests.staff import signed_in


def audit_actions(app: Flask) -> list[tuple[str, str | None]]:
    with app_session(app) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(event.action, event.subject) for event in events]


def user_named(app: Flask, email: str) -> User:
    with app_session(app) as session:
        user = session.scalar(select(User).where(User.email == email))
        assert user is not None
        session.expunge(user)
        return user


def add_person(admin: Respondent, **fields: str) -> object:
    details = {
        "name": "Priya Shah",
        "email": "priya@example.org",
        "role": "facilitator",
        "password": "kettle orchard violin pebble",
        **fields,
    }
    return admin.submit(admin.get("/staff/people/new"), details)


def test_an_admin_adds_a_person_who_can_then_sign_in(app: Flask) -> None:
    admin = signed_in(app, "admin")
    listed = add_person(admin)
    assert listed.status == 200
    assert "Priya Shah can now sign in." in listed.text()
    assert "priya@example.org" in listed.text()
    newcomer = Respondent(app.test_client())
    home = newcomer.submit(
        newcomer.get("/sign-in"),
        {"email": "priya@example.org", "password": "kettle orchard violin pebble"},
    )
    assert home.h1 == "Surveys"
    assert ("user_created", f"user:{user_named(app, 'priya@example.org').id}") in audit_actions(app)


def test_common_and_personal_passwords_are_refused_with_the_reason(app: Flask) -> None:
    admin = signed_in(app, "admin")
    common = add_person(admin, password="Password2024!")
    assert common.status == 400
    assert common.errors == [
        "That password is one of the most common and is easy to guess: use three or four "
        "random words"
    ]
    assert add_person(admin, password="qwertyuiop123").status == 400
    personal = add_person(admin, password="priyashah-1987")
    assert personal.errors == ["The password must not contain their name or email address"]
    short = add_person(admin, password="short one")
    assert short.errors == ["The password must be at least 12 characters"]
    assert "priya@example.org" not in admin.get("/staff/people/").text()


def test_the_command_refuses_a_common_password_too(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "a@example.org", "--name", "A", "--role", "admin"],
        input="iloveyou123456\niloveyou123456\n",
    )
    assert result.exit_code != 0
    assert "one of the most common" in result.output


def test_a_role_change_takes_effect_and_is_audited(app: Flask) -> None:
    admin = signed_in(app, "admin")
    facilitator = signed_in(app, "facilitator")
    assert facilitator.get("/staff/review/").status == 403
    target = user_named(app, "facilitator@example.org")
    page = admin.get(f"/staff/people/{target.id}")
    saved = admin.submit(page, {"role": "analyst", "active": "y"})
    assert "Changes to Facilitator Person saved." in saved.text()
    assert facilitator.get("/staff/review/").status == 200
    with app_session(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "role_changed"))
        assert event is not None
        assert event.detail == {"from": "facilitator", "to": "analyst"}
        assert event.user_id == user_named(app, "admin@example.org").id


def test_turning_an_account_off_ends_their_session_at_once(app: Flask) -> None:
    admin = signed_in(app, "admin")
    analyst = signed_in(app, "analyst")
    assert analyst.get("/staff/review/").status == 200
    target = user_named(app, "analyst@example.org")
    admin.submit(admin.get(f"/staff/people/{target.id}"), {"role": "analyst", "active": ""})
    after = analyst.client.get("/staff/review/")
    assert after.status_code == 302
    assert "/sign-in" in after.headers["Location"]
    again = analyst.submit(
        analyst.get("/sign-in"), {"email": "analyst@example.org", "password": PASSWORD}
    )
    assert again.errors == ["Enter a correct email address and password"]
    assert ("user_disabled", f"user:{target.id}") in audit_actions(app)


def test_the_last_admin_cannot_be_removed_nor_turn_themselves_off(app: Flask) -> None:
    admin = signed_in(app, "admin")
    me = user_named(app, "admin@example.org")
    demoted = admin.submit(admin.get(f"/staff/people/{me.id}"), {"role": "analyst", "active": "y"})
    assert demoted.status == 400
    assert demoted.errors == [
        "There must be at least one active admin: make someone else admin first"
    ]
    off = admin.submit(admin.get(f"/staff/people/{me.id}"), {"role": "admin", "active": ""})
    assert off.errors == ["You cannot turn off your own account: ask another admin"]
    assert user_named(app, "admin@example.org").role == "admin"


def test_only_admins_see_accounts_and_the_log(app: Flask) -> None:
    make_user(app, email="x@example.org", role="analyst")
    for role in ("facilitator", "analyst"):
        person = signed_in(app, role)
        assert person.get("/staff/people/").status == 403
        assert person.get("/staff/people/activity").status == 403
        assert "Staff accounts" not in person.get("/staff/").soup.get_text()
    admin = signed_in(app, "admin")
    assert "Staff accounts" in admin.get("/staff/").soup.get_text()


def test_the_audit_log_lists_events_newest_first_and_filters(app: Flask) -> None:
    admin = signed_in(app, "admin")
    stranger = Respondent(app.test_client())
    stranger.submit(stranger.get("/sign-in"), {"email": "admin@example.org", "password": "nope"})
    log = admin.get("/staff/people/activity")
    rows = [row.get_text(" ", strip=True) for row in log.soup.select("[data-audit] tbody tr")]
    assert "sign_in_failed" in rows[0]
    assert any("sign_in" in row and "Admin Person" in row for row in rows)
    only = admin.get("/staff/people/activity?action=sign_in_failed")
    assert len(only.soup.select("[data-audit] tbody tr")) == 1
    assert admin.get("/staff/people/activity?page=abc").status == 200
    assert admin.get("/staff/people/activity?page=99999999999").status == 200
