"""The default runner: a small pool of threads, started in the app's process the first time a
job is queued there. A job whose process stops is shown as stopped (its heartbeat goes stale);
with several hosts, set REDIS_URL and run `coprod worker` instead."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from flask import Flask

from coprod.jobs.runner import dispose_progress_engine, run_job

POOL = "coprod.jobs.pool"
_LOCK = threading.Lock()


def submit(app: Flask, job_id: int) -> None:
    """Run the job on one of this process's job threads."""
    with _LOCK:
        pool: ThreadPoolExecutor | None = app.extensions.get(POOL)
        if pool is None:
            pool = ThreadPoolExecutor(
                max_workers=max(1, int(app.config["JOB_THREADS"])), thread_name_prefix="coprod-job"
            )
            app.extensions[POOL] = pool
    pool.submit(run_job, app, job_id)


def stop_workers(app: Flask) -> None:
    """Wait for the app's jobs in this process to end, then let its threads and connections go."""
    with _LOCK:
        pool: ThreadPoolExecutor | None = app.extensions.pop(POOL, None)
    if pool is not None:
        pool.shutdown(wait=True)
    dispose_progress_engine(app)
