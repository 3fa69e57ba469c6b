"""What was said and what was agreed: one page each, add another without losing anything.

Each contribution is committed as it is added, so a closed browser loses nothing. The next blank
form keeps the last one's who, kind and focus area: a facilitator typing up a youth group's
quotes does not choose "child or young person, 11 to 12" twenty times.
"""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from coprod.models import Contribution, GroupSession
from coprod.services import sessions as session_service
from coprod.services.session_checks import contribution_problems
from coprod.web.respond.forms import ButtonForm
from coprod.web.sessions.access import blueprint, editable, editor, focus_areas
from coprod.web.sessions.forms import ActionForm, ContributionForm, area_choices

Page = Any


def _contribution_form(record: GroupSession, obj: Contribution | None = None) -> ContributionForm:
    form = ContributionForm(obj=obj)
    form.focus_area.choices = area_choices(focus_areas(record), _("Not chosen"))
    return form


def _fill(contribution: Contribution, form: ContributionForm) -> None:
    contribution.text = form.text.data or ""
    contribution.whole_group = bool(form.whole_group.data)
    # A summary of the whole group's discussion is the facilitator's words, never a quote.
    contribution.kind = "paraphrase" if contribution.whole_group else form.kind.data or "quote"
    contribution.role = form.role.data or "other"
    # The group is attributed as a group: its members' ages are many, not one.
    contribution.age_band = None if contribution.whole_group else form.age_band.data or None
    contribution.focus_area = form.focus_area.data or None


def _check(form: ContributionForm, record: GroupSession, proposed: list[Contribution]) -> bool:
    """Refuse a contribution that the people recorded as coming cannot have made."""
    problems = contribution_problems(record.attendance, proposed)
    for problem in problems:
        field = form.age_band if problem.field == "age_band" else form.role
        field.errors = [*field.errors, problem.message]
    return not problems


@blueprint.route("/<int:session_id>/contributions", methods=["GET", "POST"])
@login_required
def contributions(session_id: int) -> Page:
    """Every contribution so far, and a form to add the next."""
    record = editable(session_id)
    form = _contribution_form(record)
    if request.method == "GET" and record.contributions:
        last = record.contributions[-1]
        form.kind.data, form.role.data = last.kind, last.role
        form.age_band.data, form.focus_area.data = last.age_band or "", last.focus_area or ""
    if form.validate_on_submit():
        added = Contribution()
        _fill(added, form)
        if _check(form, record, [*record.contributions, added]):
            session_service.add_contribution(editor(record), record, added)
            return redirect(
                url_for("sessions.contributions", session_id=record.id, added=added.position)
            )
    return (
        render_template(
            "sessions/contributions.html",
            record=record,
            form=form,
            added=request.args.get("added", type=int),
            imported=request.args.get("imported", type=int),
            areas=dict(focus_areas(record)),
            button=ButtonForm(),
        ),
        400 if form.errors else 200,
    )


def _contribution_of(record: GroupSession, contribution_id: int) -> Contribution:
    found = next((c for c in record.contributions if c.id == contribution_id), None)
    if found is None:
        abort(404)
    return found


@blueprint.route("/<int:session_id>/contributions/<int:contribution_id>", methods=["GET", "POST"])
@login_required
def contribution(session_id: int, contribution_id: int) -> Page:
    """Change one contribution."""
    record = editable(session_id)
    changing = _contribution_of(record, contribution_id)
    form = _contribution_form(record, obj=changing)
    if request.method == "GET":
        form.age_band.data = changing.age_band or ""
        form.focus_area.data = changing.focus_area or ""
    if form.validate_on_submit():
        trial = Contribution()
        _fill(trial, form)
        others = [c for c in record.contributions if c is not changing]
        if _check(form, record, [*others, trial]):
            _fill(changing, form)
            session_service.contribution_changed(editor(record), record)
            return redirect(url_for("sessions.contributions", session_id=record.id))
    return (
        render_template(
            "sessions/contribution.html", record=record, form=form, contribution=changing
        ),
        400 if form.errors else 200,
    )


@blueprint.post("/<int:session_id>/contributions/<int:contribution_id>/remove")
@login_required
def remove_contribution(session_id: int, contribution_id: int) -> Page:
    """Remove one contribution."""
    record = editable(session_id)
    removing = _contribution_of(record, contribution_id)
    if ButtonForm().validate_on_submit():
        session_service.remove_item(editor(record), record, removing, "contributions")
    return redirect(url_for("sessions.contributions", session_id=record.id))


@blueprint.route("/<int:session_id>/actions", methods=["GET", "POST"])
@login_required
def actions(session_id: int) -> Page:
    """What the group agreed should happen, and a form to add the next."""
    record = editable(session_id)
    form = ActionForm()
    if form.validate_on_submit():
        session_service.add_action(
            editor(record), record, form.text.data or "", form.owner.data or ""
        )
        return redirect(url_for("sessions.actions", session_id=record.id, added=1))
    return (
        render_template(
            "sessions/actions.html",
            record=record,
            form=form,
            added=request.args.get("added", type=int),
            button=ButtonForm(),
        ),
        400 if form.errors else 200,
    )


@blueprint.post("/<int:session_id>/actions/<int:action_id>/remove")
@login_required
def remove_action(session_id: int, action_id: int) -> Page:
    """Remove one agreed action."""
    record = editable(session_id)
    removing = next((a for a in record.actions if a.id == action_id), None)
    if removing is not None and ButtonForm().validate_on_submit():
        session_service.remove_item(editor(record), record, removing, "actions")
    return redirect(url_for("sessions.actions", session_id=record.id))
