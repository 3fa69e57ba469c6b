"""The evidence dashboard: for a framework and a monitoring period, per focus area, who was
heard, how they felt and how that changed, closed-question results and quotes, all after
disclosure control."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import format_date, format_number, format_percent
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.evidence.cells import Scope
from coprod.evidence.periods import Period, period_named
from coprod.services import evidence_queries as figures
from coprod.services.audit import record
from coprod.services.evidence import area_evidence, evidence_settings
from coprod.services.evidence_csv import write_statements
from coprod.vocabulary import ROLES
from coprod.web.access import signed_in_staff
from coprod.web.evidence.forms import EvidenceForm
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


def _setting_problem() -> tuple[list[Period], int, str | None]:
    """The monitoring periods and threshold from the settings, or a plain message."""
    try:
        periods, threshold = evidence_settings(current_app.config, date.today())
    except ValueError as problem:
        return [], 0, str(problem)
    return periods, threshold, None


def _scope_from(form: EvidenceForm) -> Scope:
    return Scope(
        form.framework.data or _default_framework(),
        role=form.role.data or None,
        source=form.source.data or None,
        age_band=form.age_band.data or None,
        language=form.language.data or None,
    )


def evidence_page(
    template: str, scope: Scope, periods: list[Period], period: Period, threshold: int, **extra: Any
) -> str:
    """A page of the evidence for each focus area of the scope's framework."""
    names = dict(framework_areas(scope.framework))
    return render_template(
        template,
        period=period,
        period_name=period_name,
        scope=scope,
        evidence=area_evidence(db_session(), scope, list(names), periods, period, threshold),
        area_names=names,
        framework_name=str(SURVEY_TEXT.gettext(catalogue().frameworks[scope.framework].name)),
        retired=sorted(figures.areas_in_use(db_session(), scope.framework) - set(names)),
        threshold=threshold,
        questions=_question_texts(),
        role_names={**ROLES, "unknown": _("Not known")},
        source_names=SOURCES,
        label_names={**SENTIMENTS, "unscored": _("Not scored yet (waiting for translation)")},
        **extra,
    )


@blueprint.get("/")
def dashboard() -> Page:
    """The evidence per focus area for the chosen framework, period and people."""
    periods, threshold, problem = _setting_problem()
    form = _form(periods)
    if problem:
        return render_template("evidence/dashboard.html", form=form, problem=problem)
    period = period_named(periods, form.period.data) or periods[-1]
    return evidence_page(
        "evidence/dashboard.html", _scope_from(form), periods, period, threshold, form=form
    )


@blueprint.get("/print")
def printable() -> Page:
    """The same evidence as one page to print or save."""
    periods, threshold, problem = _setting_problem()
    if problem:
        abort(404)
    form = _form(periods)
    period = period_named(periods, form.period.data) or periods[-1]
    return evidence_page("evidence/printable.html", _scope_from(form), periods, period, threshold)


@blueprint.get("/statements.csv")
def statements_csv() -> Page:
    """The period's statements as CSV: redacted, and only areas where enough people spoke."""
    user = signed_in_staff()
    periods, threshold, problem = _setting_problem()
    if problem:
        abort(404)
    form = _form(periods)
    period = period_named(periods, form.period.data) or periods[-1]
    framework = form.framework.data or _default_framework()
    out = io.StringIO()
    written = write_statements(db_session(), framework, period, out, threshold)
    record(
        db_session(),
        "evidence_exported",
        user_id=user.id,
        subject=f"{framework} {period.key}",
        detail={"format": "csv", "statements": written},
    )
    db_session().commit()
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=statements-{framework}-{period.key}.csv"
        },
    )
