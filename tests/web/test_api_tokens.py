"""The API tokens pages: an analyst makes a token (its secret shown once, only its hash kept),
sees when it was last used and revokes it after a confirmation; an admin sees and revokes
everyone's; facilitators have none. Making and revoking are audited."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import ApiToken, AuditEvent
from tests.conftest import Respondent
from tests.pages import Page
from tests.staff import csrf_token, signed_in
from tests.web.api_helpers import call, make_token


def make_on_the_page(person: Respondent, **fields: object) -> Page:
    page = person.get("/staff/api-tokens/new")
    assert page.status == 200 and page.h1 == "Make an API token"
    answers = {
        "name": "Power BI board dashboard",
        "scopes": ["statements:read", "aggregates:read"],
        **fields,
    }
    return person.submit(page, answers)


def audit_actions(app: Flask) -> list[tuple[str, str | None]]:
    with app_session(app) as session:
        return [(e.action, e.subject) for e in session.scalars(select(AuditEvent))]


def test_an_analyst_makes_a_token_sees_it_once_and_its_use(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    assert "There are no tokens yet." in analyst.get("/staff/api-tokens/").text()
    made = make_on_the_page(analyst)
    assert made.status == 200
    assert made.h1 == "Your new API token"
    secret_tag = made.soup.select_one("[data-secret]")
    assert secret_tag is not None
    secret = secret_tag.get_text(strip=True)
    assert secret.startswith("coprod_") and len(secret) > 40
    assert "shown only on this page" in made.text()
    with app_session(app) as session:
        token = session.scalar(select(ApiToken))
        assert token is not None
        assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in repr(
            [getattr(token, c.key) for c in ApiToken.__table__.columns]  # type: ignore[attr-defined]
        )
        assert token.scopes == ["statements:read", "aggregates:read"]
    listed = analyst.get("/staff/api-tokens/")
    assert secret not in listed.response.get_data(as_text=True)
    row = listed.soup.select_one("[data-tokens] tbody tr")
    assert row is not None
    assert "Power BI board dashboard" in row.get_text()
    assert "Never" in row.get_text() and "Works" in row.get_text()
    assert call(app.test_client(), "/api/v1/periods", secret).status_code == 200
    used = analyst.get("/staff/api-tokens/").soup.select_one("[data-tokens] tbody tr")
    assert used is not None and "Never" not in used.get_text()
    assert ("api_token_created", f"api_token:{token.id}") in audit_actions(app)


def test_bad_input_is_explained_in_an_error_summary(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    page = make_on_the_page(
        analyst,
        name="  ",
        scopes=[],
        expires_on=[str(yesterday.day), str(yesterday.month), str(yesterday.year)],
    )
    assert page.status == 400
    assert page.errors == [
        "Enter a name for the token",
        "Select what the token may read",
        "The last day it works must be in the future",
    ]
    not_a_date = make_on_the_page(analyst, expires_on=["31", "2", "2030"])
    assert not_a_date.errors == ["The date must be a real date, like 27 3 2026"]
    too_long = make_on_the_page(analyst, name="x" * 101)
    assert too_long.errors == ["Enter a name of 100 characters or fewer"]
    with app_session(app) as session:
        assert session.scalar(select(ApiToken)) is None


def test_a_token_with_a_last_day_works_until_then(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    last = datetime.now(UTC).date() + timedelta(days=30)
    made = make_on_the_page(
        analyst,
        scopes=["aggregates:read"],
        expires_on=[str(last.day), str(last.month), str(last.year)],
    )
    assert made.status == 200
    listed = analyst.get("/staff/api-tokens/").text()
    assert f"until {last.day} {last:%B %Y}" in listed
    assert "Counts: people and statements by focus area and period" in listed


def test_revoking_asks_first_then_the_token_stops_working(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    secret = make_token(app)
    with app_session(app) as session:
        token_id = session.scalar(select(ApiToken.id))
    confirm = analyst.get(f"/staff/api-tokens/{token_id}/revoke")
    assert confirm.h1 == "Revoke “Power BI board dashboard”"
    assert "stop getting data at once" in confirm.text()
    assert call(app.test_client(), "/api/v1/periods", secret).status_code == 200
    done = analyst.submit(confirm)
    assert "“Power BI board dashboard” is revoked: it no longer works." in done.text()
    assert "Revoked" in done.text()
    refused = call(app.test_client(), "/api/v1/periods", secret)
    assert refused.status_code == 401
    assert ("api_token_revoked", f"api_token:{token_id}") in audit_actions(app)


def test_an_admin_sees_and_revokes_everyones_tokens_an_analyst_only_their_own(
    app: Flask,
) -> None:
    analyst = signed_in(app, "analyst")
    colleague = signed_in(app, "analyst", email="colleague@example.org")
    admin = signed_in(app, "admin")
    make_token(app, name="Board dashboard")
    make_token(app, email="colleague@example.org", name="Council dashboard")
    with app_session(app) as session:
        board = session.scalar(select(ApiToken.id).where(ApiToken.name == "Board dashboard"))
    assert "Council dashboard" not in analyst.get("/staff/api-tokens/").text()
    assert colleague.get(f"/staff/api-tokens/{board}/revoke").status == 404
    everyone = admin.get("/staff/api-tokens/").text()
    assert "Board dashboard" in everyone and "Council dashboard" in everyone
    assert "Analyst Person" in everyone
    done = admin.submit(admin.get(f"/staff/api-tokens/{board}/revoke"))
    assert "is revoked" in done.text()
    with app_session(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "api_token_revoked"))
        assert event is not None and event.subject == f"api_token:{board}"


def test_facilitators_have_no_tokens(app: Flask) -> None:
    facilitator = signed_in(app, "facilitator")
    assert facilitator.get("/staff/api-tokens/").status == 403
    posted = facilitator.client.post(
        "/staff/api-tokens/new",
        data={"csrf_token": csrf_token(facilitator), "name": "Mine", "scopes": "statements:read"},
    )
    assert posted.status_code == 403
    nav = facilitator.get("/staff/").soup.select_one(".govuk-service-navigation")
    assert nav is not None and "API tokens" not in nav.get_text()
    analyst = signed_in(app, "analyst")
    nav = analyst.get("/staff/").soup.select_one(".govuk-service-navigation")
    assert nav is not None and "API tokens" in nav.get_text()
