"""Every bad input gets a plain message and a 4xx, and nothing already saved is lost."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import DraftAnswer
from tests.conftest import Respondent


def goto(respondent: Respondent, slug: str, question_id: str) -> object:
    respondent.start(slug)
    return respondent.get(f"/surveys/{slug}/questions/{question_id}")


def saved_answers(app: Flask) -> dict[str, object]:
    with app_session(app) as session:
        return {a.question_id: a.value for a in session.scalars(select(DraftAnswer))}


@pytest.mark.parametrize(
    ("slug", "question_id", "posted", "message"),
    [
        ("family-experience", "role", {"answer": ""}, "Select an answer"),
        ("family-experience", "role", {"answer": "headteacher"}, "Select one of the options shown"),
        (
            "family-experience",
            "services_missing",
            {"answer": ["short_breaks", "ponies"]},
            "Select only the options shown",
        ),
        (
            "family-experience",
            "child_age",
            {"answer": "' OR 1=1 --"},
            "Select one of the options shown",
        ),
        (
            "family-experience",
            "whats_hard",
            {"answer": "x" * 1501},
            "Your answer must be 1500 characters or fewer",
        ),
        (
            "young-people",
            "feel_at_school",
            {"answer": "ecstatic"},
            "Select one of the options shown",
        ),
        (
            "young-people",
            "cards",
            {"card-my_plan": "brilliant"},
            "Choose good, not sure or not good for each card",
        ),
    ],
)
def test_bad_answers_get_the_error_summary_and_a_400(
    respondent: Respondent, slug: str, question_id: str, posted: dict[str, object], message: str
) -> None:
    page = goto(respondent, slug, question_id)
    result = respondent.submit(page, posted)
    assert result.status == 400
    assert result.errors == [message]
    assert result.title.startswith("Error: ")
    link = result.soup.select_one(".govuk-error-summary__list a")["href"]
    assert result.soup.select_one(link.replace("#", "#")) is not None, (
        "the error links to its field"
    )


def test_over_long_text_is_kept_in_the_box_so_nothing_typed_is_lost(respondent: Respondent) -> None:
    typed = "We had to fight for everything. " * 60
    result = respondent.submit(
        goto(respondent, "family-experience", "whats_hard"), {"answer": typed}
    )
    assert result.status == 400
    assert result.soup.select_one("textarea#answer").get_text() == typed.strip()


def test_an_error_does_not_lose_answers_saved_before(app: Flask, respondent: Respondent) -> None:
    first = respondent.start("family-experience")
    respondent.submit(first, {"answer": "parent_carer"})
    page = respondent.get("/surveys/family-experience/questions/child_age")
    respondent.submit(page, {"answer": "tampered"})
    assert saved_answers(app) == {"role": "parent_carer"}


def test_a_missing_csrf_token_gets_a_plain_page_and_keeps_saved_answers(
    app: Flask, respondent: Respondent
) -> None:
    first = respondent.start("family-experience")
    respondent.submit(first, {"answer": "parent_carer"})
    response = respondent.client.post(
        "/surveys/family-experience/questions/child_age", data={"answer": "5-10"}
    )
    page = respondent.get(
        "/",
    )  # the app still works for this person afterwards
    assert response.status_code == 400
    assert "We could not save that page" in response.get_data(as_text=True)
    assert "Every answer you saved before this page is still saved" in response.get_data(
        as_text=True
    )
    assert page.status == 200
    assert saved_answers(app) == {"role": "parent_carer"}


def test_a_stale_csrf_token_from_another_session_is_refused_plainly(
    app: Flask, respondent: Respondent
) -> None:
    other = Respondent(app.test_client())
    stale = other.start("young-people").form_fields()["csrf_token"]
    respondent.start("young-people")
    response = respondent.client.post(
        "/surveys/young-people/questions/age_band", data={"csrf_token": stale, "answer": "5-10"}
    )
    assert response.status_code == 400
    assert "We could not save that page" in response.get_data(as_text=True)


def test_a_required_question_skipped_by_address_is_caught_at_sending(
    respondent: Respondent,
) -> None:
    respondent.start("family-experience")
    check = respondent.get("/surveys/family-experience/check-answers")
    result = respondent.send(check)
    assert result.status == 400
    assert result.errors == ["Answer the question: Which of these best describes you?"]


def test_unknown_survey_is_not_found(respondent: Respondent) -> None:
    page = respondent.get("/surveys/no-such-survey")
    assert page.status == 404
    assert page.h1 == "Page not found"


def test_unknown_question_is_not_found(respondent: Respondent) -> None:
    respondent.start("young-people")
    page = respondent.get("/surveys/young-people/questions/no_such_question")
    assert page.status == 404


def test_a_closed_survey_says_so(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tests.surveys.test_catalogue import SURVEYS  # the shipped surveys

    shutil.copytree(SURVEYS, tmp_path / "surveys")
    path = tmp_path / "surveys" / "young-people.yaml"
    path.write_text(path.read_text().replace("status: open", "status: closed"))
    app = make_app(SURVEYS_DIR=str(tmp_path / "surveys"))
    respondent = Respondent(app.test_client())
    page = respondent.get("/surveys/young-people")
    assert page.status == 410
    assert page.h1 == "This survey has closed"
    home = respondent.get("/")
    assert "Tell us what you think" not in home.text()


def test_a_body_over_the_limit_gets_a_plain_413(respondent: Respondent) -> None:
    page = goto(respondent, "family-experience", "whats_hard")
    token = page.form_fields()["csrf_token"]
    response = respondent.client.post(
        "/surveys/family-experience/questions/whats_hard",
        data={"csrf_token": token, "answer": "x" * 400_000},
    )
    assert response.status_code == 413
    assert "That was too much to send at once" in response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["\x00\x00", "   \n\t  ", "\u200b\u00a0\u2003\ufeff"])
def test_nul_bytes_and_whitespace_only_count_as_no_answer(
    app: Flask, respondent: Respondent, typed: str
) -> None:
    page = goto(respondent, "young-people", "whats_good")
    result = respondent.submit(page, {"answer": typed})
    assert result.status == 200
    assert saved_answers(app)["whats_good"] is None


def test_nul_bytes_inside_text_are_dropped_and_the_rest_kept(
    app: Flask, respondent: Respondent
) -> None:
    page = goto(respondent, "young-people", "whats_good")
    respondent.submit(page, {"answer": "my\x00 TA helps me 😊 مدد"})
    assert saved_answers(app)["whats_good"] == "my TA helps me 😊 مدد"


def test_healthz_answers_json(respondent: Respondent) -> None:
    response = respondent.client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_unreachable(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-folder/db.sqlite")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}
