"""The sign-in form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from coprod.forms import StripWhitespaceForm


class SignInForm(StripWhitespaceForm):
    """Email address and password."""

    email = StringField(
        _l("Email address"),
        validators=[
            DataRequired(message=_l("Enter your email address")),
            Length(max=254, message=_l("Enter an email address of 254 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Enter your password")),
            Length(max=200, message=_l("Enter a password of 200 characters or fewer")),
        ],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
