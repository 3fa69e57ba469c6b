"""Surveys as XLSForm workbooks: analysts download one for KoboToolbox or ODK; an admin checks
an XLSForm and takes away the survey file and translations it makes (see
coprod/services/survey_xlsform.py for why an import is files, not a change to this site)."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import SubmitField

from coprod.db import db_session
from coprod.forms import StripWhitespaceForm
from coprod.services.audit import record
from coprod.services.survey_xlsform import (
    export_survey,
    import_survey,
    survey_bundle,
)
from coprod.surveys.xlsform_import import ImportedSurvey
from coprod.surveys.xlsform_sheets import XLSFormError
from coprod.translate import TRANSLATIONS
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.admin.routes import blueprint
from coprod.web.downloads import XLSX_TYPE, attachment
from coprod.web.respond.flow import catalogue
from coprod.web.respond.forms import ButtonForm

Page = Any
#: The biggest workbook accepted: a long survey in six languages is well under this.
LARGEST_UPLOAD = 2 * 1024 * 1024


class XLSFormUpload(StripWhitespaceForm):
    """An XLSForm workbook to import."""

    workbook = FileField(_l("XLSForm workbook (.xlsx)"), widget=GovFileInput())
    submit = SubmitField(_l("Check the XLSForm"), widget=GovSubmitInput())


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="xlsform-import")


@blueprint.get("/surveys/<slug>/xlsform.xlsx")
@roles_required(*ANALYSTS)
def xlsform_download(slug: str) -> Page:
    """The survey with its translations as an XLSForm workbook. Audited."""
    definition = catalogue().surveys.get(slug)
    if definition is None:
        abort(404)
    body = export_survey(definition, TRANSLATIONS)
    record(
        db_session(),
        "survey_exported",
        user_id=signed_in_staff().id,
        subject=slug,
        detail={"format": "xlsform"},
    )
    db_session().commit()
    return attachment(body, XLSX_TYPE, f"{slug}-xlsform.xlsx")


@blueprint.route("/surveys/import-xlsform", methods=["GET", "POST"])
@roles_required("admin")
def xlsform_import() -> Page:
    """Check an XLSForm; show every problem, or what survey it makes. Nothing is saved here."""
    request.max_content_length = LARGEST_UPLOAD
    form = XLSFormUpload()
    imported: ImportedSurvey | None = None
    problems: list[str] = []
    filename = ""
    if form.validate_on_submit():
        upload = form.workbook.data
        data = upload.read(LARGEST_UPLOAD + 1) if upload else b""
        filename = upload.filename if upload else ""
        if not data:
            form.workbook.errors = [_("Choose an XLSForm workbook to upload")]
        else:
            try:
                imported = import_survey(data, catalogue())
            except XLSFormError as error:
                problems = [str(problem) for problem in error.problems]
    if imported is not None:
        record(
            db_session(),
            "survey_imported",
            user_id=signed_in_staff().id,
            subject=imported.definition["slug"],
            detail={"format": "xlsform", "file": filename},
        )
        db_session().commit()
    return (
        render_template(
            "admin/xlsform_import.html",
            form=form,
            problems=problems,
            imported=imported,
            token=_signer().dumps([imported.definition, imported.translations, filename])
            if imported
            else None,
            button=ButtonForm(),
        ),
        400 if form.errors or problems else 200,
    )


@blueprint.post("/surveys/import-xlsform/files")
@roles_required("admin")
def xlsform_files() -> Page:
    """The checked survey's file and translations, as a zip to add to the surveys folder."""
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("admin.xlsform_import"))
    try:
        definition, translations, source = _signer().loads(request.form["survey"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return redirect(url_for("admin.xlsform_import"))
    imported = ImportedSurvey(definition, translations, ())
    return attachment(
        survey_bundle(imported, source), "application/zip", f"{definition['slug']}.zip"
    )
