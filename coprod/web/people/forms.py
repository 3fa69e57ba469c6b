"""The forms for adding a member of staff and changing what they may do."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length

from coprod.forms import StripWhitespaceForm
from coprod.services.passwords import password_problem

PASSWORD_PROBLEMS = {
    "short": _l("The password must be at least 12 characters"),
    "repetitive": _l("The password repeats too few characters: use three or four random words"),
    "common": _l(
        "That password is one of the most common and is easy to guess: "
        "use three or four random words"
    ),
    "personal": _l("The password must not contain their name or email address"),
}

ROLE_NAMES = {
    "facilitator": _l("Facilitator: records sessions"),
    "analyst": _l("Analyst: reviews statements, reports, sees safeguarding alerts"),
    "admin": _l("Admin: everything, and staff accounts"),
}


def _role_field() -> RadioField:
    return RadioField(
        _l("Role"),
        choices=[SelectChoice(role, name) for role, name in ROLE_NAMES.items()],
        validators=[InputRequired(message=_l("Choose a role"))],
        widget=GovRadioInput(),
    )


class NewPersonForm(StripWhitespaceForm):
    """Name, email, role and a first password the person is told in person."""

    name = StringField(
        _l("Full name"),
        validators=[
            DataRequired(message=_l("Enter their name")),
            Length(max=120, message=_l("Enter a name of 120 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    email = StringField(
        _l("Email address"),
        validators=[
            DataRequired(message=_l("Enter their email address")),
            Length(max=254, message=_l("Enter an email address of 254 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    role = _role_field()
    password = PasswordField(
        _l("Password"),
        description=_l(
            "At least 12 characters. Three or four random words are easy to remember and hard "
            "to guess. Common passwords are refused."
        ),
        validators=[
            DataRequired(message=_l("Enter a password")),
            Length(max=200, message=_l("Enter a password of 200 characters or fewer")),
        ],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Add this person"), widget=GovSubmitInput())

    def validate_email(self, field: StringField) -> None:
        if "@" not in (field.data or "").strip("@"):
            raise ValidationError(
                _l("Enter an email address in the correct format, like name@example.org")
            )

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "", self.email.data or "", self.name.data or "")
        if problem:
            raise ValidationError(PASSWORD_PROBLEMS[problem])


class AccessForm(StripWhitespaceForm):
    """What the person may do, and whether they may sign in at all."""

    role = _role_field()
    active = BooleanField(_l("They can sign in"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save changes"), widget=GovSubmitInput())
