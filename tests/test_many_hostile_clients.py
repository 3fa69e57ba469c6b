"""Many respondents at once, under gunicorn with several workers on SQLite: hostile input, no
JavaScript, double clicks. Nothing fails with a 5xx, and every sent survey is stored exactly once."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.live_server import UNLIMITED, coprod_command, gunicorn_log, live_server, server_env
from tests.naive_client import NaiveRespondent, RespondentResult

pytestmark = pytest.mark.server

SLUGS = ("family-experience", "young-people")
CLIENTS = 60


@dataclass(frozen=True)
class Server:
    """The app under gunicorn, and where its data lives."""

    base_url: str
    instance: Path

    def stats(self) -> dict[str, int]:
        """What `coprod stats` says, run as its own process on the same instance."""
        counts: dict[str, int] = json.loads(coprod_command(["stats"], server_env(self.instance)))
        return counts

    def stored_references(self) -> dict[str, int]:
        """How many responses each stored reference has, read straight from the database."""
        database = self.instance / "coprod.sqlite"
        with closing(sqlite3.connect(database, timeout=30)) as connection:
            rows = connection.execute(
                "SELECT reference, count(*) FROM responses GROUP BY reference"
            ).fetchall()
        return {str(reference): int(count) for reference, count in rows}

    def log(self) -> str:
        """The end of gunicorn's log, for failure messages."""
        return gunicorn_log(self.instance).read_text(encoding="utf-8", errors="replace")[-6000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with 4 workers on a fresh SQLite database, shared by this module's tests. Its
    rate limits are off: all the clients come from one loopback address, faster than any class."""
    instance = tmp_path_factory.mktemp("hostile-instance")
    with live_server(instance, workers=4, settings=UNLIMITED) as base_url:
        yield Server(base_url, instance)


def stored_form(reference: str) -> str:
    """A reference as the database keeps it: ``HGX9-MQ2Y`` is stored as ``HGX9MQ2Y``."""
    return reference.replace("-", "")


def respond(base_url: str, number: int) -> RespondentResult:
    """One hostile respondent's whole visit; even numbers answer the family survey."""
    with NaiveRespondent(base_url, seed=number, slug=SLUGS[number % len(SLUGS)]) as client:
        return client.run()


def test_sixty_hostile_clients_each_store_exactly_one_response(server: Server) -> None:
    before = server.stats()["responses"]
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda n: respond(server.base_url, n), range(CLIENTS)))

    server_errors = [(r.slug, r.statuses) for r in results if any(s >= 500 for s in r.statuses)]
    assert not server_errors, f"{server_errors}\n{server.log()}"
    stopped = [(r.slug, r.stopped) for r in results if r.reference is None]
    assert not stopped, f"{stopped}\n{server.log()}"
    unescaped = [page for r in results for page in r.unescaped]
    assert not unescaped, f"injected markup came back live: {unescaped}"

    references = [stored_form(r.reference) for r in results if r.reference]
    assert len(set(references)) == CLIENTS
    assert server.stats()["responses"] - before == CLIENTS
    stored = server.stored_references()
    assert {reference: stored.get(reference) for reference in references} == dict.fromkeys(
        references, 1
    )


def test_pressing_send_twice_at_once_and_again_after_refresh_stores_one_response(
    server: Server,
) -> None:
    before = server.stats()["responses"]
    with NaiveRespondent(server.base_url, seed=1000, slug="young-people", hostile=False) as client:
        send_form = client.answer_all()
        both_pressed = threading.Barrier(2, timeout=30)

        def press_send() -> int:
            # One browser, two presses: the same cookies on two connections.
            with requests.Session() as twin:
                twin.cookies.update(client.session.cookies)
                both_pressed.wait()
                with twin.post(
                    send_form.url, data=send_form.data, allow_redirects=False, timeout=30
                ) as response:
                    return response.status_code

        with ThreadPoolExecutor(max_workers=2) as pool:
            statuses = list(pool.map(lambda _: press_send(), range(2)))
        assert statuses == [302, 302], server.log()

        shown = client.reference_at(f"{server.base_url}/surveys/young-people/sent")
        assert shown is not None
        assert client.send(send_form) == shown  # back, and Send my answers once more
        assert client.reference_at(f"{server.base_url}/surveys/young-people/sent") == shown
        assert all(status < 500 for status in client.statuses), client.statuses

    assert server.stats()["responses"] - before == 1
    assert server.stored_references().get(stored_form(shown)) == 1
