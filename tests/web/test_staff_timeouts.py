"""A staff session ends after 30 minutes with nothing done and after 12 hours however busy, and
the sign-in page says why; a session in use carries on."""

from __future__ import annotations

import time

from flask import Flask

from tests.staff import signed_in


def _clocks(staff, *, signed_in_ago: int, seen_ago: int) -> None:  # type: ignore[no-untyped-def]
    now = int(time.time())
    with staff.client.session_transaction() as session:
        session["signed_in_at"] = now - signed_in_ago
        session["seen_at"] = now - seen_ago


def test_a_session_idle_for_over_30_minutes_ends_and_says_why(app: Flask) -> None:
    staff = signed_in(app, role="analyst")
    _clocks(staff, signed_in_ago=40 * 60, seen_ago=31 * 60)
    response = staff.client.get("/staff/review/")
    assert response.status_code == 302
    assert "/sign-in?ended=idle" in response.headers["Location"]
    page = staff.get(response.headers["Location"])
    assert "nothing was done for 30 minutes" in page.text()
    assert staff.client.get("/staff/review/").status_code == 302  # signed out, not just warned


def test_a_session_open_for_over_12_hours_ends_however_busy(app: Flask) -> None:
    staff = signed_in(app, role="analyst")
    _clocks(staff, signed_in_ago=12 * 3600 + 60, seen_ago=10)
    response = staff.client.get("/staff/")
    assert "/sign-in?ended=limit" in response.headers["Location"]
    assert "signed in for 12 hours" in staff.get(response.headers["Location"]).text()


def test_a_session_in_use_carries_on_and_its_idle_clock_restarts(app: Flask) -> None:
    staff = signed_in(app, role="analyst")
    _clocks(staff, signed_in_ago=3 * 3600, seen_ago=29 * 60)
    assert staff.client.get("/staff/review/").status_code == 200
    with staff.client.session_transaction() as session:
        assert int(time.time()) - session["seen_at"] < 5


def test_the_settings_change_the_limits(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(STAFF_IDLE_MINUTES=5)
    staff = signed_in(app, role="analyst")
    _clocks(staff, signed_in_ago=6 * 60, seen_ago=6 * 60)
    response = staff.client.get("/staff/")
    assert "ended=idle" in response.headers["Location"]
    assert "nothing was done for 5 minutes" in staff.get(response.headers["Location"]).text()
