"""Every question type works as a page: shown, answered, checked, sent, without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Response
from tests.conftest import Respondent

EVERY_TYPE = Path(__file__).parent.parent / "data" / "surveys"


@pytest.fixture
def person(make_app: Callable[..., Flask]) -> Respondent:
    return Respondent(make_app(SURVEYS_DIR=str(EVERY_TYPE)).test_client())


ANSWERS = {
    "role": {"answer": "young_person"},
    "services": {"answer": ["ot", "salt"]},
    "agree": {"answer": "agree"},
    "faces": {"answer": "very_happy"},
    "yes_no": {"answer": "no"},
    "weeks": {"answer": "40"},
    "cards": {"card-college": "not_sure", "card-listening": "good"},
    "story": {"answer": "Moving to college was scary. The new staff were kind."},
}


def test_every_type_answered_checked_and_sent(person: Respondent) -> None:
    check = person.answer_all("every-type", ANSWERS)
    rows = {
        " ".join(row.select_one("dt").get_text().split()): " | ".join(
            line.strip() for line in row.select_one("dd").get_text("|").split("|") if line.strip()
        )
        for row in check.soup.select(".govuk-summary-list__row")
    }
    assert rows == {
        "Who are you?": "Young person",
        "Which services have you used?": "Occupational therapy | Speech and language therapy",
        "I know where to find information.": "Agree",
        "How do you feel about school?": "Very happy",
        "Was the annual review on time?": "No",
        "How many weeks did the plan take?": "40 weeks",
        "Sort the cards.": "Going to college: Not sure | Being listened to: Good",
        "Tell us more.": "Moving to college was scary. The new staff were kind.",
    }
    sent = person.send(check)
    assert sent.h1 == "Your answers have been sent"
    app = person.client.application
    with app_session(app) as session:
        response = session.scalar(select(Response))
        assert response.role == "young_person"
        statements = sorted((s.question_id, s.text, s.sentiment_label) for s in response.statements)
    assert statements == [
        ("agree", "I know where to find information. — Agree", "positive"),
        ("cards", "Being listened to — Good", "positive"),
        ("cards", "Going to college — Not sure", "neutral"),
        ("faces", "How do you feel about school? — Very happy", "positive"),
        ("services", "Which services have you used? — Occupational therapy", None),
        ("services", "Which services have you used? — Speech and language therapy", None),
        ("story", "Moving to college was scary.", "negative"),
        ("story", "The new staff were kind.", "positive"),
        ("weeks", "How many weeks did the plan take? — 40 weeks", None),
        ("yes_no", "Was the annual review on time? — No", "negative"),
    ]


def test_faces_are_pictures_with_words_and_real_radios(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/faces")
    tiles = page.soup.select(".coprod-pictures__item")
    assert [t.select_one(".coprod-pictures__text").get_text() for t in tiles] == [
        "Very happy",
        "Happy",
        "Okay",
        "Sad",
        "Very sad",
    ]
    for tile in tiles:
        radio = tile.select_one("input[type=radio][name=answer]")
        label = tile.select_one("label")
        assert label["for"] == radio["id"]
        assert tile.select_one("img")["alt"] == ""  # the words beside it say what it is
    assert (
        page.soup.select_one("fieldset legend h1").get_text(strip=True)
        == "How do you feel about school?"
    )


def test_the_card_sort_has_a_group_of_piles_per_card(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/cards")
    legends = [
        " ".join(f.select_one("legend").get_text().split())
        for f in page.soup.select("main fieldset")
    ]
    assert legends == ["Going to college", "Being listened to"]
    assert page.options("card-college") == ["good", "not_sure", "not_good"]


def test_a_number_page_refuses_words_and_keeps_what_was_typed(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/weeks")
    result = person.submit(page, {"answer": "about forty"})
    assert result.status == 400
    assert result.errors == ["Enter a whole number, like 12"]
    assert result.soup.select_one("input#answer")["value"] == "about forty"
    assert result.soup.select_one(".govuk-input__suffix").get_text(strip=True) == "weeks"


def test_a_required_question_says_so_when_left_empty(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/agree")
    assert "You can leave this question out" not in page.text()
    result = person.submit(page, {})
    assert result.errors == ["Select an answer"]


def test_checkboxes_keep_their_ticks_when_coming_back(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/services")
    person.submit(page, {"answer": ["salt"]})
    again = person.get("/surveys/every-type/questions/services")
    assert again.form_fields()["answer"] == ["salt"]


def test_free_text_shows_its_limit(person: Respondent) -> None:
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/story")
    assert "You can enter up to 200 characters" in page.text()
