"""A job's page: its progress bar and step in words while it runs, refreshing itself without
JavaScript; then its file, or why it stopped in plain words (never a 500); only for the person
who started it, or an admin."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.jobs import enqueue
from coprod.models import Job, User, utcnow
from tests.conftest import Respondent
from tests.job_pages import follow_job, refreshes
from tests.jobs import kinds
from tests.staff import signed_in


def user_id(app: Flask, email: str) -> int:
    with app_session(app) as session:
        found = session.scalar(select(User.id).where(User.email == email))
        assert found is not None
        return found


def start(app: Flask, email: str, kind: str, **params: object) -> str:
    """Start a job for the person with this email; return its page's address."""
    with app.test_request_context():
        job_id = enqueue(kind, params, user_id=user_id(app, email))
    return f"/staff/jobs/{job_id}"


def test_the_page_shows_progress_in_a_bar_and_in_words_then_the_file(app: Flask) -> None:
    lead = signed_in(app, "analyst")
    address = start(app, "analyst@example.org", "test_counting", steps=4, pause=0.6)
    finished, seen = follow_job(lead, lead.get(address), pause=0.3)
    running = [page for page in seen if page.soup.select_one("[data-job-status=running]")]
    assert running, "the job was never seen running"
    for page in running:
        assert page.soup.select_one("meta[http-equiv=refresh]")["content"] == "2"
        bar = page.soup.select_one("main progress")
        assert bar is not None
        words = page.soup.select_one("[data-job-progress]").get_text()
        if bar.has_attr("value"):
            done, total = int(bar["value"]), int(bar["max"])
            assert f"{done * 100 // total}% done: {done} of {total} steps." in words
            assert bar.get_text() == f"{done * 100 // total}%"
    assert finished.h1 == "Counting"
    assert finished.soup.select_one("[data-job-status=done]") is not None
    assert "Counted to 4." in finished.text()
    link = finished.soup.select_one("a[data-job-download]")
    assert link is not None and link.get_text(strip=True) == "Download counted.txt"
    download = lead.client.get(str(link["href"]))
    assert download.status_code == 200 and download.data == b"counted to 4\n"


def test_a_job_that_refuses_shows_its_plain_message_and_a_way_back(app: Flask) -> None:
    lead = signed_in(app, "analyst")
    address = start(app, "analyst@example.org", "test_refusing", reason="The file has no rows.")
    page, _seen = follow_job(lead, lead.get(address))
    assert page.status == 200 and not refreshes(page)
    assert page.soup.select_one("[data-job-error]").get_text(strip=True) == "The file has no rows."
    assert page.soup.select_one("a[data-job-back]")["href"] == "/staff/jobs/"
    assert lead.client.get(f"{address}/download").status_code == 404


def test_a_job_that_breaks_says_so_plainly_and_logs_the_details(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    lead = signed_in(app, "analyst")
    with caplog.at_level(logging.ERROR):
        page, _seen = follow_job(lead, lead.get(start(app, "analyst@example.org", "test_breaking")))
    assert page.status == 200
    error = page.soup.select_one("[data-job-error]").get_text(strip=True)
    assert error.startswith("Something went wrong and this was not finished.")
    assert kinds.BUG not in page.text()
    logged = [r for r in caplog.records if r.exc_info and kinds.BUG in str(r.exc_info[1])]
    assert logged, "the traceback did not reach the server log"


@pytest.mark.parametrize(
    ("status", "age", "heartbeat"),
    [
        ("running", timedelta(minutes=20), timedelta(minutes=10)),  # its worker died
        ("queued", timedelta(hours=7), None),  # no worker ever took it
    ],
)
def test_a_job_nobody_is_running_is_shown_as_stopped(
    app: Flask, status: str, age: timedelta, heartbeat: timedelta | None
) -> None:
    lead = signed_in(app, "analyst")
    now = utcnow()
    with app_session(app) as session:
        job = Job(
            kind="test_counting",
            params={"steps": 3},
            status=status,
            done=1,
            total=3,
            language="en",
            created_by=user_id(app, "analyst@example.org"),
            created_at=now - age,
            heartbeat_at=now - heartbeat if heartbeat else None,
        )
        session.add(job)
        session.commit()
    page = lead.get(f"/staff/jobs/{job.id}")
    assert page.status == 200 and not refreshes(page)
    assert "stopped unexpectedly before it finished. Please start it again." in page.text()
    listed = lead.get("/staff/jobs/")
    assert "Not finished" in listed.text()


def test_only_the_person_who_started_it_or_an_admin_sees_a_job(app: Flask) -> None:
    lead = signed_in(app, "analyst")
    colleague = signed_in(app, "analyst", email="colleague@example.org")
    admin = signed_in(app, "admin")
    address = start(app, "analyst@example.org", "test_counting", steps=1)
    follow_job(lead, lead.get(address))
    assert colleague.client.get(address).status_code == 404
    assert colleague.client.get(f"{address}/download").status_code == 404
    assert "Counting" not in colleague.get("/staff/jobs/").text()
    assert admin.get(address).status == 200
    assert admin.client.get(f"{address}/download").status_code == 200
    assert "Counting" in lead.get("/staff/jobs/").text()
    assert Respondent(app.test_client()).client.get(address).status_code == 302
