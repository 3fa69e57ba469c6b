"""The staff home: every survey with how many responses it has."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import login_required

from coprod.db import db_session
from coprod.services.stats import responses_by_survey
from coprod.web.respond.forms import ButtonForm

blueprint = Blueprint("admin", __name__, url_prefix="/staff")


@blueprint.get("/")
@login_required
def home() -> str:
    """Surveys with their response counts."""
    catalogue = current_app.extensions["coprod.catalogue"]
    counts = responses_by_survey(db_session())
    return render_template(
        "admin/home.html",
        surveys=list(catalogue.surveys.values()),
        counts=counts,
        form=ButtonForm(),
    )
