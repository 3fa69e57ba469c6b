"""Final-submit throughput and p95 latency: coprod under gunicorn on SQLite, against a bare Flask +
SQLAlchemy insert endpoint (bench/baseline_app.py) served the same way in the same run.

Only the final POSTs are timed, after a few untimed ones warm every worker. coprod's drafts are
answered beforehand over HTTP by careful respondents, each keeping its session and filled send form.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.live_server import UNLIMITED, live_server
from tests.naive_client import NaiveRespondent, Submission

REQUESTS = 400
#: Untimed submits first, so that no worker's first request (imports, connections) is timed.
WARM_UP = 16
WORKERS = 4
CONCURRENCY = 16
SLUGS = ("family-experience", "young-people")
BASELINE_APP = "bench.baseline_app:create_app()"
#: The goal: coprod sends at least half as fast as a bare insert.
GOAL_RATIO = 0.5


@dataclass(frozen=True)
class Timing:
    """Figures for one batch of timed POSTs."""

    rps: float
    p95_ms: float
    median_ms: float


def run() -> dict[str, Any]:
    """Time coprod's final submits and the baseline's inserts; print and return the figures."""
    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as folder:
        root = Path(folder)
        with live_server(root / "coprod", workers=WORKERS, settings=UNLIMITED) as base_url:
            clients = _answered_drafts(base_url, WARM_UP + REQUESTS)
            try:
                coprod = _warm_then_time([(c.session, send_form) for c, send_form in clients])
            finally:
                for client, _form in clients:
                    client.close()
        with live_server(
            root / "baseline", workers=WORKERS, app=BASELINE_APP, migrate=False
        ) as base_url:
            sessions = [requests.Session() for _ in range(WARM_UP + REQUESTS)]
            try:
                body = clients[0][1].data  # the same form fields coprod was sent
                posts = [(s, Submission(f"{base_url}/send", body)) for s in sessions]
                baseline = _warm_then_time(posts)
            finally:
                for session in sessions:
                    session.close()
    figures = {
        "coprod_rps": round(coprod.rps, 1),
        "baseline_rps": round(baseline.rps, 1),
        "ratio": round(coprod.rps / baseline.rps, 3),
        "coprod_p95_ms": round(coprod.p95_ms, 1),
        "baseline_p95_ms": round(baseline.p95_ms, 1),
        "requests": REQUESTS,
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
    }
    _print_table(coprod, baseline, figures["ratio"])
    return figures


def _answered_drafts(base_url: str, count: int) -> list[tuple[NaiveRespondent, Submission]]:
    """Respondents who answered every page of a survey and stopped at check answers."""

    def answer(number: int) -> tuple[NaiveRespondent, Submission]:
        slug = SLUGS[number % len(SLUGS)]
        client = NaiveRespondent(base_url, seed=number, slug=slug, hostile=False)
        try:
            return client, client.answer_all()
        except BaseException:
            client.close()
            raise

    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        return list(pool.map(answer, range(count)))


def _warm_then_time(posts: Sequence[tuple[requests.Session, Submission]]) -> Timing:
    time_posts(posts[:WARM_UP])
    return time_posts(posts[WARM_UP:])


def time_posts(posts: Sequence[tuple[requests.Session, Submission]]) -> Timing:
    """POST each form from its own session, CONCURRENCY at a time, redirects not followed."""

    def post(item: tuple[requests.Session, Submission]) -> float:
        session, submission = item
        started = time.perf_counter()
        with session.post(
            submission.url, data=submission.data, allow_redirects=False, timeout=60
        ) as response:
            elapsed = time.perf_counter() - started
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location.endswith("/sent"):
                raise RuntimeError(
                    f"POST {submission.url} answered {response.status_code} {location!r}"
                )
        return elapsed * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        latencies = list(pool.map(post, posts))
    wall = time.perf_counter() - started
    return Timing(
        rps=len(latencies) / wall,
        p95_ms=statistics.quantiles(latencies, n=20)[-1],
        median_ms=statistics.median(latencies),
    )


def _print_table(coprod: Timing, baseline: Timing, ratio: float) -> None:
    print(f"Final submit, {REQUESTS} POSTs, {WORKERS} gunicorn workers, {CONCURRENCY} at a time")
    print(f"{'':<10}{'req/s':>10}{'median ms':>12}{'p95 ms':>10}")
    for name, timing in (("coprod", coprod), ("baseline", baseline)):
        print(f"{name:<10}{timing.rps:>10.1f}{timing.median_ms:>12.1f}{timing.p95_ms:>10.1f}")
    verdict = "meets" if ratio >= GOAL_RATIO else "misses"
    print(f"ratio coprod/baseline: {ratio:.3f} ({verdict} the goal of {GOAL_RATIO})")
