"""Jobs in the database: created, claimed by one worker, their progress and heartbeat, their
end. Each write is its own short transaction, so that every process sees it at once."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from coprod.jobs.registry import JobResult
from coprod.models import Job, utcnow
from coprod.models.jobs import DONE, FAILED, QUEUED, RUNNING

log = logging.getLogger(__name__)


def create_job(
    session: Session,
    kind: str,
    params: Mapping[str, Any],
    *,
    user_id: int | None,
    language: str,
) -> int:
    """Store a new queued job and commit; return its id."""
    job = Job(
        kind=kind, params=dict(params), status=QUEUED, done=0, language=language, created_by=user_id
    )
    session.add(job)
    session.commit()
    return job.id


def claim(engine: Engine, job_id: int) -> bool:
    """Mark a queued job running; False if it is not queued (another worker took it, or it was
    put on the queue twice), so that each job runs once."""
    now = utcnow()
    with engine.begin() as connection:
        claimed = connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == QUEUED)
            .values(status=RUNNING, started_at=now, heartbeat_at=now)
        )
    return bool(claimed.rowcount)


def _while_running(engine: Engine, job_id: int, **values: Any) -> None:
    """Change a running job; a busy database only loses this write, never the job."""
    try:
        with engine.begin() as connection:
            connection.execute(
                update(Job).where(Job.id == job_id, Job.status == RUNNING).values(**values)
            )
    except OperationalError as error:
        log.warning("Job %s: progress not written this time (%s)", job_id, error.orig)


def record_progress(
    engine: Engine, job_id: int, done: int, total: int | None, message: str | None
) -> None:
    """Write a running job's counts and current step (a heartbeat too)."""
    _while_running(engine, job_id, done=done, total=total, message=message, heartbeat_at=utcnow())


def beat(engine: Engine, job_id: int) -> None:
    """Say that a running job's worker is still alive."""
    _while_running(engine, job_id, heartbeat_at=utcnow())


def finish(engine: Engine, job_id: int, result: JobResult, done: int, total: int | None) -> None:
    """Store what a running job made and mark it done, every step counted."""
    steps = max(done, total or 0, 1)
    with engine.begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == RUNNING)
            .values(
                status=DONE,
                done=steps,
                total=steps,
                message=None,
                result=result.stored(),
                result_file=result.file,
                result_filename=result.filename if result.file is not None else None,
                result_mimetype=result.mimetype if result.file is not None else None,
                finished_at=utcnow(),
            )
        )


def fail(engine: Engine, job_id: int, error: str) -> None:
    """Mark a job failed with a plain message for the person who started it."""
    with engine.begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.status.in_((QUEUED, RUNNING)))
            .values(status=FAILED, error=error, finished_at=utcnow())
        )


def shown_status(job: Job, now: datetime, stale_after: timedelta, wait_at_most: timedelta) -> str:
    """The status to show: a running job whose heartbeat is stale, or a job that waited too
    long to start, has stopped (its worker died, or none is running), whatever the row says."""
    if job.status == RUNNING and (job.heartbeat_at or job.created_at) < now - stale_after:
        return FAILED
    if job.status == QUEUED and job.created_at < now - wait_at_most:
        return FAILED
    return job.status


def recent_jobs(session: Session, user_id: int | None, limit: int = 50) -> list[Job]:
    """The latest jobs, newest first: one person's, or everyone's for ``user_id`` None."""
    query = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
    if user_id is not None:
        query = query.where(Job.created_by == user_id)
    return list(session.scalars(query))
