"""Both shipped surveys answered in every language, standard and easy read, on a phone, with
JavaScript on and off: zero serious or critical axe violations, the right lang and dir on every
page, and the response records the language and format it was answered in.

Every language is answered in each format with JavaScript on and with it off, one survey taking
each pair (the family survey easy read with JavaScript, the young people's without), so every
combination is seen in half the runs of trying them all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select
from sqlalchemy.engine import Engine

from coprod.languages import LANGUAGES
from coprod.models import Response
from tests.browser.conftest import phone_context, serious_violations

SURVEYS = ["family-experience", "young-people"]
#: Something a person might write, in each language.
WRITTEN = {
    "en": "The wait was too long, but school helped 😊",
    "pl": "Czekaliśmy za długo, ale szkoła pomogła.",
    "pa": "ਉਡੀਕ ਬਹੁਤ ਲੰਮੀ ਸੀ, ਪਰ ਸਕੂਲ ਨੇ ਮਦਦ ਕੀਤੀ।",
    "ur": "انتظار بہت لمبا تھا، لیکن اسکول نے مدد کی۔",
    "ro": "Am așteptat prea mult, dar școala ne-a ajutat.",
    "ar": "كان الانتظار طويلاً جدًا، لكن المدرسة ساعدت.",
}


def check_language(page: Page, language: str) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == language, page.url
    assert html.get_attribute("dir") == ("rtl" if LANGUAGES[language].right_to_left else "ltr")


def answer(page: Page, language: str) -> None:
    """Fill whatever the question page shows, as a person would, by touch."""
    for group in page.locator(".coprod-pictures").all():
        group.locator("input").nth(1).click()  # the radio lies over its picture
    radios = page.locator(".govuk-radios__item label")
    if radios.count():
        radios.first.click()
    checkboxes = page.locator(".govuk-checkboxes__item label")
    if checkboxes.count():
        checkboxes.first.click()
    for box in page.locator("main textarea").all():
        box.fill(WRITTEN[language])


def press_main_button(page: Page) -> None:
    page.locator("main form button.govuk-button:not(.govuk-button--secondary)").first.click()


#: (survey, format, JavaScript on): each format with and without JavaScript across the surveys.
WAYS = [
    (slug, page_format, (page_format == "easy-read") == (slug == SURVEYS[0]))
    for slug in SURVEYS
    for page_format in ("standard", "easy-read")
]


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(
    ("slug", "page_format", "javascript"),
    WAYS,
    ids=[f"{slug}-{fmt}-{'js' if js else 'no-js'}" for slug, fmt, js in WAYS],
)
def test_answer_a_whole_survey(
    browser: Browser,
    base_url: str,
    engine: Engine,
    slug: str,
    language: str,
    page_format: str,
    javascript: bool,
) -> None:
    context = phone_context(browser, javascript)
    auditor_context = None if javascript else phone_context(browser, javascript=True)
    auditor = auditor_context.new_page() if auditor_context else None
    page = context.new_page()
    violations: list[str] = []
    try:
        page.goto(f"{base_url}/surveys/{slug}?lang={language}&format={page_format}")
        check_language(page, language)
        violations += serious_violations(page, auditor)
        press_main_button(page)
        if page.url.endswith("/before-you-start"):
            check_language(page, language)
            violations += serious_violations(page, auditor)
            page.locator("main a.govuk-button--start").click()
        audited: set[str | None] = set()
        for _ in range(40):
            if page.url.endswith("/grown-up"):  # the first age band is under 13
                check_language(page, language)
                violations += serious_violations(page, auditor)
                page.locator(".govuk-radios__item label").nth(1).click()  # a grown-up helps
                press_main_button(page)
                continue
            if "/questions/" not in page.url:
                break
            check_language(page, language)
            kind = page.locator("[data-question-type]").get_attribute("data-question-type")
            # With JavaScript on every page is audited; with it off, each kind of page once.
            if javascript or kind not in audited:
                violations += serious_violations(page, auditor)
                audited.add(kind)
            answer(page, language)
            press_main_button(page)
        assert page.url.endswith("/check-answers"), page.url
        check_language(page, language)
        violations += serious_violations(page, auditor)
        press_main_button(page)
        assert page.url.endswith("/sent")
        check_language(page, language)
        violations += serious_violations(page, auditor)
        reference = page.locator("[data-reference]").inner_text().replace("-", "")
        assert re.fullmatch(r"[A-Z2-9]{8}", reference)
    finally:
        context.close()
        if auditor_context:
            auditor_context.close()
    assert violations == []
    with engine.connect() as connection:
        stored = connection.execute(
            select(Response.language, Response.format).where(Response.reference == reference)
        ).one()
    assert tuple(stored) == (language, page_format)
