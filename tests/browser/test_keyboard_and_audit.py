"""Faces and card sorts can be answered with a keyboard alone; and the audit really finds faults."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import phone_context, serious_violations


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_faces_and_card_sort_by_keyboard_alone(
    browser: Browser, base_url: str, language: str, javascript: bool
) -> None:
    context = phone_context(browser, javascript)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/surveys/young-people?lang={language}")
        tab_to(page, "button.govuk-button--start")
        page.keyboard.press("Enter")
        page.wait_for_url("**/before-you-start")
        tab_to(page, "main a.govuk-button--start")
        page.keyboard.press("Enter")
        page.wait_for_url("**/questions/age_band")
        page.goto(f"{base_url}/surveys/young-people/questions/feel_at_school")

        tab_to(page, ".coprod-pictures__input")
        page.keyboard.press("ArrowDown")  # moves to, and chooses, the second face
        assert page.locator(".coprod-pictures__input:checked").get_attribute("value") == "happy"
        tab_to(page, "main form button.govuk-button:not(.govuk-button--secondary)")
        page.keyboard.press("Enter")
        page.wait_for_url("**/questions/people_listen")

        page.goto(f"{base_url}/surveys/young-people/questions/cards")
        for card in range(3):
            tab_to(page, f".coprod-card:nth-of-type({card + 1}) .coprod-pictures__input")
            page.keyboard.press("Space")  # chooses the focused pile: good
        tab_to(page, "main form button.govuk-button:not(.govuk-button--secondary)")
        page.keyboard.press("Enter")
        page.wait_for_url("**/questions/future")

        page.goto(f"{base_url}/surveys/young-people/check-answers?lang=en")
        summary = page.locator(".govuk-summary-list").inner_text()
    finally:
        context.close()
    for answered in (
        "Happy",
        "Help in class: Good",
        "My plan: Good",
        "Doctors, nurses and therapists: Good",
    ):
        assert answered in summary


def test_the_audit_finds_serious_faults(browser: Browser) -> None:
    context = phone_context(browser, javascript=True)
    page = context.new_page()
    page.set_content('<html><body><main><img src="x.png"><button></button></main></body></html>')
    found = " ".join(serious_violations(page))
    context.close()
    assert "image-alt" in found and "button-name" in found


@pytest.mark.parametrize("question", ["feel_at_school", "cards"])
def test_picture_answers_are_at_least_44_pixels(
    browser: Browser, base_url: str, question: str
) -> None:
    context = phone_context(browser, javascript=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/surveys/young-people?format=easy-read")
        page.locator("button.govuk-button--start").click()
        page.goto(f"{base_url}/surveys/young-people/questions/{question}")
        sizes = [label.bounding_box() for label in page.locator(".coprod-pictures__label").all()]
    finally:
        context.close()
    assert sizes and all(s is not None and s["width"] >= 44 and s["height"] >= 44 for s in sizes)
