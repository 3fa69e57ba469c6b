"""Open a survey on a shared device for a session: the facilitator chooses the survey, and the
device is signed out of staff pages and handed round."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, url_for
from flask_login import login_required, logout_user
from wtforms import SelectChoice

from coprod.web import shared_device
from coprod.web.sessions.access import blueprint, catalogue, editable, survey_text
from coprod.web.sessions.forms import SharedDeviceForm

Page = Any


@blueprint.route("/<int:session_id>/shared-device", methods=["GET", "POST"])
@login_required
def start_shared_device(session_id: int) -> Page:
    """Choose a survey and turn this browser into a shared device for the session."""
    record = editable(session_id)
    form = SharedDeviceForm()
    form.survey.choices = [
        SelectChoice(s.slug, survey_text(s.title)) for s in catalogue().open_surveys()
    ]
    if form.validate_on_submit():
        slug = form.survey.data or ""
        logout_user()
        shared_device.start(record.id)
        return redirect(url_for("respond.start", slug=slug))
    return (
        render_template("sessions/shared_device.html", record=record, form=form),
        400 if form.errors else 200,
    )
