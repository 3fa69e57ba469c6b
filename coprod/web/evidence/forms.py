"""The evidence dashboard's choices: framework, period and who to look at."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import SelectChoice, SelectField, SubmitField

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
