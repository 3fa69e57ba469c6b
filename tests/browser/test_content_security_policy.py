"""With JavaScript on, in a real browser, no page breaks the Content-Security-Policy: every
script, style, picture and chart the pages use is allowed, and nothing is asked of any other
site."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Request
from sqlalchemy.orm import Session

from coprod.services.users import create_user
from tests.browser.conftest import phone_context
from tests.browser.test_session_pages import sign_in
from tests.factories import PASSWORD

RESPONDENT_PAGES = [
    "/surveys/family-experience?lang=ur",
    "/surveys/young-people?format=easy-read",
    "/you-said-we-did?lang=ar",
    "/sign-in",
]
STAFF_PAGES = [
    "/staff/",
    "/staff/review/",
    "/staff/evidence/",
    "/staff/evidence/print",
    "/staff/evidence/responses",
    "/staff/evidence/responses?survey=&period=&format=csv",
    "/staff/actions/",
    "/staff/sessions/new?template=youth-forum",
]


def test_no_page_breaks_the_policy_or_reaches_another_site(
    browser: Browser, base_url: str, engine: Any
) -> None:
    with Session(engine) as session:
        create_user(session, "csp@example.org", "Analyst", "analyst", PASSWORD)
    context = phone_context(browser, javascript=True)
    page = context.new_page()
    broken: list[str] = []
    elsewhere: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            broken.append(f"{page.url}: {message.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith((base_url, "data:")):
            elsewhere.append(request.url)

    page.on("console", on_console)
    page.on("request", on_request)
    try:
        for address in RESPONDENT_PAGES:
            page.goto(f"{base_url}{address}", wait_until="load")
        page.goto(f"{base_url}/surveys/family-experience")
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state("load")  # a question page: Listen, character counts
        sign_in(page, base_url, "csp@example.org")
        for address in STAFF_PAGES:
            page.goto(f"{base_url}{address}", wait_until="load")
    finally:
        context.close()
    assert broken == []
    assert elsewhere == []
