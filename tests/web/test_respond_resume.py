"""Save and come back later: by link or by short code, on this device or another."""

from __future__ import annotations

import re

from flask import Flask

from tests.conftest import Respondent


def save_part_way(respondent: Respondent) -> tuple[str, str]:
    """Answer two pages, press Save and come back later; return the code and link shown."""
    first = respondent.start("family-experience")
    second = respondent.submit(first, {"answer": "parent_carer"})
    saved = respondent.submit(second, {"answer": "5-10"}, button="save_and_exit")
    assert saved.h1 == "Your answers are saved"
    code = saved.soup.select_one("[data-resume-code]").get_text(strip=True)
    link = saved.soup.select_one(".coprod-link a")["href"]
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    return code, link


def test_resume_with_the_code_on_another_device(app: Flask, respondent: Respondent) -> None:
    code, _link = save_part_way(respondent)
    other_device = Respondent(app.test_client())
    form = other_device.get("/resume")
    page = other_device.submit(form, {"code": code.lower().replace("-", " ")})
    assert (
        page.h1 == "When my child first started to struggle, someone noticed and took it seriously."
    )
    back = other_device.get("/surveys/family-experience/questions/child_age")
    assert back.form_fields()["answer"] == ["5-10"]


def test_resume_with_the_link(app: Flask, respondent: Respondent) -> None:
    _code, link = save_part_way(respondent)
    other_device = Respondent(app.test_client())
    page = other_device.get(link.replace("http://localhost", ""), follow_redirects=True)
    assert "/questions/noticed_early" in page.response.request.path


def test_an_unknown_code_gets_a_clear_message(respondent: Respondent) -> None:
    page = respondent.submit(respondent.get("/resume"), {"code": "ZZZZ-ZZZZ"})
    assert page.status == 400
    assert page.errors == [
        "We could not find answers with that code. Check it and try again: codes stop working "
        "90 days after the last answer was saved."
    ]


def test_an_empty_code_is_asked_for(respondent: Respondent) -> None:
    page = respondent.submit(respondent.get("/resume"), {"code": "   "})
    assert page.errors == ["Enter the code you were given"]


def test_an_old_link_says_so_and_offers_the_code(respondent: Respondent) -> None:
    page = respondent.get("/resume/not-a-real-secret")
    assert page.status == 404
    assert "That link does not work any more" in page.text()


def test_coming_back_on_the_same_device_offers_to_continue(respondent: Respondent) -> None:
    save_part_way(respondent)
    start = respondent.get("/surveys/family-experience")
    buttons = [b.get_text(strip=True) for b in start.main_form().select("button")]
    assert buttons == ["Continue where you left off", "Start again"]
    page = respondent.submit(start)
    assert "/questions/noticed_early" in page.response.request.path


def test_a_page_without_a_draft_sends_people_to_the_start(respondent: Respondent) -> None:
    page = respondent.get("/surveys/young-people/questions/whats_good", follow_redirects=True)
    assert page.h1 == "Tell us what you think"
    assert "We could not find your answers on this device" in page.text()
