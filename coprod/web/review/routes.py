"""The review screens: the queue of statements, one statement with why it was tagged, and
accepting or correcting its focus areas and sentiment."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.imports.layouts import TOOLS
from coprod.models import Statement, User
from coprod.services import imports, reviews
from coprod.services.review_queue import QueueFilters, review_queue
from coprod.services.statement_analysis import free_text_in
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.respond.flow import SURVEY_TEXT, catalogue
from coprod.web.review.forms import (
    CONFIDENCE,
    FLAGS,
    SENTIMENTS,
    SOURCES,
    AcceptForm,
    CorrectionForm,
    FilterForm,
)
from coprod.web.sessions.access import framework_areas

blueprint = Blueprint("review", __name__, url_prefix="/staff/review")

Page = Any

MEANWHILE = _l(
    "Someone else reviewed this statement while you had it open. "
    "Check what they decided, then save again if you still disagree."
)
reviewers_only = roles_required(*ANALYSTS)


def _framework(slug: str | None) -> str:
    """A framework of this deployment: the one asked for, else the default (or the first)."""
    frameworks = catalogue().frameworks
    if slug in frameworks:
        return str(slug)
    return "default" if "default" in frameworks else next(iter(frameworks))


def _area_names(framework: str) -> dict[str, str]:
    """The framework's focus areas by slug, named in the page's language."""
    return dict(framework_areas(framework))


def _back_to(default: str) -> str:
    """The queue address the person came from (only ever a review page), else ``default``."""
    wanted = request.values.get("next", "")
    if wanted.startswith("/staff/review") and "//" not in wanted and "\\" not in wanted:
        return wanted
    return default


@blueprint.context_processor
def _vocabulary() -> dict[str, Any]:
    return {
        "roles": ROLES,
        "age_bands": AGE_BANDS,
        "sentiments": SENTIMENTS,
        "sources": SOURCES,
        "flags": FLAGS,
        "confidence_bands": CONFIDENCE,
    }


def _filter_form() -> FilterForm:
    args = MultiDict(request.args)
    framework = _framework(args.get("framework"))
    areas = _area_names(framework)
    form = FilterForm(formdata=args if args else None, framework=framework)
    form.framework.choices = [
        SelectChoice(slug, str(SURVEY_TEXT.gettext(f.name)))
        for slug, f in catalogue().frameworks.items()
    ]
    form.area.choices = [
        SelectChoice("", _("Any")),
        *(SelectChoice(slug, name) for slug, name in areas.items()),
        SelectChoice("none", _("No focus area")),
    ]
    for field in form:
        if field.type == "SelectField" and field.data not in {c[0] for c in field.iter_choices()}:
            field.data = field.default or ""  # a hand-edited address: show everything instead
    return form


@blueprint.get("/")
@reviewers_only
def queue() -> Page:
    """Statements to review, least certain first, with filters."""
    form = _filter_form()
    valid = all([form.said_from.validate(form), form.said_to.validate(form)])
    framework = form.framework.data or _framework(None)
    filters = QueueFilters(
        framework=framework,
        area=form.area.data or "",
        sentiment=form.sentiment.data or "",
        source=form.source.data or "",
        role=form.role.data or "",
        said_from=form.said_from.data if valid else None,
        said_to=form.said_to.data if valid else None,
        flag=form.flag.data or "",
        confidence=form.confidence.data or "",
        status=form.status.data or "to_review",
    )
    found = review_queue(db_session(), filters, form.page.data or 1 if valid else 1)
    reviewer_ids = {i.statement.reviewed_by for i in found.items} - {None}
    reviewers = dict(
        db_session().execute(select(User.id, User.name).where(User.id.in_(reviewer_ids))).all()
    )
    return render_template(
        "review/queue.html",
        form=form,
        found=found,
        framework=framework,
        area_names=_area_names(framework),
        reviewers=reviewers,
        review_counts=reviews.review_counts(db_session(), (i.statement.id for i in found.items)),
        accept_form=AcceptForm(),
        filtered=any(
            request.args.get(k) for k in request.args if k not in ("framework", "page", "submit")
        ),
    )


def _statement(statement_id: int, framework: str) -> Statement:
    """The free-text statement of the framework with that id, or 404."""
    found = db_session().scalar(
        select(Statement).where(Statement.id == statement_id, free_text_in(framework))
    )
    if found is None:
        abort(404)
    return found


def _correction_form(statement: Statement, framework: str, seen: int) -> CorrectionForm:
    names = _area_names(framework)
    fixed = reviews.areas_in(statement, framework, ("survey",))
    now = reviews.current(statement, framework)
    form = CorrectionForm(
        seen=str(seen),
        areas=sorted(now.areas - fixed),
        sentiment=now.sentiment,
    )
    form.areas.choices = [
        SelectChoice(slug, name) for slug, name in names.items() if slug not in fixed
    ]
    return form


def _seen(form: Any) -> int | None:
    value = str(form.seen.data or "")
    return int(value) if value.isdigit() else None


@blueprint.route("/statements/<int:statement_id>", methods=["GET", "POST"])
@reviewers_only
def statement(statement_id: int) -> Page:
    """One statement: what it says, why it was tagged, its history; correct it here."""
    framework = _framework(request.args.get("framework"))
    record = _statement(statement_id, framework)
    seen = reviews.review_count(db_session(), record.id)
    form = _correction_form(record, framework, seen)
    back = _back_to(url_for("review.queue", framework=framework))
    if form.validate_on_submit():
        fixed = reviews.areas_in(record, framework, ("survey",))
        decision = reviews.Decision(
            frozenset(form.areas.data or ()) | fixed, form.sentiment.data or None
        )
        try:
            made = reviews.review(
                db_session(),
                record,
                signed_in_staff(),
                framework,
                slugs=_area_names(framework),
                decision=decision,
                seen_reviews=_seen(form),
            )
        except reviews.ReviewedMeanwhile:
            db_session().rollback()
            form.areas.errors = [str(MEANWHILE)]
            form = _rebuilt(form, statement_id, framework)
        else:
            flash(
                _("Statement saved as accepted")
                if made.action == "accepted"
                else _("Statement corrected")
            )
            return redirect(back)
    return render_template(
        "review/statement.html",
        statement=record,
        framework=framework,
        area_names=_area_names(framework),
        history=reviews.reviews_of(db_session(), record.id),
        imported_from=imports.provenance(db_session(), record.response_id),
        tools=TOOLS,
        form=form,
        back=back,
    )


def _rebuilt(form: CorrectionForm, statement_id: int, framework: str) -> CorrectionForm:
    """The form again after a clash: the other person's decision shown, this person's ticks kept,
    and the count of reviews brought up to date so saving again goes through."""
    record = _statement(statement_id, framework)
    seen = reviews.review_count(db_session(), record.id)
    fresh = _correction_form(record, framework, seen)  # filled again with the posted ticks
    fresh.seen.data = str(seen)  # but carrying the new count, not the one posted
    fresh.areas.errors = form.areas.errors
    return fresh


@blueprint.post("/statements/<int:statement_id>/accept")
@reviewers_only
def accept(statement_id: int) -> Page:
    """Accept a statement's focus areas and sentiment as they are: one press from the queue."""
    framework = _framework(request.args.get("framework"))
    back = _back_to(url_for("review.queue", framework=framework))
    form = AcceptForm()
    if not form.validate_on_submit():
        abort(400)
    record = _statement(statement_id, framework)
    try:
        reviews.review(
            db_session(),
            record,
            signed_in_staff(),
            framework,
            slugs=_area_names(framework),
            seen_reviews=_seen(form),
        )
    except reviews.ReviewedMeanwhile:
        db_session().rollback()
        flash(str(MEANWHILE), "problem")
        return redirect(
            url_for("review.statement", statement_id=statement_id, framework=framework, next=back)
        )
    flash(_("Statement accepted"))
    return redirect(back)
