"""A person who wants an answer leaves a way to reach them, after sending their answers and
apart from them; an analyst replies and presses Replied, which deletes the contact details."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length

from coprod.db import db_session
from coprod.forms import StripWhitespaceForm
from coprod.services import replies as service
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.presentation import select_language
from coprod.web.rate_limits import answer_limit
from coprod.web.respond import flow
from coprod.web.respond.forms import ButtonForm

blueprint = Blueprint("replies", __name__)

Page = Any


class ReplyForm(StripWhitespaceForm):
    """How to reach the person, and what about."""

    contact = StringField(
        _l("Your email address or phone number"),
        description=_l("We use it only to reply to you, then delete it."),
        validators=[
            DataRequired(message=_l("Enter an email address or phone number")),
            Length(max=200, message=_l("Enter 200 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    about = TextAreaField(
        _l("What would you like us to reply about?"),
        description=_l("Do not repeat your answers here: they stay anonymous."),
        validators=[
            DataRequired(message=_l("Say what you would like a reply about")),
            Length(max=2000, message=_l("Keep this under 2,000 characters")),
        ],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Ask for a reply"), widget=GovSubmitInput())

    def validate_contact(self, field: StringField) -> None:
        typed = field.data or ""
        looks_like_email = re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", typed) is not None
        looks_like_phone = len(re.sub(r"\D", "", typed)) >= 7 and "@" not in typed
        if not (looks_like_email or looks_like_phone):
            raise ValidationError(
                _l("Enter an email address like name@example.org, or a phone number")
            )


@blueprint.route("/surveys/<slug>/reply", methods=["GET", "POST"])
@answer_limit
def ask(slug: str) -> Page:
    """Ask for a reply. Kept apart from the answers: nothing links the two."""
    definition = flow.presented(flow.survey_or_404(slug))
    form = ReplyForm()
    if form.validate_on_submit():
        service.ask_for_reply(
            db_session(), slug, form.contact.data or "", form.about.data or "", select_language()
        )
        return render_template("replies/asked.html", survey=definition)
    status = 400 if form.errors else 200
    return render_template("replies/ask.html", survey=definition, form=form), status


@blueprint.get("/staff/replies/")
@roles_required(*ANALYSTS)
def waiting() -> Page:
    """Requests for a reply, oldest first."""
    return render_template(
        "replies/waiting.html", requests=service.waiting(db_session()), form=ButtonForm()
    )


@blueprint.post("/staff/replies/<int:request_id>/replied")
@roles_required(*ANALYSTS)
def replied(request_id: int) -> Page:
    """The reply is made: delete the contact details."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    if service.replied(db_session(), request_id, signed_in_staff().id):
        flash(_("Replied. Their contact details have been deleted."))
    return redirect(url_for("replies.waiting"))
