"""Kinds of work registered for the tests: one that counts its steps slowly, one that refuses
with a plain message, one that breaks."""

from __future__ import annotations

import time

from coprod.db import db_session
from coprod.jobs import JobError, JobResult, Progress, job
from coprod.services.audit import record


@job("test_counting", title="Counting")
def count_steps(progress: Progress, *, steps: int, pause: float = 0.0) -> JobResult:
    """Report each of ``steps`` steps, ``pause`` seconds apart; make a small text file."""
    progress.total(steps, "Getting ready")
    for number in range(1, steps + 1):
        time.sleep(pause)
        progress.advance(1, f"Counted {number}")
    return JobResult(
        data={"summary": f"Counted to {steps}."},
        file=f"counted to {steps}\n".encode(),
        filename="counted.txt",
        mimetype="text/plain",
    )


@job("test_refusing", title="Refusing")
def refuse(progress: Progress, *, reason: str) -> None:
    """Stop at once with a message the person can act on."""
    progress.total(3, "Reading the file")
    raise JobError(reason)


#: What the breaking job's exception says: for the server log, never for the page.
BUG = "the bug's own words, for the log only"


@job("test_breaking", title="Breaking")
def break_down(progress: Progress) -> None:
    """Fail the way a bug would."""
    progress.total(2, "Working")
    raise RuntimeError(BUG)


@job("test_holding", title="Holding")
def hold_the_database(progress: Progress, *, steps: int) -> None:
    """Report progress while the job's own transaction has written and not yet committed (on
    SQLite, holding the database's write lock), then commit."""
    session = db_session()
    record(session, "test_job_held_the_database")
    session.flush()
    progress.total(steps, "Writing")
    for number in range(1, steps + 1):
        time.sleep(0.2)
        progress.advance(1, f"Wrote {number}")
    session.commit()
