"""A board pack's job page in a phone-sized browser with JavaScript off: it reloads itself until
the pack is ready, then offers the file; every state passes the audit and fits the screen."""

from __future__ import annotations

import re
from typing import Any

import docx
from playwright.sync_api import Browser
from sqlalchemy.orm import Session

from coprod.models import Job, utcnow
from coprod.services.users import create_user
from tests.browser.conftest import phone_context, serious_violations
from tests.browser.test_session_pages import fits_the_screen, sign_in
from tests.factories import PASSWORD


def test_the_board_pack_arrives_without_javascript(
    browser: Browser, base_url: str, engine: Any
) -> None:
    with Session(engine) as session:
        create_user(session, "pack@example.org", "Pat", "analyst", PASSWORD)
    page = phone_context(browser, False).new_page()
    auditor = phone_context(browser, True).new_page()
    sign_in(page, base_url, "pack@example.org")
    page.goto(f"{base_url}/staff/evidence/")
    page.locator("form[data-board-pack] button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/staff/jobs/\d+$"))
    page.wait_for_selector("[data-job-status=done]", timeout=90_000)
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert serious_violations(page, auditor) == []
    assert fits_the_screen(page)
    with page.expect_download() as download:
        page.locator("a[data-job-download]").click()
    pack = docx.Document(str(download.value.path()))
    assert pack.paragraphs[0].text.startswith("Co-production evidence")


def test_a_running_job_can_stop_updating_itself_and_passes_the_audit(
    browser: Browser, base_url: str, engine: Any
) -> None:
    with Session(engine) as session:
        person = create_user(session, "waiting@example.org", "Wan", "analyst", PASSWORD)
        job = Job(
            kind="board_pack",
            params={"framework": "default", "period": "2026-07"},
            status="running",
            done=3,
            total=10,
            message="Writing Education, Health and Care plans",
            language="en",
            created_by=person.id,
            heartbeat_at=utcnow(),
        )
        session.add(job)
        session.commit()
        job_id = job.id
    page = phone_context(browser, True).new_page()
    sign_in(page, base_url, "waiting@example.org")
    page.goto(f"{base_url}/staff/jobs/{job_id}")
    assert page.locator("meta[http-equiv=refresh]").get_attribute("content") == "2"
    page.get_by_role("link", name="Stop it updating itself").click()
    page.wait_for_url(re.compile(r".*\?refresh=off$"))
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert page.locator("progress").get_attribute("value") == "3"
    assert "30% done: 3 of 10 steps." in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)
