"""Running one job inside the app: in a request context of its own, in the language of the
person who started it, with a heartbeat while it runs; its end is stored whatever happens."""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.engine import Engine

from coprod.db import app_session, make_engine
from coprod.jobs import store
from coprod.jobs.progress import Progress
from coprod.jobs.registry import JobError, as_result, kind_named
from coprod.models import Job

#: Seconds between heartbeats (JOB_STALE_SECONDS must be several of these).
HEARTBEAT_SECONDS = 5.0
PROGRESS_ENGINE = "coprod.jobs.progress_engine"
_ENGINE_LOCK = threading.Lock()


def progress_engine(app: Flask) -> Engine:
    """The engine progress and heartbeats are written with. On SQLite it gives up after a
    quarter of a second when the database is busy (that write is skipped, the next one tries
    again), so a job holding a write transaction is never held up by its own progress."""
    with _ENGINE_LOCK:
        engine: Engine | None = app.extensions.get(PROGRESS_ENGINE)
        if engine is None:
            url = str(app.config["DATABASE_URL"])
            engine = (
                make_engine(url, sqlite_busy_timeout_ms=250)
                if url.startswith("sqlite")
                else app.extensions["coprod.engine"]
            )
            app.extensions[PROGRESS_ENGINE] = engine
    return engine


def dispose_progress_engine(app: Flask) -> None:
    """Close the progress engine's connections, if it has its own."""
    with _ENGINE_LOCK:
        engine = app.extensions.pop(PROGRESS_ENGINE, None)
    if engine is not None and engine is not app.extensions["coprod.engine"]:
        engine.dispose()


class _Heartbeat(threading.Thread):
    """Writes the job's heartbeat every few seconds until stopped."""

    def __init__(self, app: Flask, engine: Engine, job_id: int) -> None:
        super().__init__(name=f"coprod-job-{job_id}-heartbeat", daemon=True)
        self._app = app
        self._engine = engine
        self._job_id = job_id
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(HEARTBEAT_SECONDS):
            try:
                store.beat(self._engine, self._job_id)
            except Exception:
                self._app.logger.exception("Job %s: heartbeat not written", self._job_id)

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def run_job(app: Flask, job_id: int) -> None:
    """Run a queued job to its end; do nothing if it is not queued (another worker has it)."""
    engine: Engine = app.extensions["coprod.engine"]
    try:
        if not store.claim(engine, job_id):
            return
        with app_session(app) as session:
            job = session.get(Job, job_id)
            assert job is not None
            kind, params, language = job.kind, dict(job.params), job.language
        heartbeat = _Heartbeat(app, progress_engine(app), job_id)
        heartbeat.start()
        try:
            base_url = str(app.config.get("PUBLIC_URL") or "") or None
            with app.test_request_context(base_url=base_url), force_locale(language):
                _run(app, job_id, kind, params)
        finally:
            heartbeat.stop()
    except Exception:
        app.logger.exception("Job %s could not be run", job_id)
        with app.app_context():
            store.fail(engine, job_id, general_failure())


def general_failure() -> str:
    """What the person reads when a job failed for a reason it did not explain."""
    return _(
        "Something went wrong and this was not finished. The details have been kept for the "
        "administrator. Please start it again."
    )


def _run(app: Flask, job_id: int, kind_name: str, params: dict[str, Any]) -> None:
    """Call the kind's function and store its result or its failure, in the job's language."""
    engine: Engine = app.extensions["coprod.engine"]
    kind = kind_named(kind_name)
    if kind is None:
        app.logger.error("Job %s: no job kind %r is registered", job_id, kind_name)
        store.fail(engine, job_id, _("This kind of work is no longer available."))
        return
    progress = Progress(partial(store.record_progress, progress_engine(app), job_id))
    try:
        returned = kind.function(progress, **params)
        store.finish(engine, job_id, as_result(returned), progress.done, progress.steps)
    except JobError as problem:
        store.fail(engine, job_id, str(problem))
    except Exception:
        app.logger.exception("Job %s (%s) failed", job_id, kind_name)
        store.fail(engine, job_id, general_failure())
