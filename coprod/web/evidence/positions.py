"""A focus area's position statement: a draft written from the evidence, edited by the lead and
saved as a new version each time, with its history; an edit that crosses someone else's is
kept on the page, never saved over theirs."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _

from coprod.db import db_session
from coprod.models import PositionStatement
from coprod.services import positions
from coprod.services.actions import actions_in
from coprod.services.evidence import area_evidence
from coprod.services.positions import PARTS, Written
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.evidence.drafting import draft
from coprod.web.evidence.forms import PositionForm
from coprod.web.evidence.routes import _chosen, _scope_from, blueprint, period_name
from coprod.web.sessions.access import framework_areas

Page = Any


def _written(source: PositionStatement | Written) -> dict[str, str]:
    return {part: getattr(source, part) for part in PARTS}


@blueprint.route("/positions/<area>", methods=["GET", "POST"])
@roles_required(*ANALYSTS)
def position(area: str) -> Page:
    """Read, draft and edit the area's position statement for the chosen period."""
    chosen = _chosen()
    if chosen.period is None:
        return render_template("evidence/dashboard.html", form=chosen.form, problem=chosen.problem)
    scope = _scope_from(chosen.form)
    framework = scope.framework
    names = dict(framework_areas(framework))
    if area not in names:
        abort(404)
    session = db_session()
    current = positions.latest(session, framework, area)
    form = PositionForm()
    clash = None
    if form.validate_on_submit():
        written = Written(**{part: form[part].data or "" for part in PARTS})
        try:
            positions.save(
                session,
                framework,
                area,
                form.period.data or chosen.period.key,
                int(form.based_on.data or 0),
                written,
                signed_in_staff().id,
            )
        except positions.PositionClash as crossed:
            clash = crossed.latest
            form.based_on.data = str(clash.number)  # saving again now builds on theirs
        else:
            flash(_("Position statement saved."))
            return redirect(request.full_path)
    elif request.method == "GET":
        starting = current if current and not request.args.get("redraft") else None
        if starting is None:
            evidence = area_evidence(
                session, scope, [area], chosen.periods, chosen.period, chosen.threshold
            )[0]
            starting_text = _written(
                draft(
                    evidence,
                    names[area],
                    framework,
                    chosen.period.key,
                    period_name(chosen.period),
                    actions_in(session, framework, published_only=False, areas=[area]),
                    chosen.threshold,
                )
            )
        else:
            starting_text = _written(starting)
        form.process(data={**starting_text, "based_on": current.number if current else 0})
        form.period.data = chosen.period.key
    return render_template(
        "evidence/position.html",
        form=form,
        area=area,
        area_name=names[area],
        framework=framework,
        period=chosen.period,
        period_name=period_name,
        current=current,
        clash=clash,
        history=positions.history(session, framework, area),
        redrafted=bool(request.args.get("redraft")),
        parts=PARTS,
    )
