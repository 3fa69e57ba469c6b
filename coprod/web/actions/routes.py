"""Staff pages for "you said, we did": the list of actions, and writing or changing one, linked
to the statements that prompted it. An edit that crosses someone else's is kept on the page,
never saved over theirs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.models import Action, Statement, StatementTag
from coprod.services import actions as service
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.actions.forms import OTHER_LANGUAGES, STATUS_NAMES, ActionForm
from coprod.web.review.routes import _framework
from coprod.web.sessions.access import framework_areas

blueprint = Blueprint("actions", __name__, url_prefix="/staff/actions")

Page = Any
analysts_only = roles_required(*ANALYSTS)

#: How many of an area's latest statements the form offers to link.
OFFERED = 40


@blueprint.get("/")
@analysts_only
def index() -> Page:
    """Every action of the framework, by focus area."""
    framework = _framework(request.args.get("framework"))
    return render_template(
        "actions/index.html",
        framework=framework,
        area_names=dict(framework_areas(framework)),
        actions=service.actions_in(db_session(), framework, published_only=False),
        status_names=STATUS_NAMES,
    )


def _offered(framework: str, area: str | None, linked: list[int]) -> list[Statement]:
    """The statements a person can tick: those already linked, then the area's latest."""
    session = db_session()
    chosen = list(session.scalars(select(Statement).where(Statement.id.in_(linked))))
    if area:
        in_area = select(StatementTag.statement_id).where(
            StatementTag.framework == framework, StatementTag.focus_area == area
        )
        latest = session.scalars(
            select(Statement)
            .where(
                Statement.id.in_(in_area),
                Statement.kind == "free_text",
                Statement.safeguarding.is_(False),
                Statement.id.not_in(linked),
            )
            .order_by(Statement.said_at.desc(), Statement.id.desc())
            .limit(OFFERED)
        )
        chosen += list(latest)
    return chosen


def _prepare(form: ActionForm, framework: str, area: str | None, linked: list[int]) -> None:
    form.focus_area.choices = [SelectChoice("", _("Choose a focus area"))] + [
        SelectChoice(slug, name) for slug, name in framework_areas(framework)
    ]
    form.statements.choices = [
        (s.id, s.redacted_text or _("Statement %(id)s (not analysed yet)", id=s.id))
        for s in _offered(framework, area, linked)
    ]


def _fields(form: ActionForm) -> dict[str, Any]:
    return {
        "focus_area": form.focus_area.data,
        "you_said": form.you_said.data,
        "we_did": form.we_did.data,
        "easy_you_said": form.easy_you_said.data or None,
        "easy_we_did": form.easy_we_did.data or None,
        "translations": form.translated(),
        "status": form.status.data,
        "owner": form.owner.data,
        "started_on": form.started_on.data,
        "due_on": form.due_on.data,
        "done_on": form.done_on.data,
        "published": bool(form.published.data),
    }


@blueprint.route("/new", methods=["GET", "POST"])
@analysts_only
def new() -> Page:
    """Write a new action; ``?area=`` and ``?statement=`` start it from the review screen."""
    framework = _framework(request.args.get("framework"))
    form = ActionForm()
    if request.method == "GET":
        form.focus_area.data = request.args.get("area", "")
        if request.args.get("statement", "").isdigit():
            form.statements.data = [int(request.args["statement"])]
    linked = [i for i in (form.statements.data or []) if isinstance(i, int)]
    _prepare(form, framework, form.focus_area.data, linked)
    if form.validate_on_submit():
        action = service.new_action(
            db_session(), framework, _fields(form), linked, signed_in_staff().id
        )
        db_session().commit()
        flash(_("Action saved."))
        return redirect(url_for("actions.edit", action_id=action.id))
    return render_template(
        "actions/edit.html",
        form=form,
        action=None,
        clash=None,
        languages=OTHER_LANGUAGES,
        status_names=STATUS_NAMES,
    )


@blueprint.route("/<int:action_id>", methods=["GET", "POST"])
@analysts_only
def edit(action_id: int) -> Page:
    """Change an action: its words, status, dates, what prompted it, whether it is public."""
    session = db_session()
    action = session.get(Action, action_id)
    if action is None:
        abort(404)
    form = ActionForm(obj=action) if request.method == "GET" else ActionForm()
    if request.method == "GET":
        form.statements.data = [link.statement_id for link in action.prompted_by]
        form.version.data = str(action.version)
        for code in OTHER_LANGUAGES:
            words = action.translations.get(code, {})
            form[f"you_said_{code}"].data = words.get("you_said", "")
            form[f"we_did_{code}"].data = words.get("we_did", "")
    linked = [i for i in (form.statements.data or []) if isinstance(i, int)]
    _prepare(form, action.framework, form.focus_area.data, linked)
    clash = None
    if form.validate_on_submit():
        seen = int(form.version.data) if (form.version.data or "").isdigit() else 0
        try:
            service.save_action(session, action, seen, _fields(form), linked, signed_in_staff().id)
        except service.ActionClash:
            clash = session.get(Action, action_id)
            assert clash is not None
            form.version.data = str(clash.version)  # saving again now replaces theirs knowingly
        else:
            session.commit()
            flash(_("Action saved."))
            return redirect(url_for("actions.edit", action_id=action.id))
    return render_template(
        "actions/edit.html",
        form=form,
        action=action,
        clash=clash,
        languages=OTHER_LANGUAGES,
        status_names=STATUS_NAMES,
        people=service.people_behind(session, [action.id]).get(action.id, 0),
    )
