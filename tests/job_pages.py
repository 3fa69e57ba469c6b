"""Following a job's page as a browser would: reload it while it asks to be refreshed."""

from __future__ import annotations

import time

from tests.conftest import Respondent
from tests.pages import Page

#: Seconds a job in the tests may take.
JOB_TIMEOUT = 120.0


def refreshes(page: Page) -> bool:
    """Whether the page asks the browser to load it again."""
    return page.soup.select_one("meta[http-equiv=refresh]") is not None


def follow_job(person: Respondent, page: Page, pause: float = 0.1) -> tuple[Page, list[Page]]:
    """Reload the job's page while it refreshes itself; return its last state and every page
    seen on the way."""
    seen = [page]
    deadline = time.monotonic() + JOB_TIMEOUT
    while refreshes(page):
        assert time.monotonic() < deadline, f"the job never ended: {page.text()}"
        time.sleep(pause)
        page = person.get(page.response.request.path)
        assert page.status == 200, page.status
        seen.append(page)
    return page, seen


def start_board_pack(person: Respondent, dashboard: Page) -> Page:
    """Press "Download the board pack" on the evidence page; return the job's page."""
    form = dashboard.soup.select_one("form[data-board-pack]")
    assert form is not None, "the evidence page has no board pack button"
    response = person.client.post(str(form["action"]), data=dashboard.form_fields(form))
    assert response.status_code == 303, response.status_code
    return person.get(response.headers["Location"])
