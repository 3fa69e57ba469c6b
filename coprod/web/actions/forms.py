"""The form for one "you said, we did" action, with its words in every shipped language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from coprod.forms import StripWhitespaceForm
from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES
from coprod.web.fields import DayMonthYearField, choices

STATUS_NAMES = {
    "planned": _l("Planned"),
    "in_progress": _l("Under way"),
    "done": _l("Done"),
}
LONGEST = 2000
_TOO_LONG = _l("Keep this under 2,000 characters")


def _words(label: Any, hint: Any = None, required: Any = None) -> TextAreaField:
    first = DataRequired(message=required) if required else Optional()
    return TextAreaField(
        label,
        validators=[first, Length(max=LONGEST, message=_TOO_LONG)],
        description=hint,
        widget=GovTextArea(),
    )


class ActionForm(StripWhitespaceForm):
    """What families said, what was done, who owns it and how far it has got."""

    focus_area = SelectField(
        _l("Focus area"),
        validators=[InputRequired(message=_l("Choose the focus area"))],
        widget=GovSelect(),
    )
    you_said = _words(
        _l("You said"),
        _l(
            "What families or young people told us, in plain words. Never a name or a detail "
            "that could identify someone."
        ),
        _l("Write what people said"),
    )
    we_did = _words(
        _l("We did"),
        _l("What the partnership did or will do about it."),
        _l("Write what was done"),
    )
    easy_you_said = _words(_l("You said, in easy read"), _l("Short sentences and everyday words."))
    easy_we_did = _words(_l("We did, in easy read"))
    status = RadioField(
        _l("How far has it got?"),
        choices=choices(STATUS_NAMES),
        default="planned",
        validators=[InputRequired(message=_l("Choose how far it has got"))],
        widget=GovRadioInput(),
    )
    owner = StringField(
        _l("Who owns it"),
        description=_l("A team or post, such as “SEND casework team”."),
        validators=[
            DataRequired(message=_l("Say which team or post owns it")),
            Length(max=120, message=_l("Keep this under 120 characters")),
        ],
        widget=GovTextInput(),
    )
    started_on = DayMonthYearField(_l("Started"), validators=[Optional()])
    due_on = DayMonthYearField(_l("Due"), validators=[Optional()])
    done_on = DayMonthYearField(_l("Done on"), validators=[Optional()])
    statements = SelectMultipleField(
        _l("What people said that prompted it"),
        coerce=int,
        validate_choice=False,
        widget=GovCheckboxesInput(),
    )
    published = BooleanField(
        _l("Show it on the public “You said, we did” page"), widget=GovCheckboxInput()
    )
    version = HiddenField()
    submit = SubmitField(_l("Save the action"), widget=GovSubmitInput())

    def validate_done_on(self, field: DayMonthYearField) -> None:
        if self.status.data == "done" and field.data is None:
            raise ValidationError(_l("Give the date it was done"))
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError(
                _l("The date it was done must be on or after the date it started")
            )

    def validate_due_on(self, field: DayMonthYearField) -> None:
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError(_l("The due date must be on or after the date it started"))

    def translated(self) -> dict[str, dict[str, str]]:
        """The words written in other languages, by language code (blank ones left out)."""
        found = {}
        for code in OTHER_LANGUAGES:
            words = {
                part: self[f"{part}_{code}"].data
                for part in ("you_said", "we_did")
                if self[f"{part}_{code}"].data
            }
            if words:
                found[code] = words
        return found


#: The shipped languages an action's words can be written in besides English.
OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
for _code in OTHER_LANGUAGES:
    _name = LANGUAGES[_code].own_name
    setattr(
        ActionForm, f"you_said_{_code}", _words(_l("You said, in %(language)s", language=_name))
    )
    setattr(ActionForm, f"we_did_{_code}", _words(_l("We did, in %(language)s", language=_name)))
