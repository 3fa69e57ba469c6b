"""Sessions on paper: a printable blank record sheet, a spreadsheet template, and importing a
filled-in spreadsheet with a preview and row-level problems before anything is saved."""

from __future__ import annotations

from typing import Any

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from itsdangerous import BadSignature, URLSafeSerializer

from coprod.models import Contribution
from coprod.services import session_import
from coprod.services import sessions as session_service
from coprod.services.session_checks import contribution_problems
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.downloads import XLSX_TYPE
from coprod.web.respond.forms import ButtonForm
from coprod.web.sessions.access import (
    blueprint,
    catalogue,
    editable,
    editor,
    focus_areas,
    framework_areas,
    survey_text,
)
from coprod.web.sessions.forms import ImportForm

Page = Any
#: The biggest spreadsheet accepted: thousands of rows of notes fit in far less.
LARGEST_UPLOAD = 5 * 1024 * 1024


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="session-import")


@blueprint.route("/<int:session_id>/import", methods=["GET", "POST"])
@login_required
def import_contributions(session_id: int) -> Page:
    """Upload a spreadsheet; see every row and every problem before anything is saved."""
    request.max_content_length = LARGEST_UPLOAD
    record = editable(session_id)
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        upload = form.spreadsheet.data
        data = upload.read(LARGEST_UPLOAD + 1) if upload else b""
        if not data:
            form.spreadsheet.errors = [_("Choose a spreadsheet to upload")]
        else:
            result = session_import.read_contributions(data, dict(focus_areas(record)))
            if not result.problems:
                proposed = [*record.contributions, *_contributions(result.rows)]
                result.problems += [
                    session_import.ImportProblem(p.message)
                    for p in contribution_problems(record.attendance, proposed)
                ]
    return (
        render_template(
            "sessions/import.html",
            record=record,
            form=form,
            result=result,
            rows_token=_signer().dumps([list(vars(r).values()) for r in result.rows])
            if result and not result.problems
            else None,
            areas=dict(focus_areas(record)),
            roles=ROLES,
            age_bands=AGE_BANDS,
            button=ButtonForm(),
        ),
        400 if form.errors or (result and result.problems) else 200,
    )


def _contributions(rows: list[session_import.ImportedRow]) -> list[Contribution]:
    return [
        Contribution(
            text=r.text,
            kind=r.kind,
            role=r.role,
            age_band=r.age_band,
            focus_area=r.focus_area,
            whole_group=r.whole_group,
        )
        for r in rows
    ]


@blueprint.post("/<int:session_id>/import/confirm")
@login_required
def confirm_import(session_id: int) -> Page:
    """Save every previewed row, or none."""
    record = editable(session_id)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("sessions.import_contributions", session_id=record.id))
    try:
        rows = [session_import.ImportedRow(*r) for r in _signer().loads(request.form["rows"])]
    except (BadSignature, KeyError, TypeError, ValueError):
        return redirect(url_for("sessions.import_contributions", session_id=record.id))
    added = _contributions(rows)
    if contribution_problems(record.attendance, [*record.contributions, *added]):
        return redirect(url_for("sessions.import_contributions", session_id=record.id))
    session_service.add_contributions(editor(record), record, added, "imported")
    return redirect(url_for("sessions.contributions", session_id=record.id, imported=len(added)))


def _guidance() -> list[tuple[str, str]]:
    areas = dict(framework_areas("default"))
    return [
        ("text", _("What was said. One contribution a row. Leave out names.")),
        ("kind", _("quote (their own words) or paraphrase (your summary). Empty means quote.")),
        ("role", _("Who said it: %(values)s.", values=", ".join(ROLES))),
        ("age_band", _("For a child or young person: %(values)s.", values=", ".join(AGE_BANDS))),
        ("focus_area", ", ".join(f"{slug} ({name})" for slug, name in areas.items())),
        ("whole_group", _("yes if the row sums up the whole group's discussion, otherwise no.")),
    ]


@blueprint.get("/spreadsheet-template.<any(csv, xlsx):extension>")
@login_required
def spreadsheet_template(extension: str) -> Page:
    """The blank spreadsheet to fill in, as CSV or Excel."""
    if extension == "csv":
        body = session_import.template_csv()
        mimetype = "text/csv; charset=utf-8"
    else:
        body = session_import.template_xlsx(dict(framework_areas("default")), _guidance())
        mimetype = XLSX_TYPE
    response = make_response(body)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = (
        f"attachment; filename=session-contributions.{extension}"
    )
    return response


@blueprint.get("/record-sheet")
@login_required
def record_sheet() -> Page:
    """A blank record sheet to print, with a template's prompts, votes and cards if chosen."""
    chosen = request.args.get("template", "")
    template = catalogue().session_templates.get(chosen)
    areas = dict(framework_areas(catalogue().session_framework(chosen)))
    return render_template(
        "sessions/record_sheet.html",
        template=template,
        areas=areas,
        roles=ROLES,
        age_bands=AGE_BANDS,
        survey_text=survey_text,
        lines=range(12),
    )
