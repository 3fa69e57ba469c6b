"""Load test: 100 respondents at once for 60 seconds, each answering a shipped survey page by page
as a browser without JavaScript would, against coprod under gunicorn on SQLite and then on a
throw-away PostgreSQL; beside each, in the same run, the same number of users posting to a bare
Flask + SQLAlchemy insert endpoint (bench/baseline_insert_app.py) under the same server.

A user opens the survey's start page, presses Start now, answers each question (GET, then POST with
the form's CSRF token), opens check answers, sends, reads the reference code on the confirmation,
and starts again in the same browser session; a page with no form is left by its button-styled
link, as the young people's "before you start" page is. Untimed journeys go first, until every
worker has trained its analyser (on its first send). There is no think time: each user asks again
as soon as a page arrives, so this is 100 people pressing at once. After the 60 seconds no user
presses another button, but one who has sent still reads the confirmation. An error is a status
outside 2xx/3xx, a failed connection, or a confirmation without a reference code. Afterwards each
reference a user was shown is looked up in the database: none may be missing, and no response may
be stored that no user was shown. Rate limits are switched off (all 100 users come from 127.0.0.1).

The users are in bench/load_users.py. Alone: `.venv/bin/python -m bench.respondent_load`.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench import baseline_insert_app
from bench.load_users import SLUGS, Load, UserLog, all_at_once, baseline_user, coprod_user
from coprod import create_app
from coprod.db import make_engine
from tests.live_server import live_server
from tests.postgres import postgres_server

USERS = 100
SECONDS = 60.0
WORKERS = 4
#: Before the clock, rounds of this many journeys until none of a round's sends is slower than
#: WARM_SEND_MS: each worker trains its analyser on its first send (seconds, see _warm_up).
WARM_UP_JOURNEYS = 2 * WORKERS
WARM_UP_ROUNDS = 5
WARM_SEND_MS = 1000.0
BASELINE_APP = "bench.baseline_insert_app:create_app()"
RATE_LIMITS_OFF = {"COPROD_RATELIMIT_ENABLED": "false"}
KEY = "respondent_load"


def _percentile_ms(values: list[float], nth: int) -> float:
    if len(values) < 2:
        return round(values[0], 1) if values else 0.0
    return round(statistics.quantiles(values, n=100, method="inclusive")[nth - 1], 1)


def _figures(load: Load) -> dict[str, Any]:
    """Requests, errors, rates and latencies by step from the users' logs."""
    logs = load.logs
    steps: dict[str, list[float]] = {}
    for log in logs:
        for step, values in log.timings.items():
            steps.setdefault(step, []).extend(values)
    every = [v for values in steps.values() for v in values]
    errors = [e for log in logs for e in log.errors]
    return {
        "requests": len(every) + sum(log.unanswered for log in logs),
        "errors": len(errors),
        "error_examples": [text for text, _n in Counter(errors).most_common(5)],
        "requests_per_second": round(len(every) / load.wall_seconds, 1),
        "wall_seconds": round(load.wall_seconds, 1),
        "client_cpu_seconds": round(load.client_cpu_seconds, 1),
        "p50_ms": _percentile_ms(every, 50),
        "p95_ms": _percentile_ms(every, 95),
        "steps": {
            step: {
                "requests": len(values),
                "p50_ms": _percentile_ms(values, 50),
                "p95_ms": _percentile_ms(values, 95),
            }
            for step, values in sorted(steps.items())
        },
    }


def _reconcile(
    told: list[str], stored: list[str], stored_drafts: int | None = None
) -> dict[str, Any]:
    """References shown to users against rows in the database."""
    told_codes = Counter(code.replace("-", "") for code in told)
    stored_codes = Counter(stored)
    counts = {
        "told_received": len(told),
        "stored": len(stored),
        "lost": sum((told_codes - stored_codes).values()),
        "stored_not_told": sum((stored_codes - told_codes).values()),
        "duplicated": sum(n - 1 for n in told_codes.values() if n > 1)
        + (len(stored) - stored_drafts if stored_drafts is not None else 0),
    }
    clean = counts["lost"] == counts["stored_not_told"] == counts["duplicated"] == 0
    return {**counts, "all_received_and_stored_once": clean and len(told) == len(stored)}


