"""The evidence pages' forms: the dashboard's choices (framework, period, who to look at),
which survey's responses to download, and a focus area's position statement."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from coprod.forms import StripWhitespaceForm
from coprod.languages import LANGUAGES
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.fields import choices
from coprod.web.review.forms import SOURCES


def _everyone(labels: dict[str, object]) -> list[SelectChoice]:
    return [SelectChoice("", _l("Everyone")), *choices(labels)]


class EvidenceForm(StripWhitespaceForm):
    """What the dashboard shows, sent in the address so a view can be bookmarked and shared."""

    class Meta:
        csrf = False

    framework = SelectField(_l("Framework"), widget=GovSelect())
    period = SelectField(_l("Monitoring period"), widget=GovSelect())
    role = SelectField(_l("Who said it"), choices=_everyone(ROLES), default="", widget=GovSelect())
    source = SelectField(
        _l("Where it was said"),
        choices=[SelectChoice("", _l("Surveys and sessions")), *choices(SOURCES)],
        default="",
        widget=GovSelect(),
    )
    age_band = SelectField(
        _l("Age of the child or young person"),
        choices=[SelectChoice("", _l("Any age")), *choices(AGE_BANDS)],
        default="",
        widget=GovSelect(),
    )
    language = SelectField(
        _l("Language"),
        choices=[
            SelectChoice("", _l("Any language")),
            *(SelectChoice(code, lang.own_name) for code, lang in LANGUAGES.items()),
        ],
        default="",
        widget=GovSelect(),
    )
    submit = SubmitField(_l("Show the evidence"), widget=GovSubmitInput())


#: The files the responses export comes as.
RESPONSE_FILES = {
    "csv": _l("CSV, for any spreadsheet or statistics program"),
    "dictionary": _l("What each column of the CSV holds (its data dictionary, also a CSV)"),
    "xlsx": _l("Excel workbook, with a sheet saying what each column holds"),
}


def _one_of_the_choices(message: object) -> object:
    def check(_form: object, field: Field) -> None:
        if field.data not in {choice[0] for choice in field.iter_choices() if choice[0]}:
            raise ValidationError(str(message))

    return check


class ResponsesForm(StripWhitespaceForm):
    """Which survey's responses to download, for which period, as which file; sent in the
    address, so a download can be bookmarked."""

    class Meta:
        csrf = False

    # Ids of their own, as the form also sits on the dashboard beside the dashboard's own form.
    survey = SelectField(
        _l("Survey"),
        id="responses-survey",
        validators=[
            InputRequired(message=_l("Select a survey")),
            _one_of_the_choices(_l("Select one of the surveys in the list")),
        ],
        validate_choice=False,
        widget=GovSelect(),
    )
    period = SelectField(
        _l("Monitoring period"),
        id="responses-period",
        validators=[
            InputRequired(message=_l("Select a monitoring period")),
            _one_of_the_choices(_l("Select one of the monitoring periods in the list")),
        ],
        validate_choice=False,
        widget=GovSelect(),
    )
    format = RadioField(
        _l("File"),
        id="responses-format",
        description=_l(
            "The CSV opens in any spreadsheet or statistics program; download its data "
            "dictionary with it. The workbook holds both."
        ),
        choices=[SelectChoice(value, label) for value, label in RESPONSE_FILES.items()],
        default="csv",
        validators=[InputRequired(message=_l("Select which file to download"))],
        validate_choice=False,
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Download"), id="responses-submit", widget=GovSubmitInput())

    def validate_format(self, field: Field) -> None:
        """Only the files offered."""
        if field.data not in RESPONSE_FILES:
            raise ValidationError(str(_l("Select which file to download")))


#: The most a part of a position statement may hold: about four pages of text.
LONGEST_PART = 10_000


def _part(label: object, hint: object, required: str | None = None) -> TextAreaField:
    checks: list[object] = [
        Length(max=LONGEST_PART, message=_l("Keep this under 10,000 characters"))
    ]
    checks.insert(0, DataRequired(message=required) if required else Optional())
    return TextAreaField(label, validators=checks, description=hint, widget=GovTextArea())


class PositionForm(StripWhitespaceForm):
    """A focus area's position statement, in the five parts the board signs."""

    conclusion = _part(
        _l("Conclusion"),
        _l("Where the area stands now, in a few sentences."),
        _l("Write the conclusion"),
    )
    how_reached = _part(
        _l("How it was reached"),
        _l("Who was heard, how many, over which period, and how their words were analysed."),
        _l("Say how the conclusion was reached"),
    )
    evidence = _part(
        _l("Links to the evidence"), _l("Where the board can see the figures, charts and words.")
    )
    next_steps = _part(_l("Next steps"), _l("What will be done next, by whom and by when."))
    sustainability = _part(
        _l("Sustainability"), _l("How the improvement will last once the monitoring ends.")
    )
    based_on = HiddenField()
    period = HiddenField()
    submit = SubmitField(_l("Save a new version"), widget=GovSubmitInput())
