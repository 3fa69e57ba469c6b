"""An analyst reviews statements and the safeguarding lead reads an alert in a phone-sized
browser, in English and Urdu: every page passes the audit and fits the screen, and a statement
is accepted and corrected by keyboard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Browser
from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.models import SafeguardingAlert, Statement
from coprod.services.statement_analysis import store_analysed
from coprod.services.users import create_user
from tests.browser.conftest import phone_context, serious_violations
from tests.browser.test_session_pages import fits_the_screen, sign_in
from tests.factories import PASSWORD

SAID = (
    "The EHCP arrived months after the deadline and nobody explained why.",
    "It was fine I suppose",
    "I dont feel safe at home because of my mums boyfriend",
)


def statements(engine: Any, marker: str) -> list[int]:
    rows = [
        {
            "source": "survey",
            "kind": "free_text",
            "role": "young_person",
            "age_band": "13-15",
            "language": "en",
            "said_at": datetime(2026, 10, 1, 12, tzinfo=UTC),
            "text": f"{text} ({marker})",
            "weight": 1,
        }
        for text in SAID
    ]
    with Session(engine) as session:
        store_analysed(session.connection(), "default", rows, [[]] * len(rows))
        session.commit()
        return list(
            session.scalars(
                select(Statement.id)
                .where(Statement.text.endswith(f"({marker})"))
                .order_by(Statement.id)
            )
        )


@pytest.mark.parametrize("language", ["en", "ur"])
def test_review_and_acknowledge_on_a_phone(
    browser: Browser, base_url: str, engine: Any, language: str
) -> None:
    email = f"analyst-{language}@example.org"
    with Session(engine) as session:
        create_user(session, email, "Ana", "analyst", PASSWORD)
    ehcp, unclear, _unsafe = statements(engine, f"browser {language}")
    page = phone_context(browser, True).new_page()
    problems: list[str] = []
    sign_in(page, base_url, email)

    page.goto(f"{base_url}/staff/review/?lang={language}&status=to_review")
    problems += serious_violations(page)
    assert fits_the_screen(page), page.url
    accept = page.locator(f"[data-statement='{unclear}'] form.coprod-accept button")
    accept.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.locator(f"[data-statement='{unclear}']").count() == 0

    page.goto(f"{base_url}/staff/review/statements/{ehcp}?lang={language}")
    problems += serious_violations(page)
    assert fits_the_screen(page), page.url
    page.check("input[name='areas'][value='local_offer']")
    page.check("input[name='sentiment'][value='negative']")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-notification-banner--success")

    page.goto(f"{base_url}/staff/safeguarding/?lang={language}")
    problems += serious_violations(page)
    assert fits_the_screen(page), page.url
    with Session(engine) as session:
        alert_id = session.scalars(
            select(SafeguardingAlert.id).where(
                SafeguardingAlert.text.contains(f"browser {language}")
            )
        ).one()
    page.goto(f"{base_url}/staff/safeguarding/{alert_id}?lang={language}")
    problems += serious_violations(page)
    assert fits_the_screen(page), page.url
    page.fill("#note", "Passed to the front door")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert problems == []
    with Session(engine) as session:
        done = session.get(SafeguardingAlert, alert_id)
        assert done is not None and done.note == "Passed to the front door"
        reviewed = session.get(Statement, ehcp)
        assert reviewed is not None and reviewed.sentiment_label == "negative"
