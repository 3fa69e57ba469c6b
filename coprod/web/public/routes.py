"""You said, we did, for everyone: published actions per focus area in the reader's language and
format, and, for a respondent's reference code, those about the areas they spoke about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, current_app, render_template
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from coprod.db import db_session
from coprod.evidence.summary import Change
from coprod.forms import StripWhitespaceForm
from coprod.models import Action
from coprod.services import actions as service
from coprod.web.actions.forms import STATUS_NAMES
from coprod.web.evidence.drafting import signed
from coprod.web.presentation import current_format
from coprod.web.rate_limits import code_limit
from coprod.web.respond.flow import SURVEY_TEXT, catalogue

blueprint = Blueprint("public", __name__)


@blueprint.app_template_filter("signed")
def signed_in_text(value: float) -> str:
    """+0.25 or −0.10, kept left to right inside right-to-left sentences (a Unicode isolate)."""
    return f"\u2066{signed(value)}\u2069"


@blueprint.app_template_filter("month_name")
def month_name(day: date) -> str:
    """ "March 2026", in the page's language."""
    return str(format_date(day, "MMMM y"))


Page = Any


class ReferenceForm(StripWhitespaceForm):
    """The reference code a person was given when they sent their answers."""

    reference = StringField(
        _l("Your reference code"),
        description=_l("It is on the page you saw after sending your answers, like K7PM-4QXD."),
        validators=[
            DataRequired(message=_l("Enter your reference code")),
            Length(
                max=40, message=_l("A reference code has 8 letters and numbers, like K7PM-4QXD")
            ),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Show what was done"), widget=GovSubmitInput())


@dataclass(frozen=True)
class Shown:
    """An action as this reader sees it: words in their language where written, else English."""

    action: Action
    you_said: str
    we_did: str
    #: The language the words are in, so the page marks English text inside another language.
    language: str
    change: Change | None


def _framework() -> str:
    frameworks = catalogue().frameworks
    wanted = current_app.config.get("PUBLIC_FRAMEWORK", "default")
    return str(wanted) if wanted in frameworks else next(iter(frameworks))


def _shown(action: Action, changes: bool) -> Shown:
    language = str(get_locale() or "en")
    written = action.translations.get(language, {})
    if current_format() == "easy-read" and language == "en":
        you_said = action.easy_you_said or action.you_said
        we_did = action.easy_we_did or action.we_did
    else:
        you_said = written.get("you_said") or action.you_said
        we_did = written.get("we_did") or action.we_did
    change = (
        service.sentiment_around(
            db_session(),
            action,
            int(current_app.config["MONITORING_MONTHS"]),
            date.today(),
            int(current_app.config["DISCLOSURE_THRESHOLD"]),
        )
        if changes
        else None
    )
    in_language = language if written.get("we_did") else "en"
    return Shown(action, you_said, we_did, in_language, change)


def _area_names(framework: str) -> dict[str, str]:
    easy = current_format() == "easy-read"
    return {
        area.slug: str(
            SURVEY_TEXT.gettext(area.easy_read_name if easy and area.easy_read_name else area.name)
        )
        for area in catalogue().frameworks[framework].focus_areas
    }


def _page(form: ReferenceForm, areas: set[str] | None = None, not_found: bool = False) -> str:
    framework = _framework()
    names = _area_names(framework)
    listed = service.actions_in(db_session(), framework, published_only=True, areas=areas)
    by_area: dict[str, list[Shown]] = {slug: [] for slug in names}
    for action in listed:
        if action.focus_area in by_area:
            by_area[action.focus_area].append(_shown(action, action.status == "done"))
    return render_template(
        "public/you_said_we_did.html",
        form=form,
        by_area={slug: shown for slug, shown in by_area.items() if shown},
        area_names=names,
        mine=areas is not None,
        not_found=not_found,
        status_names=STATUS_NAMES,
    )


@blueprint.get("/you-said-we-did")
def you_said_we_did() -> Page:
    """Every published action, by focus area."""
    return _page(ReferenceForm(formdata=None))


@blueprint.post("/you-said-we-did")
@code_limit
def for_my_answers() -> Page:
    """The published actions in the areas a respondent spoke about, found by their code."""
    form = ReferenceForm()
    if not form.validate_on_submit():
        return _page(form), 400
    areas = service.areas_spoken_about(db_session(), form.reference.data or "", _framework())
    if areas is None:
        form.reference.errors = [
            str(
                _l(
                    "We could not find that reference code. Check it against the one you were "
                    "given, like K7PM-4QXD."
                )
            )
        ]
        return _page(form, not_found=True), 400
    return _page(form, areas)
