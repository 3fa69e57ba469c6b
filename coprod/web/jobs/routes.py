"""A job's page refreshes itself (no JavaScript needed) while the work goes on, shows a progress
bar with its percentage and current step in words, then offers the file or the result, or says
in plain words why it stopped. Only the person who started it, or an admin, sees it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required

from coprod.db import db_session
from coprod.jobs.registry import kind_named
from coprod.jobs.store import recent_jobs, shown_status
from coprod.models import Job, utcnow
from coprod.models.jobs import DONE, FAILED, QUEUED, RUNNING
from coprod.services.audit import record
from coprod.web.access import signed_in_staff

blueprint = Blueprint("jobs", __name__, url_prefix="/staff/jobs")

Page = Any


@blueprint.before_request
@login_required
def _staff_only() -> None:
    """Every job page is for signed-in staff."""


@dataclass(frozen=True)
class ShownJob:
    """A job as its page shows it."""

    job: Job
    title: str
    status: str
    percent: int
    error: str | None
    back: str

    @property
    def waiting(self) -> bool:
        """Still queued or running: the page refreshes itself."""
        return self.status in (QUEUED, RUNNING)

    @property
    def summary(self) -> str | None:
        return ((self.job.result or {}).get("data") or {}).get("summary")

    @property
    def link(self) -> str | None:
        return (self.job.result or {}).get("link")


def _shown(job: Job) -> ShownJob:
    config = current_app.config
    status = shown_status(
        job,
        utcnow(),
        timedelta(seconds=int(config["JOB_STALE_SECONDS"])),
        timedelta(hours=float(config["JOB_WAIT_HOURS"])),
    )
    error = job.error
    if status == FAILED and job.status != FAILED:
        error = _("This stopped unexpectedly before it finished. Please start it again.")
    kind = kind_named(job.kind)
    percent = 100 if status == DONE else (job.done * 100 // job.total if job.total else 0)
    back = kind.back(job.params) if kind is not None and kind.back else url_for("jobs.index")
    title = str(kind.title) if kind is not None else job.kind
    return ShownJob(job, title, status, min(percent, 100), error, back)


def _visible(job_id: int) -> Job:
    """The job, if the signed-in person started it or is an admin; to anyone else it does not
    exist."""
    job = db_session().get(Job, job_id)
    person = signed_in_staff()
    if job is None or (job.created_by != person.id and person.role != "admin"):
        abort(404)
    return job


@blueprint.get("/")
def index() -> Page:
    """The latest work this person started (an admin sees everyone's)."""
    person = signed_in_staff()
    jobs = recent_jobs(db_session(), None if person.role == "admin" else person.id)
    return render_template("jobs/index.html", jobs=[_shown(job) for job in jobs])


@blueprint.get("/<int:job_id>")
def job(job_id: int) -> Page:
    """How far the work has got, then what it made or why it stopped. While it runs the page
    follows the work every two seconds (in place with JavaScript, by reloading without), unless
    the person turned that off (``?refresh=off``)."""
    return render_template(
        "jobs/job.html",
        shown=_shown(_visible(job_id)),
        refreshing=request.args.get("refresh") != "off",
    )


@blueprint.get("/<int:job_id>/download")
def download(job_id: int) -> Page:
    """The file the job made, audited as the job asked."""
    job = _visible(job_id)
    if job.status != DONE or job.result_file is None:
        abort(404)
    audit = (job.result or {}).get("audit")
    if audit:
        record(
            db_session(),
            audit["action"],
            user_id=signed_in_staff().id,
            subject=audit.get("subject"),
            detail=audit.get("detail"),
        )
        db_session().commit()
    return send_file(
        io.BytesIO(job.result_file),
        mimetype=job.result_mimetype or "application/octet-stream",
        as_attachment=True,
        download_name=job.result_filename or f"job-{job.id}",
    )
