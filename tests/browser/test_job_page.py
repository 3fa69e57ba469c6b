"""A board pack's job page in a phone-sized browser: without JavaScript it reloads itself until
the pack is ready, with JavaScript its progress moves in place; then it offers the file. Every
state passes the audit and fits the screen."""

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
from tests.factories import PASSWORD, board_pack_job


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


def _running_job(engine: Any, email: str) -> int:
    with Session(engine) as session:
        person = create_user(session, email, "Wan", "analyst", PASSWORD)
        job = board_pack_job(
            status="running",
            done=3,
            total=10,
            message="Writing Education, Health and Care plans",
            created_by=person.id,
            heartbeat_at=utcnow(),
        )
        session.add(job)
        session.commit()
        return job.id


def _advance(engine: Any, job_id: int, **changes: Any) -> None:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        assert job is not None
        for name, value in changes.items():
            setattr(job, name, value)
        job.heartbeat_at = utcnow()
        session.commit()


def test_with_javascript_the_progress_moves_in_place_until_the_file_is_ready(
    browser: Browser, base_url: str, engine: Any
) -> None:
    job_id = _running_job(engine, "following@example.org")
    page = phone_context(browser, True).new_page()
    sign_in(page, base_url, "following@example.org")
    page.goto(f"{base_url}/staff/jobs/{job_id}")
    page.evaluate("window.__samePage = true")  # gone if the page were reloaded
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert serious_violations(page) == []  # no refresh under the reader while it runs
    _advance(engine, job_id, done=7, message="Writing Transitions")
    page.get_by_text("70% done: 7 of 10 steps.").wait_for(timeout=10_000)
    assert page.locator("progress").get_attribute("value") == "7"
    assert "Writing Transitions" in page.locator("main").inner_text()
    _advance(
        engine,
        job_id,
        status="done",
        done=10,
        result={"data": {"summary": "The board pack for July 2026."}},
        result_file=b"not really a document",
        result_filename="board-pack.docx",
        result_mimetype="application/octet-stream",
    )
    page.locator("a[data-job-download]").wait_for(timeout=10_000)
    assert page.evaluate("window.__samePage") is True
    assert "Ready" in page.locator("[data-job-announce]").inner_text()
    assert "updates itself" not in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)


def test_a_running_job_can_stop_updating_itself_and_passes_the_audit(
    browser: Browser, base_url: str, engine: Any
) -> None:
    job_id = _running_job(engine, "waiting@example.org")
    page = phone_context(browser, False).new_page()
    sign_in(page, base_url, "waiting@example.org")
    page.goto(f"{base_url}/staff/jobs/{job_id}")
    # Without JavaScript the page reloads itself every 2 seconds, until told not to.
    assert page.locator("noscript meta[http-equiv=refresh]").get_attribute("content") == "2"
    page.get_by_role("link", name="Stop it updating itself").click()
    page.wait_for_url(re.compile(r".*\?refresh=off$"))
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert page.locator("progress").get_attribute("value") == "3"
    assert "30% done: 3 of 10 steps." in page.locator("main").inner_text()
    assert serious_violations(page, phone_context(browser, True).new_page()) == []
    assert fits_the_screen(page)
