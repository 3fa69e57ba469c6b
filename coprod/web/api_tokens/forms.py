"""The forms for making an API token and revoking one."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput, GovTextInput
from wtforms import SelectMultipleField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from coprod.forms import StripWhitespaceForm
from coprod.services.api_tokens import NAME_LENGTH
from coprod.web.fields import DayMonthYearField, choices
from coprod.web.sessions.forms import without_repeats

SCOPE_NAMES = {
    "statements:read": _l("Statements: what people said, redacted, one by one"),
    "aggregates:read": _l("Counts: people and statements by focus area and period"),
}


class NewTokenForm(StripWhitespaceForm):
    """A name that says what will use it, what it may read, and when it stops working."""

    name = StringField(
        _l("Name"),
        description=_l("Say what will use it, for example Power BI board dashboard."),
        validators=[
            DataRequired(message=_l("Enter a name for the token")),
            Length(
                max=NAME_LENGTH,
                message=_l("Enter a name of %(most)s characters or fewer", most=NAME_LENGTH),
            ),
        ],
        widget=GovTextInput(),
    )
    scopes = SelectMultipleField(
        _l("What it may read"),
        choices=choices(SCOPE_NAMES),
        description=_l("Select all it needs, and no more."),
        filters=[without_repeats],
        validators=[DataRequired(message=_l("Select what the token may read"))],
        widget=GovCheckboxesInput(),
    )
    expires_on = DayMonthYearField(
        _l("Last day it works (optional)"),
        description=_l(
            "For example, 31 3 2027. Leave it empty for a token that works until it is revoked."
        ),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Make the token"), widget=GovSubmitInput())

    def validate_expires_on(self, field: DayMonthYearField) -> None:
        if field.data is not None and field.data <= datetime.now(UTC).date():
            raise ValidationError(_l("The last day it works must be in the future"))


class RevokeForm(StripWhitespaceForm):
    """Confirm that the token should stop working."""

    submit = SubmitField(_l("Revoke this token"), widget=GovSubmitInput())
