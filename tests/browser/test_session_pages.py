"""A facilitator records a session in a phone-sized browser, by keyboard, with JavaScript on or
off, in English and Urdu: every session page passes the audit and fits the screen."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import Session

from coprod.services.users import create_user
from tests.browser.conftest import PHONE, phone_context, serious_violations
from tests.factories import PASSWORD


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {PHONE['width']}"))


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_record_a_session_by_keyboard_on_a_phone(
    browser: Browser, base_url: str, engine: Any, language: str, javascript: bool
) -> None:
    with Session(engine) as session:
        create_user(
            session, f"f-{language}-{javascript}@example.org", "Fac", "facilitator", PASSWORD
        )
    context = phone_context(browser, javascript)
    page = context.new_page()
    auditor = None if javascript else phone_context(browser, True).new_page()
    problems: list[str] = []
    try:
        sign_in(page, base_url, f"f-{language}-{javascript}@example.org")
        page.goto(f"{base_url}/staff/sessions/new?template=youth-forum&lang={language}")
        problems += serious_violations(page, auditor)
        page.fill("#group_name", "Youth voice group")
        page.fill("#held_on-day", "12")
        page.fill("#held_on-month", "3")
        page.fill("#held_on-year", "2026")
        page.check("input[name='mode'][value='in_person']")
        page.check("#consent_recorded")
        page.check("#parental_consent_recorded")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/attendance")
        problems += serious_violations(page, auditor)
        page.fill("#young_person_11_12", "4")
        page.fill("#young_person_13_15", "7")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        session_url = page.url.split("?")[0]

        page.goto(f"{session_url}/contributions")
        for number, words in enumerate(("Nobody asked me about my plan.", "Lunch is too loud."), 1):
            if number == 1:
                page.focus("#text")
            # After each save the cursor is back in the text box, ready for the next one.
            page.wait_for_function("document.activeElement && document.activeElement.id === 'text'")
            page.keyboard.type(words)
            page.focus("main form button[type=submit]")
            page.keyboard.press("Enter")
            page.wait_for_url(f"**/contributions?added={number}*")
        listed = page.locator(".coprod-contributions").inner_text()
        assert "Nobody asked me about my plan." in listed and "Lunch is too loud." in listed
        problems += serious_violations(page, auditor)
        assert fits_the_screen(page), page.url

        for path in (
            "",
            "/tallies/new?options=faces&suggestion=0",
            "/card-sort",
            "/actions",
            "/import",
            "/shared-device",
        ):
            page.goto(f"{session_url}{path}")
            problems += serious_violations(page, auditor)
            assert fits_the_screen(page), page.url
        page.goto(f"{base_url}/staff/sessions/record-sheet?template=parent-carer-forum")
        problems += serious_violations(page, auditor)
    finally:
        context.close()
        if auditor is not None:
            auditor.context.close()
    assert problems == []
