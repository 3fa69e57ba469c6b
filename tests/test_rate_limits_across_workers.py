"""With a shared store, the rate limits hold across gunicorn's workers: a guesser spread over
four processes is stopped after exactly the allowed number of tries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from tests.live_server import live_server
from tests.redis_server import redis_server

pytestmark = pytest.mark.server

ALLOWED = 6


def guess(session: requests.Session, base_url: str) -> int:
    """Open the code form, send a wrong code, and return the status of the answer."""
    form = session.get(f"{base_url}/resume", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    assert token, "the code form has no CSRF token"
    answer = session.post(
        f"{base_url}/resume", data={"csrf_token": token[1], "code": "ZZZZ-ZZZZ"}, timeout=10
    )
    return answer.status_code


def test_code_guessing_is_limited_across_all_workers(tmp_path: Path) -> None:
    with (
        redis_server(tmp_path / "redis") as redis_url,
        live_server(
            tmp_path / "instance",
            workers=4,
            settings={
                "COPROD_RATELIMIT_STORAGE_URI": redis_url,
                "COPROD_RATE_LIMIT_CODES": f"{ALLOWED} per minute",
            },
        ) as base_url,
    ):
        statuses = []
        for _ in range(3 * ALLOWED):
            with requests.Session() as session:  # a fresh cookie each time, as a script would
                statuses.append(guess(session, base_url))
    assert statuses == [400] * ALLOWED + [429] * (2 * ALLOWED)
