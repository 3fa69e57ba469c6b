"""Your answers: a person types the reference code they were given, then can read what they
sent, download it as a text file, or delete it. The code opens their answers in this browser
for OPEN_MINUTES only, and only one set of answers at a time."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, Response, redirect, render_template, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from coprod.db import db_session
from coprod.models import Response as SurveyResponse
from coprod.services import rights
from coprod.services.codes import grouped
from coprod.services.survey_versions import definition_of
from coprod.surveys.questions import question_type
from coprod.web.public.routes import ReferenceForm
from coprod.web.rate_limits import code_limit
from coprod.web.respond import flow
from coprod.web.respond.forms import ButtonForm

blueprint = Blueprint("rights", __name__, url_prefix="/your-answers")

Page = str | tuple[str, int] | WerkzeugResponse
OPENED_KEY = "your_answers"
OPEN_MINUTES = 20


def _opened() -> SurveyResponse | None:
    """The response this browser opened with its code, while it is still open."""
    opened: dict[str, Any] | None = session.get(OPENED_KEY)
    if not opened or time.time() - float(opened.get("at", 0)) > OPEN_MINUTES * 60:
        session.pop(OPENED_KEY, None)
        return None
    return db_session().get(SurveyResponse, int(opened.get("id", 0)))


def _answered(response: SurveyResponse) -> tuple[Any, list[tuple[str, list[str]]]]:
    """The survey as the person sees it now, and each question with their answer."""
    definition = flow.presented(definition_of(response.version))
    given = {answer.question_id: answer.value for answer in response.answers}
    rows = []
    for asked in definition.questions:
        value = given.get(asked.id)
        shown = [_("Not answered")] if value is None else question_type(asked).display(value)
        rows.append((asked.text, [str(line) for line in shown]))
    return definition, rows


@blueprint.route("/", methods=["GET", "POST"])
@code_limit
def find() -> Page:
    """Ask for the reference code."""
    form = ReferenceForm()
    form.submit.label.text = _("Find my answers")
    if form.validate_on_submit():
        found = rights.response_by_reference(db_session(), form.reference.data or "")
        if found is not None:
            session[OPENED_KEY] = {"id": found.id, "at": time.time()}
            return redirect(url_for("rights.answers"))
        form.reference.errors = [
            _(
                "We could not find answers with that reference code. Check it against the one "
                "you were given, like K7PM-4QXD. Answers that were deleted cannot be found."
            )
        ]
    return render_template("rights/find.html", form=form), 400 if form.errors else 200


@blueprint.get("/answers")
def answers() -> Page:
    """What the person sent, as they would read it."""
    response = _opened()
    if response is None:
        return redirect(url_for("rights.find"))
    definition, rows = _answered(response)
    return render_template(
        "rights/answers.html",
        survey=definition,
        rows=rows,
        reference=grouped(response.reference),
        sent_on=response.submitted_at,
    )


@blueprint.get("/answers.txt")
def download() -> Page:
    """The same answers as a plain text file anyone can open."""
    response = _opened()
    if response is None:
        return redirect(url_for("rights.find"))
    definition, rows = _answered(response)
    text = render_template(
        "rights/answers.txt",
        survey=definition,
        rows=rows,
        reference=grouped(response.reference),
        sent_on=response.submitted_at,
    )
    filename = f"answers-{response.reference}.txt"
    return Response(
        text.encode("utf-8"),
        mimetype="text/plain",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.route("/delete", methods=["GET", "POST"])
def delete() -> Page:
    """Ask once, then delete the answers and everything made from them."""
    response = _opened()
    if response is None:
        return redirect(url_for("rights.find"))
    form = ButtonForm()
    if form.validate_on_submit():
        rights.delete_response(db_session(), response, why="asked by the person")
        session.pop(OPENED_KEY, None)
        return redirect(url_for("rights.deleted"))
    definition = flow.presented(definition_of(response.version))
    return render_template(
        "rights/delete.html", survey=definition, form=form, reference=grouped(response.reference)
    )


@blueprint.get("/deleted")
def deleted() -> Page:
    """Confirmation that nothing of theirs is left."""
    return render_template("rights/deleted.html")
