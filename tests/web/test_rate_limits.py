"""Rate limits: guessing codes and passwords is slowed per address, other people carry on, and
answering a survey is limited only far above what a person (or a class on one address) does."""

from __future__ import annotations

from flask import Flask

from tests.conftest import Respondent
from tests.factories import PASSWORD, make_user


def from_address(app: Flask, address: str) -> Respondent:
    """A browser whose requests come from ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Respondent(client)


def test_guessing_codes_is_stopped_with_a_plain_page_and_others_carry_on(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app = make_app(RATE_LIMIT_CODES="3 per minute")
    guesser = from_address(app, "203.0.113.7")
    for _ in range(3):
        page = guesser.submit(guesser.get("/resume"), {"code": "ZZZZ-ZZZZ"})
        assert page.status == 400  # not found, said plainly
    blocked = guesser.submit(guesser.get("/resume"), {"code": "ZZZZ-ZZZZ"})
    assert blocked.status == 429
    assert blocked.h1 == "Too many tries"
    assert "Wait a few minutes, then try again." in blocked.text()
    assert int(blocked.response.headers["Retry-After"]) > 0
    # The form itself still opens, and someone at another address is not affected.
    assert guesser.get("/resume").status == 200
    neighbour = from_address(app, "198.51.100.20")
    assert neighbour.submit(neighbour.get("/resume"), {"code": "ZZZZ-ZZZZ"}).status == 400


def test_the_limit_page_is_in_the_persons_language(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_CODES="1 per minute", WTF_CSRF_ENABLED=False)
    guesser = from_address(app, "203.0.113.8")
    guesser.get("/resume?lang=ur")
    guesser.client.post("/resume", data={"code": "ZZZZ-ZZZZ"})
    blocked = guesser.post("/resume", {"code": "ZZZZ-ZZZZ"})
    assert blocked.status == 429
    assert blocked.lang == "ur"
    assert blocked.h1 == "بہت زیادہ کوششیں"


def test_password_guessing_is_stopped_per_address(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_SIGN_IN="4 per minute", SIGN_IN_MAX_FAILURES=100)
    make_user(app, email="lead@example.org", role="analyst")
    guesser = from_address(app, "203.0.113.9")
    statuses = [
        guesser.submit(
            guesser.get("/sign-in"), {"email": "lead@example.org", "password": f"guess {n}"}
        ).status
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    # The real person, elsewhere, still signs in.
    colleague = from_address(app, "198.51.100.21")
    home = colleague.submit(
        colleague.get("/sign-in"), {"email": "lead@example.org", "password": PASSWORD}
    )
    assert home.status == 200


def test_a_whole_class_on_one_address_can_answer(app: Flask) -> None:
    """Thirty young people behind one school address each start and answer: none is stopped."""
    statuses = []
    for _ in range(30):
        pupil = from_address(app, "192.0.2.50")
        first = pupil.start("young-people")
        statuses.append(first.status)
        statuses.append(pupil.submit(first, first.form_fields()).status)
    assert 429 not in statuses


def test_answering_is_limited_far_above_a_person(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_ANSWERS="5 per minute")
    flooder = from_address(app, "203.0.113.10")
    page = flooder.start("family-experience")
    statuses = [flooder.submit(page, {"answer": "parent_carer"}).status for _ in range(6)]
    assert statuses[-1] == 429


def test_limits_can_be_turned_off(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_CODES="1 per minute", RATELIMIT_ENABLED=False)
    guesser = from_address(app, "203.0.113.11")
    statuses = [
        guesser.submit(guesser.get("/resume"), {"code": "ZZZZ-ZZZZ"}).status for _ in range(3)
    ]
    assert statuses == [400, 400, 400]
