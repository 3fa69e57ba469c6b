"""Staff sign in, are throttled after repeated failures, and see their surveys with counts."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent
from tests.conftest import Respondent
from tests.factories import PASSWORD, make_user


def sign_in(person: Respondent, email: str, password: str, next_url: str = "") -> object:
    page = person.get("/sign-in" + (f"?next={next_url}" if next_url else ""))
    return person.submit(page, {"email": email, "password": password})


def test_staff_home_needs_sign_in(respondent: Respondent) -> None:
    page = respondent.get("/staff/", follow_redirects=True)
    assert page.h1 == "Sign in"


def test_signed_in_home_lists_surveys_with_response_counts(
    app: Flask, respondent: Respondent
) -> None:
    respondent.send(respondent.answer_all("young-people", {}))
    make_user(app, role="facilitator")
    staff = Respondent(app.test_client())
    home = sign_in(staff, "Lead@Example.org ", PASSWORD)
    assert home.h1 == "Surveys"
    rows = {
        row.select("td")[0].get_text(strip=True): row.select("td")[2].get_text(strip=True)
        for row in home.soup.select("tbody tr")
    }
    assert rows == {"Your family's experience of SEND support": "0", "Tell us what you think": "1"}


def test_a_wrong_password_gets_one_plain_message(app: Flask, respondent: Respondent) -> None:
    make_user(app)
    page = sign_in(respondent, "lead@example.org", "wrong password here")
    assert page.status == 400
    assert page.errors == ["Enter a correct email address and password"]


def test_missing_fields_are_asked_for(respondent: Respondent) -> None:
    page = sign_in(respondent, "", "")
    assert page.errors == ["Enter your email address", "Enter your password"]


def test_repeated_failures_lock_the_address_even_with_the_right_password(
    app: Flask, respondent: Respondent
) -> None:
    make_user(app)
    for _ in range(5):
        sign_in(respondent, "lead@example.org", "wrong password here")
    page = sign_in(respondent, "lead@example.org", PASSWORD)
    assert page.status == 429
    assert page.errors[0].startswith("There have been too many attempts to sign in")
    with app_session(app) as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("sign_in_failed") == 5 and "sign_in_locked" in actions


def test_sign_in_goes_to_the_page_asked_for_but_never_off_site(app: Flask) -> None:
    make_user(app)
    staff = Respondent(app.test_client())
    page = staff.get("/sign-in?next=//evil.example/steal")
    response = staff.client.post(
        "/sign-in?next=//evil.example/steal",
        data={**page.form_fields(), "email": "lead@example.org", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/staff/"


def test_sign_out_ends_the_session(app: Flask) -> None:
    make_user(app)
    staff = Respondent(app.test_client())
    home = sign_in(staff, "lead@example.org", PASSWORD)
    sign_out_form = home.soup.select_one("form[action='/sign-out']")
    staff.client.post(
        "/sign-out",
        data={"csrf_token": sign_out_form.select_one("input[name=csrf_token]")["value"]},
    )
    assert staff.get("/staff/", follow_redirects=True).h1 == "Sign in"


def test_a_disabled_account_cannot_sign_in(app: Flask, respondent: Respondent) -> None:
    user = make_user(app)
    with app_session(app) as session:
        session.get(type(user), user.id).active = False
        session.commit()
    page = sign_in(respondent, "lead@example.org", PASSWORD)
    assert page.errors == ["Enter a correct email address and password"]


def test_the_password_show_button_speaks_the_page_language(client) -> None:  # type: ignore[no-untyped-def]
    soup = BeautifulSoup(client.get("/sign-in?lang=ur").get_data(as_text=True), "html.parser")
    button = soup.select_one(".govuk-password-input__toggle")
    assert button is not None
    assert button.get_text(strip=True) == "دکھائیں"
    assert button["aria-label"] == "پاس ورڈ دکھائیں"
