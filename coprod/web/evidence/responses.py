"""The responses to one survey in one period, one row per response, for analysts: as CSV (with
its data dictionary as a second CSV) or as an Excel workbook with a data dictionary sheet. Each
download is in the audit log. An unknown survey or period gets the page's error summary."""

from __future__ import annotations

import io
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from coprod.db import db_session
from coprod.evidence.periods import period_named
from coprod.services.audit import record
from coprod.services.response_files import (
    write_dictionary_csv,
    write_responses_csv,
    write_responses_workbook,
)
from coprod.services.response_rows import ResponseTable, UnknownSurvey, response_table
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.downloads import XLSX_TYPE, attachment, csv_bytes
from coprod.web.evidence.forms import ResponsesForm
from coprod.web.evidence.routes import (
    _chosen,
    _settings_problem,
    blueprint,
    responses_form,
)

Page = Any


def _page(form: ResponsesForm, threshold: int, status: int = 200) -> Page:
    return render_template("evidence/responses.html", form=form, threshold=threshold), status


@blueprint.get("/responses")
@roles_required(*ANALYSTS)
def responses() -> Page:
    """Choose a survey, a period and a file; a good choice leads to the download."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    asked = MultiDict(request.args)
    if "survey" not in asked and "format" not in asked:  # not sent from the form
        form = responses_form(chosen.periods, None)
        if period_named(chosen.periods, asked.get("period")):
            form.period.data = asked["period"]  # from the dashboard's link
        return _page(form, chosen.threshold)
    form = responses_form(chosen.periods, asked)
    if not form.validate():
        return _page(form, chosen.threshold)
    query = {"survey": form.survey.data, "period": form.period.data}
    if form.format.data == "dictionary":
        return redirect(url_for("evidence.responses_dictionary", **query))
    return redirect(url_for("evidence.responses_export", extension=form.format.data, **query))


def _table(file: str) -> ResponseTable | Page:
    """The table the address asks for, or the page with its error summary (status 400)."""
    chosen = _chosen()
    if chosen.period is None:
        return _settings_problem(chosen)
    form = responses_form(chosen.periods, MultiDict({**request.args, "format": file}))
    if not form.validate():
        return _page(form, chosen.threshold, 400)
    period = next(p for p in chosen.periods if p.key == form.period.data)
    try:
        return response_table(db_session(), form.survey.data or "", period, chosen.threshold)
    except UnknownSurvey:
        form.survey.errors = [_("Select one of the surveys in the list")]
        return _page(form, chosen.threshold, 400)


@blueprint.get("/responses.<any(csv, xlsx):extension>")
@roles_required(*ANALYSTS)
def responses_export(extension: str) -> Page:
    """The survey's responses in the period as CSV or an Excel workbook. Audited."""
    table = _table(extension)
    if not isinstance(table, ResponseTable):
        return table
    if extension == "csv":
        text = io.StringIO()
        written = write_responses_csv(table, text)
        body, mimetype = csv_bytes(text.getvalue()), "text/csv"
    else:
        binary = io.BytesIO()
        written = write_responses_workbook(table, binary)
        body, mimetype = binary.getvalue(), XLSX_TYPE
    record(
        db_session(),
        "evidence_exported",
        user_id=signed_in_staff().id,
        subject=f"responses {table.survey} {table.period.key}",
        detail={"format": extension, "survey": table.survey, "responses": written},
    )
    db_session().commit()
    return attachment(body, mimetype, f"responses-{table.survey}-{table.period.key}.{extension}")


@blueprint.get("/responses-data-dictionary.csv")
@roles_required(*ANALYSTS)
def responses_dictionary() -> Page:
    """What each column of the survey's responses CSV holds, as a CSV of its own."""
    table = _table("dictionary")
    if not isinstance(table, ResponseTable):
        return table
    text = io.StringIO()
    write_dictionary_csv(table, text)
    body = csv_bytes(text.getvalue())
    name = f"responses-{table.survey}-{table.period.key}-data-dictionary.csv"
    return attachment(body, "text/csv", name)