def _stored(url: str, query: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def _migrate(instance: Path, url: str | None) -> None:
    """`coprod db upgrade` in this process, which has imported coprod already (saves seconds)."""
    app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": url or ""})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    app.extensions["coprod.engine"].dispose()
    if result.exit_code != 0:
        raise RuntimeError(f"coprod db upgrade failed: {result.output}") from result.exception


def _warm_up(base_url: str) -> list[UserLog]:
    """Untimed journeys of the shorter survey until every worker has trained its analyser. A
    worker trains on its first send, after inserting the response row: on SQLite that holds the
    one write lock for seconds, and every other worker's writes wait (README, Benchmarks)."""
    logs: list[UserLog] = []
    for round_ in range(WARM_UP_ROUNDS):

        def one_journey(n: int, deadline: float, first: int = round_ * WARM_UP_JOURNEYS) -> UserLog:
            # However long it takes (up to ten minutes): the clock has not started.
            return coprod_user(base_url, first + n, deadline + 600, journeys=1, slug=SLUGS[-1])

        batch = all_at_once(one_journey, WARM_UP_JOURNEYS, 0).logs
        logs += batch
        sends = [ms for log in batch for ms in log.timings.get("send (POST)", [])]
        if sends and max(sends) < WARM_SEND_MS:
            break
    return logs


def measure(folder: Path, url: str | None) -> dict[str, Any]:
    """The load against coprod, then the same users against the bare insert endpoint."""
    coprod_instance, baseline_instance = folder / "coprod", folder / "baseline"
    _migrate(coprod_instance, url)
    baseline_db = _baseline_table(baseline_instance, url)
    with ExitStack() as baseline_server:
        with (
            live_server(coprod_instance, workers=WORKERS, database_url=url, migrate=False) as site,
            ThreadPoolExecutor(max_workers=1) as boot,
        ):
            # The bare app boots while coprod warms up, and is up before coprod's clock starts.
            booting = boot.submit(
                baseline_server.enter_context,
                live_server(
                    baseline_instance,
                    workers=WORKERS,
                    database_url=url,
                    app=BASELINE_APP,
                    migrate=False,
                ),
            )
            warm_logs = _warm_up(site)
            bare = booting.result()
            load = all_at_once(lambda n, deadline: coprod_user(site, n, deadline), USERS, SECONDS)
        # Answers as one journey posted them, as the bare endpoint's form.
        body = next((log.answers for log in load.logs + warm_logs if log.answers), [("a", "b")])
        bare_load = all_at_once(
            lambda _n, deadline: baseline_user(bare, body, deadline), USERS, SECONDS
        )
    coprod = _coprod_figures(
        load, warm_logs, url or f"sqlite:///{coprod_instance / 'coprod.sqlite'}"
    )
    baseline = _figures(bare_load)
    baseline.update(
        _reconcile(
            [r for log in bare_load.logs for r in log.references],
            [r[0] for r in _stored(baseline_db, "SELECT reference FROM submissions")],
        )
    )
    return {
        "coprod": coprod,
        "baseline": baseline,
        "p95_ratio_send": round(
            coprod["steps"].get("send (POST)", {}).get("p95_ms", 0.0) / baseline["p95_ms"], 2
        ),
        "p95_ratio_every_request": round(coprod["p95_ms"] / baseline["p95_ms"], 2),
    }


def _coprod_figures(load: Load, warm_logs: list[UserLog], db_url: str) -> dict[str, Any]:
    rows = _stored(db_url, "SELECT reference, draft_id FROM responses")
    told = [r for log in warm_logs + load.logs for r in log.references]
    figures = _figures(load)
    figures["journeys_sent"] = sum(len(log.references) for log in load.logs)
    figures["warm_up_journeys_sent"] = sum(len(log.references) for log in warm_logs)
    figures["warm_up_errors"] = sum(len(log.errors) for log in warm_logs)
    figures.update(_reconcile(told, [r[0] for r in rows], len({r[1] for r in rows})))
    return figures


def _baseline_table(instance: Path, url: str | None) -> str:
    """Create the bare endpoint's table before its workers start; return its database URL."""
    instance.mkdir(parents=True, exist_ok=True)
    db_url = baseline_insert_app.database_url(instance, url or "")
    engine = make_engine(db_url)
    baseline_insert_app.create_table(engine)
    engine.dispose()
    return db_url


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the servers started inside, and restore them after."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def database(kind: str) -> Iterator[str | None]:
    """None for SQLite in each server's instance folder, or a URL to a throw-away PostgreSQL."""
    if kind == "sqlite":
        yield None
    else:
        with postgres_server() as url:
            yield url


def run() -> dict[str, Any]:
    """The load against coprod and the baseline on SQLite and PostgreSQL; print and return it."""
    results: dict[str, Any] = {
        "users": USERS,
        "seconds": SECONDS,
        "workers": WORKERS,
        "surveys": list(SLUGS),
        "think_time_seconds": 0,
        "rate_limits": "off (COPROD_RATELIMIT_ENABLED=false): every user comes from 127.0.0.1",
    }
    print(
        f"{KEY}: {USERS} users at once for {SECONDS:g} s against {WORKERS} gunicorn workers, "
        f"no think time; rate limits {results['rate_limits']}"
    )
    started = time.monotonic()
    with _environment(RATE_LIMITS_OFF):
        for kind in ("sqlite", "postgresql"):
            with (
                tempfile.TemporaryDirectory(prefix=f"coprod-load-{kind}-") as name,
                database(kind) as url,
            ):
                results[kind] = measure(Path(name), url)
            _print_kind(kind, results[kind])
    results["module_seconds"] = round(time.monotonic() - started)
    print(f"{KEY} took {results['module_seconds']} s")
    return results


def _print_kind(kind: str, figures: dict[str, Any]) -> None:
    coprod, baseline = figures["coprod"], figures["baseline"]
    for name, f in (("coprod", coprod), ("baseline", baseline)):
        print(
            f"{kind} {name}: {f['requests']} requests ({f['requests_per_second']}/s), "
            f"{f['errors']} errors; told received {f['told_received']}, stored {f['stored']}, "
            f"lost {f['lost']}, duplicated {f['duplicated']}, stored but not told "
            f"{f['stored_not_told']}"
        )
        verdict = "yes" if f["errors"] == 0 and f["all_received_and_stored_once"] else "NO"
        print(f"  zero errors, every answer stored once and only those: {verdict}")
        for example in f["error_examples"]:
            print(f"  error: {example}")
    print(f"{'step':<22}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}")
    rows = [*coprod["steps"].items(), ("every coprod request", coprod), ("baseline", baseline)]
    for step, s in rows:
        print(f"{step:<22}{s['requests']:>10}{s['p50_ms']:>10.1f}{s['p95_ms']:>10.1f}")
    print(
        f"p95 coprod/baseline: send {figures['p95_ratio_send']}, "
        f"every request {figures['p95_ratio_every_request']}"
    )


if __name__ == "__main__":
    from bench.__main__ import RESULTS

    figures = run()
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    stored[KEY] = figures
    RESULTS.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Results written to {RESULTS} under {KEY!r}")
