"""The import pages' forms: the file and where its answers go, then what each column holds."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from coprod.forms import StripWhitespaceForm

#: The survey choice that makes a new "imported" survey from the file.
NEW_SURVEY = "new"
#: What a column of the tool's own holds, which no focus area is about.
NOT_ANSWERS = ("ignore", "key", "submitted")


class UploadForm(StripWhitespaceForm):
    """A file exported from another tool, and the survey its answers belong to."""

    spreadsheet = FileField(
        _l("File of answers (CSV or Excel .xlsx)"),
        description=_l(
            "The export from Microsoft Forms, Google Forms, SmartSurvey or KoboToolbox, or any "
            "spreadsheet whose first row names the columns."
        ),
        widget=GovFileInput(),
    )
    survey = RadioField(
        _l("Which survey are these answers to?"),
        validators=[InputRequired(message=_l("Select the survey these answers are to"))],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    title = StringField(
        _l("Name of the new survey"),
        description=_l("For example, Parent survey about short breaks, summer 2024"),
        validators=[
            Length(max=120, message=_l("The name must be 120 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    framework = SelectField(_l("Focus areas to tag it against"), widget=GovSelect())
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_survey(self, field: Field) -> None:
        if field.data not in {choice.value for choice in self.survey.choices or ()}:
            raise ValidationError(_l("Select the survey these answers are to"))

    def validate_title(self, field: Field) -> None:
        if self.survey.data == NEW_SURVEY and not field.data:
            raise ValidationError(_l("Enter a name for the new survey"))


class ConfirmForm(StripWhitespaceForm):
    """Import the checked rows, and whether to leave out those with problems."""

    leave_out = BooleanField(
        _l("Leave out the rows with problems and import the rest"), widget=GovCheckboxInput()
    )
    submit = SubmitField(_l("Import the answers"), widget=GovSubmitInput())


def columns_form(
    columns: list[tuple[int, str, Any]],
    holds: list[tuple[str, Any]],
    areas: list[tuple[str, Any]] | None,
    answers: set[int],
    chosen: dict[int, tuple[str, str | None]],
    data: Any = None,
) -> StripWhitespaceForm:
    """One choice of what it holds per column (and of a focus area, for a new survey's columns
    of answers); the columns are (number, name, example answers)."""

    class ColumnsForm(StripWhitespaceForm):
        submit = SubmitField(_l("Check the answers"), widget=GovSubmitInput())

    allowed = [value for value, _label in holds]
    offered = [SelectChoice(value, label) for value, label in holds]
    for number, header, examples in columns:
        holds_now, area_now = chosen.get(number, ("ignore", None))
        setattr(
            ColumnsForm,
            f"holds_{number}",
            SelectField(
                header,
                choices=offered,
                default=holds_now,
                description=examples,
                validators=[AnyOf(allowed, message=_l("Choose what this column holds"))],
                validate_choice=False,
                widget=GovSelect(),
            ),
        )
        if areas is not None and (number in answers or holds_now not in NOT_ANSWERS):
            setattr(
                ColumnsForm,
                f"area_{number}",
                SelectField(
                    _l("Focus area"),
                    choices=[SelectChoice("", _l("None")), *(SelectChoice(a, n) for a, n in areas)],
                    default=area_now or "",
                    validators=[
                        AnyOf(["", *(a for a, _n in areas)], message=_l("Choose a focus area"))
                    ],
                    validate_choice=False,
                    widget=GovSelect(),
                ),
            )
    return ColumnsForm(formdata=data) if data is not None else ColumnsForm()
