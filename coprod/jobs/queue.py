"""With REDIS_URL set, jobs go on an RQ queue in Redis and `coprod worker`, on any host, runs
them. Only the job's id travels through Redis; everything else is in the database."""

from __future__ import annotations

from flask import Flask
from redis import Redis
from rq import Queue, Worker

from coprod.jobs.runner import run_job

#: The app `coprod worker` built, for the jobs it runs (set once, before it starts working).
_WORKER: dict[str, Flask] = {}


def _queue(app: Flask) -> Queue:
    return Queue(str(app.config["JOB_QUEUE"]), connection=Redis.from_url(app.config["REDIS_URL"]))


def put_on_queue(app: Flask, job_id: int) -> None:
    """Queue the job for a worker (raises redis.RedisError if Redis cannot be reached)."""
    _queue(app).enqueue(
        run_queued,
        job_id,
        job_timeout=int(app.config["JOB_TIMEOUT_SECONDS"]),
        result_ttl=0,
        failure_ttl=7 * 24 * 3600,
        description=f"coprod job {job_id}",
    )


def run_queued(job_id: int) -> None:
    """What the RQ worker runs: the job, in the worker's app (or a new one, for a plain `rq
    worker`)."""
    app = _WORKER.get("app")
    if app is None:
        from coprod import create_app

        app = _WORKER.setdefault("app", create_app())
    run_job(app, job_id)


def work(app: Flask, burst: bool) -> None:
    """Run queued jobs until stopped (or, with ``burst``, until the queue is empty). Each job
    runs in a process forked for it, so the parent's database connections are closed first."""
    _WORKER["app"] = app
    app.extensions["coprod.engine"].dispose()
    queue = _queue(app)
    Worker([queue], connection=queue.connection).work(burst=burst, logging_level="INFO")
