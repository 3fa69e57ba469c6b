"""Urdu and Arabic pages are mirrored: radios, back link, errors, faces, card piles, progress."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import phone_context


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def style(page: Page, selector: str, prop: str) -> str:
    return str(page.locator(selector).first.evaluate(f"(e) => getComputedStyle(e).{prop}"))


@pytest.mark.parametrize(("language", "rtl"), [("ur", True), ("ar", True), ("en", False)])
def test_pages_are_mirrored_in_right_to_left_languages(
    browser: Browser, base_url: str, language: str, rtl: bool
) -> None:
    context = phone_context(browser, javascript=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/surveys/young-people?lang={language}")
        with page.expect_navigation():
            page.locator("button.govuk-button--start").click()
        # Past the screen before question 1; measured once the page and its styles have loaded.
        with page.expect_navigation():
            page.locator("main a.govuk-button--start").click()
        # Radios: the control sits on the reading side of its words.
        radio, label = box(page, ".govuk-radios__input"), box(page, ".govuk-radios__label")
        assert (radio["x"] > label["x"]) is rtl
        # The back link's arrow and padding are on the reading side.
        assert (style(page, ".govuk-back-link", "paddingRight") != "0px") is rtl
        # An error puts its red bar on the reading side.
        page.goto(f"{base_url}/surveys/young-people/questions/feel_at_school")
        page.evaluate("document.querySelector('input[name=answer]').value = 'tampered'")
        page.locator("input[name=answer]").first.check()
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").first.click()
        group = ".govuk-form-group--error"
        page.locator(group).first.wait_for()  # the error page has arrived…
        page.wait_for_load_state("load")  # …and its styles are applied before they are measured
        assert (style(page, group, "borderRightWidth") == "5px") is rtl
        assert (style(page, group, "borderLeftWidth") == "5px") is not rtl
        assert style(page, ".govuk-error-summary", "direction") == ("rtl" if rtl else "ltr")
        # Faces run from the reading side: "very happy" first.
        first, second = (
            box(page, ".coprod-pictures__item:nth-child(1)"),
            box(page, ".coprod-pictures__item:nth-child(2)"),
        )
        assert (first["x"] > second["x"]) is rtl
        # The progress bar fills from the reading side.
        assert style(page, "progress", "direction") == ("rtl" if rtl else "ltr")
        # Card piles: "good" first from the reading side.
        page.goto(f"{base_url}/surveys/young-people/questions/cards")
        good, not_sure = (
            box(page, ".coprod-card .coprod-pictures__item:nth-child(1)"),
            box(page, ".coprod-card .coprod-pictures__item:nth-child(2)"),
        )
        assert (good["x"] > not_sure["x"]) is rtl
        # Nothing spills sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
