"""Choosing a language and a format: ?lang, the browser's Accept-Language, remembered for the
visit, falling back to English; switching mid-survey keeps every answer."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Response
from tests.conftest import Respondent


@pytest.mark.parametrize(
    ("query", "accept", "lang", "direction"),
    [
        ("", "", "en", "ltr"),
        ("?lang=ur", "", "ur", "rtl"),
        ("?lang=ar", "", "ar", "rtl"),
        ("?lang=pa", "", "pa", "ltr"),
        ("", "pl-PL,pl;q=0.9,en;q=0.5", "pl", "ltr"),
        ("", "ro", "ro", "ltr"),
        ("?lang=xx", "de-DE", "en", "ltr"),
        ("?lang=%00%3Cscript%3E", "", "en", "ltr"),
        ("", "zz;q=nonsense, ???", "en", "ltr"),
    ],
)
def test_the_page_language_and_direction(
    respondent: Respondent, query: str, accept: str, lang: str, direction: str
) -> None:
    page = respondent.get(f"/{query}", headers={"Accept-Language": accept} if accept else {})
    assert page.status == 200
    html = page.soup.find("html")
    assert (html["lang"], html["dir"]) == (lang, direction)


def test_the_choice_is_remembered_for_the_visit(respondent: Respondent) -> None:
    respondent.get("/?lang=pl")
    page = respondent.get("/surveys/young-people", headers={"Accept-Language": "ar"})
    assert page.lang == "pl"


def test_every_language_is_offered_in_its_own_script(respondent: Respondent) -> None:
    page = respondent.get("/")
    links = {
        a["lang"]: a.get_text(strip=True) for a in page.soup.select(".coprod-language-bar [lang]")
    }
    assert links == {
        "en": "English",
        "pl": "Polski",
        "pa": "ਪੰਜਾਬੀ",
        "ur": "اردو",
        "ro": "Română",
        "ar": "العربية",
    }


def test_pages_are_translated(respondent: Respondent) -> None:
    page = respondent.get("/surveys/young-people?lang=pl")
    assert page.h1 != "Tell us what you think"
    assert "Start now" not in page.text()


def test_switching_language_and_format_mid_survey_keeps_every_answer(
    app: Flask, respondent: Respondent
) -> None:
    first = respondent.start("young-people")
    respondent.submit(first, {"answer": "13-15"})
    urdu = respondent.get("/surveys/young-people/questions/age_band?lang=ur&format=easy-read")
    assert urdu.lang == "ur"
    assert urdu.form_fields()["answer"] == ["13-15"]
    assert urdu.soup.select_one(".coprod-question__symbol")["alt"]
    respondent.submit(urdu)
    english = respondent.get("/surveys/young-people/check-answers?lang=en&format=standard")
    assert "13 to 15" in english.text()
    respondent.send(english)
    with app_session(app) as session:
        response = session.scalar(select(Response))
    assert (response.language, response.format) == ("ur", "easy-read")


def test_easy_read_shows_simpler_words_and_the_explanation(respondent: Respondent) -> None:
    respondent.start("family-experience")
    standard = respondent.get("/surveys/family-experience/questions/has_ehc_plan?format=standard")
    easy = respondent.get("/surveys/family-experience/questions/has_ehc_plan?format=easy-read")
    assert easy.h1 != standard.h1
    assert "What does this mean?" in easy.text()
    assert "What does this mean?" not in standard.text()


def test_closed_answers_are_stored_in_the_surveys_own_words(
    app: Flask, respondent: Respondent
) -> None:
    check = respondent.answer_all("young-people", {"people_listen": {"answer": "sad"}})
    respondent.client.get("/?lang=ar")
    respondent.send(respondent.get("/surveys/young-people/check-answers"))
    with app_session(app) as session:
        texts = [s.text for s in session.scalar(select(Response)).statements]
    assert texts == ["How do you feel about how grown-ups listen to you? — Sad"]
    assert check.status == 200
