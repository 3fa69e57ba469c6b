"""The forms of the session pages. Choices hold lazy labels, so they show in the page's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from coprod.forms import StripWhitespaceForm, clean_text
from coprod.languages import LANGUAGES
from coprod.vocabulary import (
    ADJUSTMENTS,
    AGE_BANDS,
    CONTRIBUTION_KINDS,
    GROUP_TYPES,
    PILES,
    ROLES,
    SESSION_MODES,
)
from coprod.web.fields import CountField, DayMonthYearField, choices, required_date

#: The longest contribution: a few paragraphs of notes from one discussion.
LONGEST_CONTRIBUTION = 5000


def with_blank(blank: Any, labels: Mapping[str, Any]) -> list[SelectChoice]:
    """Choices that start with a blank one, for an optional select."""
    return [SelectChoice("", blank), *choices(labels)]


def without_repeats(values: Any) -> Any:
    """Ticked values with any sent twice kept once, in order: a list, not a tally."""
    return list(dict.fromkeys(values)) if isinstance(values, list) else values


class DetailsForm(StripWhitespaceForm):
    """The facts of a session: the group, the date, how it was held, consent and adjustments."""

    template = RadioField(
        _l("Session template"),
        description=_l(
            "A template suggests prompts, group votes and cards for this kind of group."
        ),
        validators=[Optional()],
        validate_choice=True,
        widget=GovRadioInput(),
    )
    group_name = StringField(
        _l("Name of the group"),
        description=_l(
            "As the group knows itself, for example Youth voice group. No names of people."
        ),
        validators=[
            DataRequired(message=_l("Enter the name of the group")),
            Length(max=120, message=_l("The name of the group must be 120 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    group_type = RadioField(
        _l("Type of group"),
        choices=choices(GROUP_TYPES),
        validators=[InputRequired(message=_l("Select the type of group"))],
        widget=GovRadioInput(),
    )
    held_on = DayMonthYearField(
        _l("Date of the session"),
        description=_l("For example, 27 3 2026"),
        validators=[required_date(_l("Enter the date of the session"))],
    )
    mode = RadioField(
        _l("How was it held?"),
        choices=choices(SESSION_MODES),
        validators=[InputRequired(message=_l("Select in person or online"))],
        widget=GovRadioInput(),
    )
    consent_recorded = BooleanField(
        _l("Everyone agreed to what they say being used as evidence, without their names"),
        widget=GovCheckboxInput(),
    )
    parental_consent_recorded = BooleanField(
        _l("For each child under 13, a parent or carer agreed too"),
        widget=GovCheckboxInput(),
    )
    adjustments = SelectMultipleField(
        _l("Adjustments used"),
        choices=choices(ADJUSTMENTS),
        description=_l("Select all that were used."),
        filters=[without_repeats],
        widget=GovCheckboxesInput(),
    )
    languages = SelectMultipleField(
        _l("Languages used"),
        choices=[SelectChoice(code, lang.own_name) for code, lang in LANGUAGES.items()],
        description=_l("Select all that were spoken or written."),
        filters=[without_repeats],
        widget=GovCheckboxesInput(),
    )
    submit = SubmitField(_l("Save and continue"), widget=GovSubmitInput())


ATTENDANCE_ROWS: tuple[tuple[str, str | None], ...] = (
    *(("young_person", band) for band in AGE_BANDS),
    ("parent_carer", None),
    ("professional", None),
    ("other", None),
)


def attendance_field_name(role: str, band: str | None) -> str:
    """The form field for a (role, age band) count, e.g. ``young_person_11_12``."""
    return f"{role}_{band.replace('-', '_')}" if band else role


def attendance_label(role: str, band: str | None) -> Any:
    """The label of a count: the age band for young people, otherwise the role."""
    if band:
        return _l("Aged %(band)s", band=AGE_BANDS[band])
    return ROLES[role]


class AttendanceForm(StripWhitespaceForm):
    """How many people came, by role and, for children and young people, by age band."""

    submit = SubmitField(_l("Save and continue"), widget=GovSubmitInput())


for _role, _band in ATTENDANCE_ROWS:
    setattr(
        AttendanceForm,
        attendance_field_name(_role, _band),
        CountField(attendance_label(_role, _band)),
    )


class ContributionForm(StripWhitespaceForm):
    """Something said in the session."""

    text = TextAreaField(
        _l("What was said"),
        description=_l("Leave out names and anything else that would identify someone."),
        validators=[
            DataRequired(message=_l("Enter what was said")),
            Length(
                max=LONGEST_CONTRIBUTION,
                message=_l(
                    "What was said must be %(most)s characters or fewer: split it into two",
                    most=LONGEST_CONTRIBUTION,
                ),
            ),
        ],
        widget=GovCharacterCount(),
    )
    kind = RadioField(
        _l("Is this their own words?"),
        choices=choices(CONTRIBUTION_KINDS),
        default="quote",
        validators=[InputRequired(message=_l("Select quote or paraphrase"))],
        widget=GovRadioInput(),
    )
    whole_group = BooleanField(
        _l("This sums up the whole group's discussion (counted once, for the group)"),
        widget=GovCheckboxInput(),
    )
    role = SelectField(
        _l("Who said it"),
        choices=choices(ROLES),
        default="young_person",
        widget=GovSelect(),
    )
    age_band = SelectField(
        _l("Their age band"),
        choices=with_blank(_l("Not known or not asked"), AGE_BANDS),
        description=_l("For a child or young person."),
        widget=GovSelect(),
    )
    focus_area = SelectField(_l("Focus area (optional)"), widget=GovSelect())
    submit = SubmitField(_l("Save and add another"), widget=GovSubmitInput())


class TallyOptionForm(Form):
    """One option of a group vote and how many chose it."""

    label = StringField(
        _l("Option"),
        filters=[clean_text],
        validators=[Length(max=200, message=_l("An option must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    count = CountField(_l("How many"))


class TallyForm(StripWhitespaceForm):
    """A question put to the group with the count for each option."""

    text = StringField(
        _l("Question put to the group"),
        validators=[
            DataRequired(message=_l("Enter the question put to the group")),
            Length(max=500, message=_l("The question must be 500 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    focus_area = SelectField(_l("Focus area (optional)"), widget=GovSelect())
    role = SelectField(
        _l("Who voted"), choices=choices(ROLES), default="young_person", widget=GovSelect()
    )
    options = FieldList(FormField(TallyOptionForm), min_entries=6, max_entries=6)
    submit = SubmitField(_l("Save the vote"), widget=GovSubmitInput())


class CardRowForm(Form):
    """One card of a group card sort with how many put it in each pile."""

    card = StringField(
        _l("Card"),
        filters=[clean_text],
        validators=[Length(max=200, message=_l("A card must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    focus_area = SelectField(_l("Focus area"), widget=GovSelect())
    good = CountField(PILES["good"][0])
    not_sure = CountField(PILES["not_sure"][0])
    not_good = CountField(PILES["not_good"][0])


class CardSortForm(StripWhitespaceForm):
    """The group card sort: counts per card per pile."""

    role = SelectField(
        _l("Who sorted the cards"),
        choices=choices(ROLES),
        default="young_person",
        widget=GovSelect(),
    )
    cards = FieldList(FormField(CardRowForm), min_entries=1, max_entries=30)
    submit = SubmitField(_l("Save the card sort"), widget=GovSubmitInput())


class ActionForm(StripWhitespaceForm):
    """Something the group agreed should happen."""

    text = TextAreaField(
        _l("What was agreed"),
        validators=[
            DataRequired(message=_l("Enter what was agreed")),
            Length(max=1000, message=_l("What was agreed must be 1000 characters or fewer")),
        ],
        widget=GovCharacterCount(),
    )
    owner = StringField(
        _l("Who it goes to"),
        description=_l("A team or role, for example SEND team or Parent carer forum."),
        validators=[
            DataRequired(message=_l("Enter who it goes to")),
            Length(max=200, message=_l("Who it goes to must be 200 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Save and add another"), widget=GovSubmitInput())


class ImportForm(StripWhitespaceForm):
    """A filled-in spreadsheet of contributions."""

    spreadsheet = FileField(_l("Spreadsheet (CSV or Excel .xlsx)"), widget=GovFileInput())
    submit = SubmitField(_l("Check the spreadsheet"), widget=GovSubmitInput())


class SharedDeviceForm(StripWhitespaceForm):
    """Which survey a shared device offers at a session."""

    survey = RadioField(
        _l("Survey"),
        validators=[InputRequired(message=_l("Select a survey"))],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Start shared device mode"), widget=GovSubmitInput())


def area_choices(areas: Iterable[tuple[str, Any]], blank: Any) -> list[SelectChoice]:
    """Focus areas to choose from, starting with none."""
    return [SelectChoice("", blank), *(SelectChoice(slug, name) for slug, name in areas)]
