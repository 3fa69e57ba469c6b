"""A job's progress, as another process sees it: read from a connection of its own while the
job runs on the app's job threads, it rises step by step to every step done, then done."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import Engine

from coprod.db import app_session
from coprod.jobs import JobResult, Progress, enqueue, job
from coprod.jobs.registry import as_result
from coprod.models import AuditEvent, Job
from tests.jobs import kinds

Seen = tuple[str, int, int | None, str | None]


def watch(engine: Engine, job_id: int, timeout: float = 60.0) -> list[Seen]:
    """Every different state of the job read from ``engine`` until it ends."""
    seen: list[Seen] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            row = connection.execute(
                select(Job.status, Job.done, Job.total, Job.message).where(Job.id == job_id)
            ).one()
        state: Seen = (row.status, row.done, row.total, row.message)
        if not seen or seen[-1] != state:
            seen.append(state)
        if row.status in ("done", "failed"):
            return seen
        time.sleep(0.02)
    raise AssertionError(f"the job did not end in {timeout} s: {seen}")


def test_progress_is_reported_to_completion_and_seen_from_another_connection(
    app: Flask, engine: Engine
) -> None:
    with app.app_context():
        job_id = enqueue("test_counting", {"steps": 5, "pause": 0.6})
    seen = watch(engine, job_id)
    assert seen[0][0] in ("queued", "running")
    assert seen[-1][:3] == ("done", 5, 5)
    done_counts = [done for _status, done, _total, _message in seen]
    assert done_counts == sorted(done_counts), "progress went backwards"
    on_the_way = {done for status, done, _total, _message in seen if status == "running"}
    assert len(on_the_way & {1, 2, 3, 4}) >= 2, f"too few steps were seen: {seen}"
    assert {total for status, _d, total, _m in seen if status == "running"} <= {None, 5}
    assert any(message and message.startswith("Counted ") for *_rest, message in seen)


def test_progress_while_the_job_holds_its_own_transaction_never_blocks_it(
    app: Flask, engine: Engine
) -> None:
    """Progress goes through transactions of its own: a job whose work is not yet committed
    is not held up by them (on SQLite those writes wait for the lock a moment, then skip)."""
    started = time.monotonic()
    with app.app_context():
        job_id = enqueue("test_holding", {"steps": 4})
    seen = watch(engine, job_id)
    assert seen[-1][:3] == ("done", 4, 4)
    assert time.monotonic() - started < 10
    with app_session(app) as session:
        held = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "test_job_held_the_database")
        ).all()
    assert len(held) == 1


def test_writes_are_throttled_but_nothing_is_lost_at_the_end() -> None:
    now = [0.0]
    written: list[tuple[int, int | None, str | None]] = []
    progress = Progress(lambda *counts: written.append(counts), every=0.5, clock=lambda: now[0])
    progress.total(10, "Starting")
    for _ in range(10):
        now[0] += 0.2
        progress.advance(1, "Going")
    assert written[0] == (0, 10, "Starting")
    assert len(written) == 4  # at 0, then every 0.6 s of the 2 s
    assert written[-1] != (10, 10, "Going")
    progress.flush()
    assert written[-1] == (10, 10, "Going")


def test_done_never_passes_the_total() -> None:
    written: list[tuple[int, int | None, str | None]] = []
    progress = Progress(lambda *counts: written.append(counts), every=0)
    progress.total(2)
    progress.advance(3, "More than expected")
    assert written[-1] == (3, 3, "More than expected")


def test_a_kind_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        job("test_counting")(lambda progress: None)
    assert job("test_counting", title="Counting")(kinds.count_steps) is kinds.count_steps


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (None, JobResult()),
        ({"summary": "Imported 3 rows."}, JobResult(data={"summary": "Imported 3 rows."})),
        (JobResult(file=b"x", filename="x.txt"), JobResult(file=b"x", filename="x.txt")),
    ],
)
def test_what_a_job_returns_becomes_its_result(returned: Any, expected: JobResult) -> None:
    assert as_result(returned) == expected
