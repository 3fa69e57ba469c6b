"""The list of sessions, a session's overview, its details and who came, and finalising it."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.languages import LANGUAGES
from coprod.models import Attendance, GroupSession
from coprod.services import sessions as session_service
from coprod.services.session_checks import (
    activity_problems,
    contribution_problems,
    date_problem,
)
from coprod.services.session_statements import session_statements
from coprod.vocabulary import ADJUSTMENTS, PILES
from coprod.web.respond.forms import ButtonForm
from coprod.web.sessions.access import (
    blueprint,
    catalogue,
    editable,
    editor,
    focus_areas,
    recorders_only,
    staff,
    survey_text,
    template_of,
    today,
    viewable,
)
from coprod.web.sessions.forms import (
    ATTENDANCE_ROWS,
    AttendanceForm,
    DetailsForm,
    attendance_field_name,
)

Page = Any


@blueprint.get("/")
@login_required
def index() -> Page:
    """Sessions this person may see: their drafts and every final session."""
    return render_template(
        "sessions/index.html",
        records=session_service.visible_sessions(db_session(), staff()),
        can_record=session_service.can_record(staff()),
        templates=list(catalogue().session_templates.values()),
        survey_text=survey_text,
        form=ButtonForm(),
    )


def _details_form(record: GroupSession | None) -> DetailsForm:
    form = DetailsForm(obj=record)
    form.template.choices = [
        SelectChoice(t.slug, survey_text(t.title)) for t in catalogue().session_templates.values()
    ] + [SelectChoice("", _("No template"))]
    return form


def _details(form: DetailsForm) -> session_service.SessionDetails:
    """The details of a validated form (its date is then always given)."""
    assert form.held_on.data is not None
    return session_service.SessionDetails(
        group_name=form.group_name.data or "",
        group_type=form.group_type.data or "other",
        held_on=form.held_on.data,
        mode=form.mode.data or "in_person",
        template=form.template.data or None,
        consent_recorded=bool(form.consent_recorded.data),
        parental_consent_recorded=bool(form.parental_consent_recorded.data),
        adjustments=list(form.adjustments.data or []),
        languages=list(form.languages.data or []),
    )


def _valid_details(form: DetailsForm) -> bool:
    valid = form.validate_on_submit()
    if form.held_on.data is not None:
        problem = date_problem(form.held_on.data, today())
        if problem:
            form.held_on.errors = [*form.held_on.errors, problem]
            valid = False
    return valid


@blueprint.route("/new", methods=["GET", "POST"])
@recorders_only
def new() -> Page:
    """Start recording a session with its details."""
    form = _details_form(None)
    if request.method == "GET":
        chosen = catalogue().session_templates.get(request.args.get("template", ""))
        if chosen is not None:
            form.template.data = chosen.slug
            form.group_type.data = chosen.group_type
            form.adjustments.data = list(chosen.adjustments)
        form.languages.data = form.languages.data or ["en"]
    if _valid_details(form):
        record = session_service.create_session(db_session(), staff(), _details(form))
        return redirect(url_for("sessions.attendance", session_id=record.id))
    status = 400 if form.errors else 200
    return render_template("sessions/details.html", form=form, record=None), status


@blueprint.get("/<int:session_id>")
@login_required
def overview(session_id: int) -> Page:
    """Everything recorded in the session, with links to change each part while it is a draft."""
    record = viewable(session_id)
    return _overview(record, problems=[])


def _overview(record: GroupSession, problems: list[Any]) -> Page:
    said = session_statements(record)
    cards: dict[str, dict[str, int]] = {}
    for counted in record.card_counts:
        cards.setdefault(counted.card, {})[counted.pile] = counted.count
    return (
        render_template(
            "sessions/overview.html",
            record=record,
            areas=dict(focus_areas(record)),
            adjustments_text=", ".join(str(ADJUSTMENTS.get(a, a)) for a in record.adjustments),
            languages_text=", ".join(
                LANGUAGES[c].own_name if c in LANGUAGES else c for c in record.languages
            ),
            card_rows=[
                (card, [counts.get(pile, 0) for pile in PILES]) for card, counts in cards.items()
            ],
            template=template_of(record),
            can_edit=session_service.can_edit(staff(), record),
            problems=problems,
            statement_count=len(said),
            voices=sum(s.weight for s in said),
            survey_text=survey_text,
            form=ButtonForm(),
        ),
        400 if problems else 200,
    )


@blueprint.route("/<int:session_id>/details", methods=["GET", "POST"])
@login_required
def details(session_id: int) -> Page:
    """Change the facts of a session."""
    record = editable(session_id)
    form = _details_form(record)
    if request.method == "GET":
        form.template.data = record.template or ""
    if _valid_details(form):
        session_service.update_details(editor(record), record, _details(form))
        return redirect(url_for("sessions.overview", session_id=record.id))
    status = 400 if form.errors else 200
    return render_template("sessions/details.html", form=form, record=record), status


@blueprint.route("/<int:session_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(session_id: int) -> Page:
    """How many came, by role and age band."""
    record = editable(session_id)
    form = AttendanceForm()
    if request.method == "GET":
        for entry in record.attendance:
            field = form[attendance_field_name(entry.role, entry.age_band)]
            field.data = entry.count
    problems: list[Any] = []
    if form.validate_on_submit():
        counts = {
            (role, band): form[attendance_field_name(role, band)].data
            for role, band in ATTENDANCE_ROWS
        }
        problems = _attendance_problems(record, counts)
        if not problems:
            session_service.set_attendance(editor(record), record, counts)
            return redirect(url_for("sessions.overview", session_id=record.id))
    status = 400 if form.errors or problems else 200
    return (
        render_template(
            "sessions/attendance.html",
            form=form,
            record=record,
            rows=ATTENDANCE_ROWS,
            field_name=attendance_field_name,
            problems=problems,
        ),
        status,
    )


def _attendance_problems(
    record: GroupSession, counts: dict[tuple[str, str | None], int | None]
) -> list[Any]:
    """What is already recorded in the session that the new counts would make impossible."""
    proposed = [Attendance(role=r, age_band=b, count=c or 0) for (r, b), c in counts.items()]
    problems = contribution_problems(proposed, record.contributions)
    problems += activity_problems(proposed, record.tallies, record.card_counts)
    return [{"text": str(p.message), "href": "#young_person_0_4"} for p in problems]


@blueprint.post("/<int:session_id>/finalise")
@login_required
def finalise(session_id: int) -> Page:
    """Check the session and make it evidence; show what to put right if it cannot be."""
    record = editable(session_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        return redirect(url_for("sessions.overview", session_id=record.id))
    if record.status == "final":
        return redirect(url_for("sessions.overview", session_id=record.id))
    problems = session_service.finalise(editor(record), record, today())
    if problems:
        return _overview(
            record, [{"text": str(p.message), "href": f"#{p.field}"} for p in problems]
        )
    flash(_("The session is final. What was said now counts as evidence."))
    return redirect(url_for("sessions.overview", session_id=record.id))
