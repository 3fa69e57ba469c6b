"""Admins' pages: staff accounts (add, change role, turn off) and the audit log of who did what."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from coprod.db import db_session
from coprod.models import AuditEvent, User
from coprod.services import users as service
from coprod.web.access import roles_required, signed_in_staff
from coprod.web.people.forms import ROLE_NAMES, AccessForm, NewPersonForm

blueprint = Blueprint("people", __name__, url_prefix="/staff/people")

Page = Any
admins_only = roles_required("admin")

#: Audit events on one page of the log.
PER_PAGE = 50


@blueprint.app_context_processor
def _is_admin() -> dict[str, Any]:
    """Whether the staff menu offers Staff accounts."""
    return {"is_admin": lambda: current_user.is_authenticated and current_user.role == "admin"}


@blueprint.get("/")
@admins_only
def index() -> Page:
    """Everyone with a staff account, what they may do, and whether they can sign in."""
    return render_template(
        "people/index.html", people=service.staff_list(db_session()), role_names=ROLE_NAMES
    )


@blueprint.route("/new", methods=["GET", "POST"])
@admins_only
def new() -> Page:
    """Add a member of staff."""
    form = NewPersonForm()
    if form.validate_on_submit():
        try:
            person = service.create_user(
                db_session(),
                form.email.data or "",
                form.name.data or "",
                form.role.data or "",
                form.password.data or "",
                by=signed_in_staff().id,
            )
        except service.AccountError as error:
            db_session().rollback()
            if error.key != "taken":
                raise
            form.email.errors = [_("There is already an account with that email address")]
        else:
            flash(_("%(name)s can now sign in.", name=person.name))
            return redirect(url_for("people.index"))
    return render_template("people/new.html", form=form), 400 if form.errors else 200


@blueprint.route("/<int:user_id>", methods=["GET", "POST"])
@admins_only
def person(user_id: int) -> Page:
    """Change what one person may do, or turn their account off."""
    session = db_session()
    who = session.get(User, user_id) or abort(404)
    form = AccessForm(data={"role": who.role, "active": who.active})
    problem = None
    if form.validate_on_submit():
        try:
            service.change_access(
                session, who, form.role.data or "", bool(form.active.data), signed_in_staff()
            )
        except service.AccountError as error:
            session.rollback()
            problem = _refusal(error.key)
        else:
            flash(_("Changes to %(name)s saved.", name=who.name))
            return redirect(url_for("people.index"))
    status = 400 if form.errors or problem else 200
    return render_template("people/person.html", form=form, who=who, problem=problem), status


def _refusal(key: str) -> str:
    """Why the service refused, in the page's language."""
    if key == "self":
        return _("You cannot turn off your own account: ask another admin")
    return _("There must be at least one active admin: make someone else admin first")


@blueprint.get("/activity")
@admins_only
def activity() -> Page:
    """The audit log, newest first: sign-ins, exports, corrections, deletions, role changes."""
    session = db_session()
    action = request.args.get("action", "")[:60]
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 100_000))
    query = select(AuditEvent, User).outerjoin(User, AuditEvent.user_id == User.id)
    counted = select(func.count(AuditEvent.id))
    if action:
        query = query.where(AuditEvent.action == action)
        counted = counted.where(AuditEvent.action == action)
    events = session.execute(
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    total = session.scalar(counted) or 0
    actions = list(
        session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )
    return render_template(
        "people/activity.html",
        events=events,
        actions=actions,
        chosen=action,
        page=page,
        more=page * PER_PAGE < total,
        total=total,
    )
