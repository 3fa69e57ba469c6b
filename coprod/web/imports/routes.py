"""Importing another tool's answers: upload the file, say what each column holds, check every
row, then import. Nothing is saved until the last step, and it saves whole or not at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from coprod.db import db_session
from coprod.imports import layouts
from coprod.imports.answers import IGNORE, KEY, QUESTION, SUBMITTED
from coprod.imports.columns import NEW_SURVEY_HOLDS, ColumnChoice, distinct_values
from coprod.imports.new_survey import IMPORTED_PREFIX
from coprod.imports.tables import EXCEL, ImportProblem
from coprod.jobs import enqueue
from coprod.models import Import, Survey, User
from coprod.services import imports as service
from coprod.services.survey_versions import current_version
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.questions import question_type
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.imports.forms import NEW_SURVEY, ConfirmForm, UploadForm, columns_form
from coprod.web.imports.job import checked, definition_for, framework_for, queue
from coprod.web.respond.flow import catalogue
from coprod.web.sessions.access import framework_areas, survey_text

blueprint = Blueprint("imports", __name__, url_prefix="/staff/imports")

Page = Any
analysts_only = roles_required(*ANALYSTS)
#: Example answers shown under each column's name.
EXAMPLES = 3
#: Rows shown as they will be stored, before importing.
PREVIEWED = 3


@blueprint.get("/")
@analysts_only
def index() -> Page:
    """Every file imported, newest first, with where its answers went."""
    session = db_session()
    _recover_stopped()
    rows = session.execute(
        select(Import, Survey.title, User.name)
        .outerjoin(Survey, Survey.id == Import.survey_id)
        .outerjoin(User, User.id == Import.created_by)
        .order_by(Import.id.desc())
        .limit(200)
    ).all()
    return render_template("imports/index.html", rows=rows, tools=layouts.TOOLS)


@blueprint.route("/new", methods=["GET", "POST"])
@analysts_only
def new() -> Page:
    """Upload a file and choose the survey its answers go into."""
    request.max_content_length = int(current_app.config["IMPORT_MAX_MB"] * 1024 * 1024)
    form = UploadForm()
    form.survey.choices = [
        SelectChoice(slug, title)
        for slug, title in [*_surveys(), (NEW_SURVEY, _("A new survey, made from the file"))]
    ]
    form.framework.choices = [
        SelectChoice(f.slug, survey_text(f.name)) for f in catalogue().frameworks.values()
    ]
    problem = None
    if form.validate_on_submit():
        upload = form.spreadsheet.data
        data = upload.read() if upload else b""
        if not data:
            form.spreadsheet.errors = [_("Choose the file to import")]
        else:
            received = service.receive(
                db_session(), upload.filename or "", data, signed_in_staff().id
            )
            if isinstance(received, ImportProblem):
                problem = received
                form.spreadsheet.errors = [str(received.message)]
            else:
                received.mapping = {"framework": form.framework.data or "default", "columns": []}
                if form.survey.data == NEW_SURVEY:
                    received.new_survey_title = form.title.data
                else:
                    chosen = service.existing_definition(
                        db_session(), form.survey.data or "", catalogue()
                    )
                    assert chosen is not None  # the form offered only surveys that exist
                    received.survey_id = current_version(db_session(), chosen).survey_id
                db_session().commit()
                return redirect(url_for("imports.columns", import_id=received.id))
    status = 400 if form.errors or problem else 200
    return render_template("imports/new.html", form=form, new_survey=NEW_SURVEY), status


def _recover_stopped() -> None:
    silent_for = timedelta(seconds=int(current_app.config["JOB_STALE_SECONDS"]))
    service.recover_stopped(db_session(), silent_for)


def _surveys() -> list[tuple[str, str]]:
    listed = [(d.slug, survey_text(d.title)) for d in catalogue().surveys.values()]
    imported = db_session().execute(
        select(Survey.slug, Survey.title).where(Survey.slug.startswith(IMPORTED_PREFIX))
    )
    return listed + [(slug, title) for slug, title in imported if slug not in catalogue().surveys]


def _waiting(import_id: int) -> Import:
    imported = db_session().get(Import, import_id)
    if imported is None:
        abort(404)
    if imported.status != "waiting":
        abort(redirect(url_for("imports.show", import_id=import_id)))
    return imported


@blueprint.route("/<int:import_id>/columns", methods=["GET", "POST"])
@analysts_only
def columns(import_id: int) -> Page:
    """Say what each column of the file holds."""
    imported = _waiting(import_id)
    session = db_session()
    definition = definition_for(imported)
    framework = framework_for(imported, definition)
    source = service.source_of(session, imported)
    chosen = service.choices_of(imported) or service.suggest(session, source, definition, framework)
    personal = {c.number for c in source.columns if c.holds == layouts.PERSONAL}
    shown = [
        (c.number, f"{c.letter}: {c.header}", _examples(source, c.number))
        for c in source.columns
        if c.number not in personal
    ]
    # A focus area is asked for the columns that hold answers, not the tool's own columns.
    answers = {c.number for c in source.columns if c.holds == layouts.ANSWER}
    areas = framework_areas(framework)
    form = columns_form(
        shown,
        _holds_offered(definition),
        areas if definition is None else None,
        answers,
        {c.column: (c.holds, c.focus_area) for c in chosen},
        request.form if request.method == "POST" else None,
    )
    if request.method == "POST" and form.validate():
        columns_chosen = [
            ColumnChoice(number, form[f"holds_{number}"].data, _area(form, number))
            for number, _name, _examples in shown
        ] + [ColumnChoice(number, IGNORE) for number in sorted(personal)]
        imported.mapping = {
            "framework": framework,
            "columns": [c.as_dict() for c in columns_chosen],
        }
        session.commit()
        return redirect(url_for("imports.check", import_id=import_id))
    personal_names = [c.header for c in source.columns if c.number in personal]
    return render_template(
        "imports/columns.html",
        imported=imported,
        source=source,
        form=form,
        shown=shown,
        personal=personal_names,
        definition=definition,
        tools=layouts.TOOLS,
    ), (400 if form.errors else 200)


def _area(form: Any, number: int) -> str | None:
    field = form._fields.get(f"area_{number}")
    return (field.data or None) if field is not None else None


def _examples(source: layouts.SourceFile, number: int) -> str:
    values = distinct_values(source, number)[:EXAMPLES]
    if not values:
        return _("Empty in every row")
    shortened = [v if len(v) <= 60 else v[:57] + "…" for v in values]
    return _("For example: %(examples)s", examples=" · ".join(shortened))


def _holds_offered(definition: SurveyDefinition | None) -> list[tuple[str, Any]]:
    if definition is None:
        return list(NEW_SURVEY_HOLDS.items())
    return [
        (IGNORE, NEW_SURVEY_HOLDS[IGNORE]),
        (SUBMITTED, NEW_SURVEY_HOLDS[SUBMITTED]),
        (KEY, NEW_SURVEY_HOLDS[KEY]),
        *((f"{QUESTION}:{q.id}", q.text) for q in definition.questions if q.type != "card_sort"),
    ]


@blueprint.route("/<int:import_id>/check", methods=["GET", "POST"])
@analysts_only
def check(import_id: int) -> Page:
    """Every row read with the chosen columns, and every problem, before anything is saved."""
    imported = _waiting(import_id)
    if not service.choices_of(imported):
        return redirect(url_for("imports.columns", import_id=import_id))
    source = service.source_of(db_session(), imported)
    result = checked(imported, source)
    form = ConfirmForm()
    if form.validate_on_submit():
        if result.with_problems and not form.leave_out.data:
            form.leave_out.errors = [
                _("Put the rows right in the file and upload it again, or choose to leave them out")
            ]
        elif not result.column_problems and result.ready and queue(import_id):
            person = signed_in_staff().id
            params = {
                "import_id": import_id,
                "leave_out": bool(form.leave_out.data),
                "user_id": person,
            }
            job_id = enqueue("import", params, user_id=person)
            return redirect(url_for("jobs.job", job_id=job_id), code=303)
    return render_template(
        "imports/check.html",
        imported=imported,
        result=result,
        source=source,
        form=form,
        listed=service.PROBLEMS_LISTED,
        first_rows=_first_rows(result),
        tools=layouts.TOOLS,
        encoding=_("Excel workbook") if source.encoding == EXCEL else source.encoding,
    ), (400 if form.errors or result.column_problems else 200)


def _first_rows(result: service.ImportCheck) -> list[list[tuple[str, str]]]:
    """The first rows ready to import, as question and answer, as they will be stored."""
    if result.definition is None:
        return []
    kinds = {q.id: question_type(q) for q in result.definition.questions}
    return [
        [
            (q.text, "; ".join(kinds[q.id].display(row.answers[q.id])))
            for q in result.definition.questions
            if q.id in row.answers
        ]
        for row in result.ready[:PREVIEWED]
    ]


@blueprint.get("/<int:import_id>")
@analysts_only
def show(import_id: int) -> Page:
    """What an import brought in, and where from."""
    session = db_session()
    _recover_stopped()
    imported = session.get(Import, import_id)
    if imported is None:
        abort(404)
    if imported.status == "waiting":
        return redirect(url_for("imports.columns", import_id=import_id))
    survey = session.get(Survey, imported.survey_id) if imported.survey_id else None
    by = session.get(User, imported.created_by) if imported.created_by else None
    return render_template(
        "imports/show.html", imported=imported, survey=survey, by=by, tools=layouts.TOOLS
    )
