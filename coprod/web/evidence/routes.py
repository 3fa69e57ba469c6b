"""The evidence dashboard: for a framework and a monitoring period, per focus area, who was
heard, how they felt and how that changed, closed-question results and quotes, all after
disclosure control."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import format_date, format_number, format_percent
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.evidence.cells import Scope
from coprod.evidence.periods import Period, period_named
from coprod.languages import LANGUAGES
from coprod.models import Action
from coprod.services import evidence_queries as figures
from coprod.services.actions import actions_in
from coprod.services.audit import record
from coprod.services.evidence import area_evidence, evidence_settings
from coprod.services.evidence_csv import write_statements
from coprod.services.evidence_themes import themes
from coprod.services.evidence_xlsx import write_statements_workbook
from coprod.services.positions import latest_by_area
from coprod.services.response_rows import survey_choices
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.access import ANALYSTS, signed_in_staff
from coprod.web.actions.forms import STATUS_NAMES
from coprod.web.downloads import XLSX_TYPE, attachment, csv_bytes
from coprod.web.evidence.area_charts import area_charts
from coprod.web.evidence.forms import EvidenceForm, ResponsesForm
from coprod.web.evidence.representation import answer_names, who_was_heard
from coprod.web.respond.flow import SURVEY_TEXT, catalogue
from coprod.web.review.forms import SENTIMENTS, SOURCES
from coprod.web.sessions.access import framework_areas

blueprint = Blueprint("evidence", __name__, url_prefix="/staff/evidence")

Page = Any


@blueprint.before_request
@login_required
def _staff_only() -> None:
    """Every evidence page is for signed-in staff."""


blueprint.add_app_template_filter(format_number, "format_number")
blueprint.add_app_template_filter(format_percent, "format_percent")


def period_name(period: Period) -> str:
    """ "January 2026 to June 2026", in the page's language."""
    return _(
        "%(start)s to %(end)s",
        start=format_date(period.start, "MMMM y"),
        end=format_date(period.end - timedelta(days=1), "MMMM y"),
    )


def _question_texts() -> dict[str, str]:
    """Each question's wording by its id, in the page's language."""
    return {
        q.id: str(SURVEY_TEXT.gettext(q.text))
        for definition in catalogue().surveys.values()
        for q in definition.questions
    }


def _default_framework() -> str:
    frameworks = catalogue().frameworks
    return "default" if "default" in frameworks else next(iter(frameworks))


def _form(periods: list[Period]) -> EvidenceForm:
    args = MultiDict(request.args)
    form = EvidenceForm(
        formdata=args if args else None,
        framework=_default_framework(),
        period=periods[-1].key if periods else "",
    )
    form.framework.choices = [
        SelectChoice(slug, str(SURVEY_TEXT.gettext(f.name)))
        for slug, f in catalogue().frameworks.items()
    ]
    form.period.choices = [SelectChoice(p.key, period_name(p)) for p in reversed(periods)]
    for field in form:
        if field.type == "SelectField" and field.data not in {c[0] for c in field.iter_choices()}:
            field.data = field.default or ""  # a hand-edited address: show the default instead
    return form


def responses_form(periods: list[Period], args: MultiDict[str, str] | None) -> ResponsesForm:
    """Which survey's responses to download: the stored surveys and the monitoring periods
    (newest first) to choose from, filled in from ``args`` when given."""
    form = ResponsesForm(formdata=args, period=periods[-1].key if periods else "")
    surveys = survey_choices(db_session())
    form.survey.choices = [
        SelectChoice("", _("Choose a survey")),
        *(SelectChoice(slug, str(SURVEY_TEXT.gettext(title))) for slug, title in surveys),
    ]
    form.period.choices = [SelectChoice(p.key, period_name(p)) for p in reversed(periods)]
    return form


@dataclass(frozen=True)
class _Chosen:
    """What the address asks for, with the settings' periods and threshold; ``problem`` is a
    plain message when the settings cannot work (then nothing else is set)."""

    form: EvidenceForm
    periods: list[Period]
    period: Period | None
    threshold: int
    problem: str | None


def _chosen() -> _Chosen:
    try:
        periods, threshold = evidence_settings(current_app.config, date.today())
    except ValueError as problem:
        return _Chosen(_form([]), [], None, 0, str(problem))
    form = _form(periods)
    period = period_named(periods, form.period.data) or periods[-1]
    return _Chosen(form, periods, period, threshold, None)


def _settings_problem(chosen: _Chosen) -> str:
    """The dashboard saying, in plain words, which setting stops the evidence being shown."""
    return render_template("evidence/dashboard.html", form=chosen.form, problem=chosen.problem)


