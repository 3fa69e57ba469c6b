"""The young people's survey, made for children (the ICO Age Appropriate Design Code): an
easy-read screen before the first question says who reads the answers and when someone must be
told; a child under 13 carries on only once a parent or carer agrees or a grown-up is helping
(on a group's shared device, the session's recorded consent stands for it)."""

from __future__ import annotations

from typing import Any

from flask import redirect, url_for
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovRadioInput, GovSubmitInput
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import BooleanField, RadioField, SelectChoice, SubmitField, ValidationError
from wtforms.validators import InputRequired

from coprod.db import db_session
from coprod.forms import StripWhitespaceForm
from coprod.models import Draft
from coprod.services import drafts as draft_service
from coprod.surveys import SurveyDefinition
from coprod.vocabulary import UNDER_13_BANDS
from coprod.web import shared_device


def for_children(definition: SurveyDefinition) -> bool:
    """Whether the survey is answered by children and young people themselves."""
    return definition.respondent_role == "young_person"


def _age_question(definition: SurveyDefinition) -> str | None:
    found = [q.id for q in definition.questions if q.representation == "age_band"]
    return found[0] if found else None


def needs_grown_up(definition: SurveyDefinition, draft: Draft, answers: dict[str, Any]) -> bool:
    """Whether the child said they are under 13 and no grown-up has said yes yet."""
    age_question = _age_question(definition)
    return (
        for_children(definition)
        and age_question is not None
        and answers.get(age_question) in UNDER_13_BANDS
        and draft.grown_up is None
    )


def grown_up_page(
    definition: SurveyDefinition, draft: Draft, answers: dict[str, Any]
) -> str | None:
    """Where an under-13 must go before carrying on, if anywhere. On a group's shared device the
    session recorded consent, which is noted instead of asking."""
    if not needs_grown_up(definition, draft, answers):
        return None
    if shared_device.active():
        draft_service.set_grown_up(db_session(), draft, "session")
        return None
    return url_for("respond.grown_up", slug=definition.slug)


def is_age_question(definition: SurveyDefinition, question_id: str) -> bool:
    return question_id == _age_question(definition)


def age_question_url(definition: SurveyDefinition) -> str:
    """The age question, to change the answer."""
    return url_for(
        "respond.question", slug=definition.slug, question_id=_age_question(definition), change=1
    )


WHO = {
    "parent": _l("Yes, my mum, dad or carer is here. They say I can answer."),
    "helper": _l("Yes, a grown-up from my group or school is helping me."),
    "alone": _l("No, not right now."),
}


class GrownUpForm(StripWhitespaceForm):
    """Who is with the child, and the parent's or carer's yes."""

    who = RadioField(
        _l("Is a grown-up with you?"),
        description=_l("Children under 13 need a grown-up to say yes before they answer."),
        choices=[SelectChoice(value, label) for value, label in WHO.items()],
        validators=[InputRequired(message=_l("Choose who is with you"))],
        widget=GovRadioInput(),
    )
    parent_agrees = BooleanField(
        _l("Parent or carer: I agree to my child answering. I know we are not asked for names."),
        widget=GovCheckboxInput(),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_parent_agrees(self, field: BooleanField) -> None:
        if self.who.data == "parent" and not field.data:
            raise ValidationError(_l("Parent or carer: tick the box to say you agree"))


def redirect_if_waiting(
    definition: SurveyDefinition,
    draft: Draft,
    answers: dict[str, Any],
    question_id: str | None = None,
) -> WerkzeugResponse | None:
    """Send an under-13 with no grown-up back to that page from anywhere but the age question
    (``answers``: the draft's answers as they now stand)."""
    if question_id is not None and is_age_question(definition, question_id):
        return None
    page = grown_up_page(definition, draft, answers)
    return redirect(page) if page else None
