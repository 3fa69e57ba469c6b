"""Starting a job: stored first, in a transaction of its own, then handed to the runner the
settings choose (RQ with REDIS_URL, else this process's job threads)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _
from redis.exceptions import RedisError

from coprod.db import app_session
from coprod.jobs import inprocess, store
from coprod.jobs.registry import kind_named


def enqueue(
    kind: str, params: Mapping[str, Any], *, user_id: int | None = None, language: str | None = None
) -> int:
    """Start the registered kind of work with these JSON-able keyword arguments, for this member
    of staff (None for a command), and return the job's id at once. Its words and documents are
    in ``language``, by default the language of the current request. The job is stored in a
    transaction of its own: commit the request's own changes first (on SQLite an uncommitted
    write would hold the database)."""
    if kind_named(kind) is None:
        raise ValueError(f"no job kind {kind!r} is registered")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with app_session(app) as session:
        job_id = store.create_job(
            session, kind, params, user_id=user_id, language=language or current_language()
        )
    if not app.config["REDIS_URL"]:
        inprocess.submit(app, job_id)
        return job_id
    from coprod.jobs.queue import put_on_queue

    try:
        put_on_queue(app, job_id)
    except RedisError as error:
        app.logger.error("Job %s could not be queued: %s", job_id, error)
        store.fail(
            app.extensions["coprod.engine"],
            job_id,
            _(
                "This could not be started because the queue for long work is not answering. "
                "Please try again in a few minutes, or tell the administrator."
            ),
        )
    return job_id


def current_language() -> str:
    """The language of the current request, or the default one outside a request."""
    locale = get_locale() if has_request_context() else None
    return str(locale) if locale else str(current_app.config["BABEL_DEFAULT_LOCALE"])
