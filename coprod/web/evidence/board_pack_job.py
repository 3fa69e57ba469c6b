"""The board pack as a background job: "Download the board pack" starts it and shows its
progress page, which offers the Word document when it is written. Each download is audited."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import current_app, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coprod.evidence.cells import Scope
from coprod.evidence.periods import period_named
from coprod.jobs import Audit, JobError, JobResult, Progress, enqueue, job
from coprod.services.evidence import evidence_settings
from coprod.web.access import signed_in_staff
from coprod.web.evidence.board_pack import write_board_pack
from coprod.web.evidence.routes import (
    Page,
    _chosen,
    _filters_named,
    _scope_from,
    _settings_problem,
    blueprint,
    period_name,
)
from coprod.web.respond.flow import catalogue

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILTERS = ("role", "source", "age_band", "language")


def _back_to_evidence(params: Mapping[str, Any]) -> str:
    """The evidence page the board pack was asked for from, with the same choices."""
    chosen = {key: value for key, value in params.items() if value}
    return url_for("evidence.dashboard", **chosen)


@job("board_pack", title=_l("Board pack"), back=_back_to_evidence)
def build_board_pack(
    progress: Progress,
    *,
    framework: str,
    period: str,
    role: str | None = None,
    source: str | None = None,
    age_band: str | None = None,
    language: str | None = None,
) -> JobResult:
    """Write the Word board pack for one framework, period and set of filters."""
    try:
        periods, threshold = evidence_settings(current_app.config, date.today())
    except ValueError as problem:
        raise JobError(str(problem)) from None
    chosen = period_named(periods, period)
    if framework not in catalogue().frameworks or chosen is None:
        raise JobError(_("That framework or period is no longer available. Choose again."))
    scope = Scope(framework, role=role, source=source, age_band=age_band, language=language)
    out = io.BytesIO()
    write_board_pack(scope, periods, chosen, threshold, out, progress)
    return JobResult(
        data={"summary": _("The board pack for %(period)s is ready.", period=period_name(chosen))},
        file=out.getvalue(),
        filename=f"board-pack-{framework}-{chosen.key}.docx",
        mimetype=DOCX_TYPE,
        audit=Audit(
            "evidence_exported",
            subject=f"{framework} {chosen.key}",
            detail={"format": "docx", "filters": _filters_named(scope)},
        ),
    )


@blueprint.post("/board-pack")
def board_pack() -> Page:
    """Start writing the period's board pack, with the filters in force; show its progress."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    scope = _scope_from(chosen.form)
    params = {"framework": scope.framework, "period": chosen.period.key}
    params.update({name: getattr(scope, name) for name in FILTERS if getattr(scope, name)})
    job_id = enqueue("board_pack", params, user_id=signed_in_staff().id)
    return redirect(url_for("jobs.job", job_id=job_id), code=303)
