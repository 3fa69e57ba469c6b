"""The review pages' forms: the queue's filters, accepting, and correcting a statement."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.validators import Optional

from coprod.forms import StripWhitespaceForm
from coprod.vocabulary import ROLES
from coprod.web.fields import DayMonthYearField, choices

SENTIMENTS = {
    "positive": _l("Positive"),
    "negative": _l("Negative"),
    "neutral": _l("Neutral"),
    "mixed": _l("Mixed"),
}
SOURCES = {"survey": _l("Survey"), "session": _l("Session")}
FLAGS = {
    "safeguarding": _l("Safeguarding concern"),
    "translation": _l("Needs translating"),
    "problem": _l("Could not be analysed"),
}
CONFIDENCE = {
    "low": _l("Not sure (under 50%)"),
    "medium": _l("Fairly sure (50% to 79%)"),
    "high": _l("Sure (at least 80%)"),
}
STATUSES = {
    "to_review": _l("Not reviewed yet"),
    "reviewed": _l("Reviewed"),
    "all": _l("All"),
}


def _any(labels: dict[str, Any], none: Any = None) -> list[SelectChoice]:
    """Choices for a filter: Any, then each value (then "none", if it has a label)."""
    extra = [SelectChoice("none", none)] if none is not None else []
    return [SelectChoice("", _l("Any")), *choices(labels), *extra]


class FilterForm(StripWhitespaceForm):
    """The queue's filters, sent in the address (GET), so a filtered list can be bookmarked."""

    class Meta:
        csrf = False

    framework = SelectField(_l("Framework"), widget=GovSelect())
    status = SelectField(
        _l("Status"), choices=choices(STATUSES), default="to_review", widget=GovSelect()
    )
    area = SelectField(_l("Focus area"), widget=GovSelect())
    sentiment = SelectField(
        _l("Sentiment"), choices=_any(SENTIMENTS, _l("Not scored")), default="", widget=GovSelect()
    )
    confidence = SelectField(
        _l("How sure the tagger was"), choices=_any(CONFIDENCE), default="", widget=GovSelect()
    )
    flag = SelectField(_l("Flag"), choices=_any(FLAGS), default="", widget=GovSelect())
    source = SelectField(_l("Source"), choices=_any(SOURCES), default="", widget=GovSelect())
    role = SelectField(_l("Who said it"), choices=_any(ROLES), default="", widget=GovSelect())
    said_from = DayMonthYearField(
        _l("Said on or after"), description=_l("For example, 1 9 2026"), validators=[Optional()]
    )
    said_to = DayMonthYearField(
        _l("Said on or before"), description=_l("For example, 28 2 2027"), validators=[Optional()]
    )
    page = IntegerField(default=1, validators=[Optional()])
    submit = SubmitField(_l("Show statements"), widget=GovSubmitInput())


class AcceptForm(StripWhitespaceForm):
    """Accept what a statement says now: one press."""

    seen = HiddenField()
    submit = SubmitField(_l("Accept"), widget=GovSubmitInput())


class CorrectionForm(StripWhitespaceForm):
    """Set a statement's focus areas and sentiment."""

    seen = HiddenField()
    areas = SelectMultipleField(
        _l("Focus areas"),
        description=_l("Tick every area the statement speaks to, or none."),
        validate_choice=True,
        widget=GovCheckboxesInput(),
    )
    sentiment = RadioField(
        _l("Sentiment"),
        choices=choices(SENTIMENTS),
        validators=[Optional()],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())
