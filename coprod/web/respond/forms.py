"""Forms of the respondent pages other than the questions themselves."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from coprod.forms import StripWhitespaceForm


class ButtonForm(StripWhitespaceForm):
    """A form that is only a button: start, send. It carries the CSRF token."""


class ResumeForm(StripWhitespaceForm):
    """Come back to a survey with the short code."""

    code = StringField(
        _l("Your code"),
        description=_l("It has 8 letters and numbers, like K7PM-4QXD."),
        validators=[
            DataRequired(message=_l("Enter the code you were given")),
            Length(max=20, message=_l("The code must be 8 letters and numbers, like K7PM-4QXD")),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())
