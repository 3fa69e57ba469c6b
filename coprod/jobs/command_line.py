"""A job run from a command: in the command's own process (no worker needed), with a progress
bar on standard error drawn from what the job writes to the database, as its page is."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import undefer
from tqdm import tqdm

from coprod.db import app_session
from coprod.jobs import store
from coprod.jobs.registry import kind_named
from coprod.jobs.runner import run_job
from coprod.models import Job

#: Seconds between looks at the job's progress.
POLL_SECONDS = 0.2
#: Characters of the current step shown beside the bar.
STEP_WIDTH = 40


def run_with_progress_bar(kind: str, params: Mapping[str, Any], *, language: str = "en") -> Job:
    """Run the registered kind of work here and now, drawing its progress bar on standard error
    until it ends; return the finished job (done or failed), its file loaded."""
    registered = kind_named(kind)
    if registered is None:
        raise ValueError(f"no job kind {kind!r} is registered")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with app_session(app) as session:
        job_id = store.create_job(session, kind, params, user_id=None, language=language)
    worker = threading.Thread(target=run_job, args=(app, job_id), name=f"coprod-job-{job_id}")
    worker.start()
    with tqdm(
        desc=str(registered.title),
        unit=" steps",
        file=sys.stderr,
        mininterval=0,
    ) as bar:
        while True:
            ended = not worker.is_alive()
            job = _read(app, job_id)
            _draw(bar, job)
            if ended:
                return job
            time.sleep(POLL_SECONDS)


def _read(app: Any, job_id: int) -> Job:
    with app_session(app) as session:
        job = session.scalar(select(Job).where(Job.id == job_id).options(undefer(Job.result_file)))
        assert job is not None
        return job


def _draw(bar: tqdm, job: Job) -> None:
    if job.total is not None and bar.total != job.total:
        bar.total = job.total
    bar.n = job.done
    step = job.message or ""
    bar.set_postfix_str(step if len(step) <= STEP_WIDTH else step[: STEP_WIDTH - 1] + "…", False)
    bar.refresh()