def _scope_from(form: EvidenceForm) -> Scope:
    return Scope(
        form.framework.data or _default_framework(),
        role=form.role.data or None,
        source=form.source.data or None,
        age_band=form.age_band.data or None,
        language=form.language.data or None,
    )


def _filters_named(scope: Scope) -> list[str]:
    """The filters in force, as a reader would name them: "Parent or carer", "Urdu"…"""
    names = [
        ROLES.get(scope.role or ""),
        SOURCES.get(scope.source or ""),
        AGE_BANDS.get(scope.age_band or ""),
        LANGUAGES[scope.language].own_name if scope.language in LANGUAGES else None,
    ]
    return [str(name) for name in names if name]


def evidence_context(
    scope: Scope, periods: list[Period], period: Period, threshold: int
) -> dict[str, Any]:
    """Everything the evidence pages and the board pack show, for each of the framework's areas."""
    session = db_session()
    names = dict(framework_areas(scope.framework))
    names_of_answers = answer_names()
    return {
        "period": period,
        "period_name": period_name,
        "scope": scope,
        "filters": _filters_named(scope),
        "evidence": area_evidence(session, scope, list(names), periods, period, threshold),
        "area_names": names,
        "framework_name": str(SURVEY_TEXT.gettext(catalogue().frameworks[scope.framework].name)),
        "retired": sorted(figures.areas_in_use(session, scope.framework) - set(names)),
        "threshold": threshold,
        "questions": _question_texts(),
        "role_names": {**ROLES, "unknown": _("Not known")},
        "source_names": SOURCES,
        "label_names": {**SENTIMENTS, "unscored": _("Not scored yet (waiting for translation)")},
        "positions": latest_by_area(session, scope.framework),
        "actions": _by_area(actions_in(session, scope.framework, published_only=False)),
        "status_names": STATUS_NAMES,
        "heard": who_was_heard(period, threshold, names_of_answers),
        "themes": themes(session, scope, period, threshold),
        "area_charts": area_charts,
        "chart_address": lambda area, kind: None,
        "answer_names": names_of_answers,
    }


def _by_area(actions: list[Action]) -> dict[str, list[Action]]:
    found: dict[str, list[Action]] = {}
    for action in actions:
        found.setdefault(action.focus_area, []).append(action)
    return found


def evidence_page(
    template: str, scope: Scope, periods: list[Period], period: Period, threshold: int, **extra: Any
) -> str:
    """A page of the evidence for each focus area of the scope's framework."""
    return render_template(
        template, **{**evidence_context(scope, periods, period, threshold), **extra}
    )


def _chart_address(area: str, kind: str) -> str:
    """Where the dashboard's page fetches a chart, for the same period and filters."""
    query = urlencode(request.args)
    return url_for("evidence.chart", area=area, kind=kind) + (f"?{query}" if query else "")


@blueprint.get("/")
def dashboard() -> Page:
    """The evidence per focus area for the chosen framework, period and people."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    responses = None
    if signed_in_staff().role in ANALYSTS:
        responses = responses_form(chosen.periods, None)
        responses.period.data = chosen.period.key
    return evidence_page(
        "evidence/dashboard.html",
        _scope_from(chosen.form),
        chosen.periods,
        chosen.period,
        chosen.threshold,
        form=chosen.form,
        editable=True,
        chart_address=_chart_address,
        responses_form=responses,
    )


@blueprint.get("/print")
def printable() -> Page:
    """The same evidence as one page to print or save."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    return evidence_page(
        "evidence/printable.html",
        _scope_from(chosen.form),
        chosen.periods,
        chosen.period,
        chosen.threshold,
    )


@blueprint.get("/statements.<any(csv, xlsx):extension>")
def statements_export(extension: str) -> Page:
    """The period's statements as CSV or an Excel workbook (with a data dictionary sheet):
    redacted, and only areas where enough people spoke. Audited."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    period = chosen.period
    framework = chosen.form.framework.data or _default_framework()
    if extension == "csv":
        text = io.StringIO()
        written = write_statements(db_session(), framework, period, text, chosen.threshold)
        body, mimetype = csv_bytes(text.getvalue()), "text/csv"
    else:
        binary = io.BytesIO()
        written = write_statements_workbook(
            db_session(), framework, period, binary, chosen.threshold
        )
        body, mimetype = binary.getvalue(), XLSX_TYPE
    record(
        db_session(),
        "evidence_exported",
        user_id=signed_in_staff().id,
        subject=f"{framework} {period.key}",
        detail={"format": extension, "statements": written},
    )
    db_session().commit()
    return attachment(body, mimetype, f"statements-{framework}-{period.key}.{extension}")
