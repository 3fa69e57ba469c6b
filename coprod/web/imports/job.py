"""Importing a checked file as a background job, so a large file neither keeps the person's page
waiting nor dies with it: the rows are checked again (someone may have imported some of them
since), then stored in batches, with progress on the job's page or the command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select, update

from coprod.db import db_session
from coprod.imports.layouts import SourceFile
from coprod.jobs import JobError, JobResult, Progress, job
from coprod.models import Import, Survey
from coprod.services import imports as service
from coprod.surveys.definitions import SurveyDefinition
from coprod.web.respond.flow import catalogue

#: An import's status while its job waits to start.
QUEUED = "queued"


def _back(_params: Mapping[str, Any]) -> str:
    return url_for("imports.index")


def queue(import_id: int) -> bool:
    """Mark a checked file as on its way, once: pressing Import twice starts one job."""
    session = db_session()
    done = session.execute(
        update(Import)
        .where(Import.id == import_id, Import.status == "waiting")
        .values(status=QUEUED)
    )
    session.commit()
    return bool(done.rowcount)  # type: ignore[attr-defined]


def definition_for(imported: Import) -> SurveyDefinition | None:
    """The survey the answers go into; None while it is a new survey still to be made."""
    if imported.survey_id is None:
        return None
    slug = db_session().scalar(select(Survey.slug).where(Survey.id == imported.survey_id))
    return service.existing_definition(db_session(), slug or "", catalogue())


def framework_for(imported: Import, definition: SurveyDefinition | None) -> str:
    if definition is not None:
        return definition.framework
    return str((imported.mapping or {}).get("framework", "default"))


def checked(imported: Import, source: SourceFile | None = None) -> service.ImportCheck:
    """Every row of the file (``source``, if it has been read already) read with the columns
    chosen for it."""
    session = db_session()
    definition = definition_for(imported)
    return service.check(
        session,
        source or service.source_of(session, imported),
        imported.filename,
        service.choices_of(imported),
        definition,
        catalogue(),
        title=imported.new_survey_title,
        framework=framework_for(imported, definition),
    )


@job("import", title=_l("Import answers"), back=_back)
def import_answers(
    progress: Progress, *, import_id: int, leave_out: bool, user_id: int | None = None
) -> JobResult:
    """Check the file's rows again and store them."""
    session = db_session()
    imported = session.get(Import, import_id)
    if imported is None or imported.status != QUEUED:
        raise JobError(_("This file has already been imported, or is being imported now."))
    progress.total(imported.rows_in_file, _("Checking every row"))
    result = checked(imported)
    if result.column_problems or (result.with_problems and not leave_out):
        imported.status = "waiting"
        session.commit()
        raise JobError(_("Some rows have problems now: check the file again before importing."))

    def saved(done: int, total: int) -> None:
        progress.update(done, total, _("Saving the answers"))

    service.run(
        session,
        imported,
        result,
        leave_out_problems=leave_out,
        user_id=user_id,
        progress=saved,
        processes=current_app.config["IMPORT_PROCESSES"],
    )
    summary = ngettext(
        "%(num)s response imported from %(file)s.",
        "%(num)s responses imported from %(file)s.",
        imported.rows_imported,
        file=imported.filename,
    )
    return JobResult(data={"summary": summary}, link=url_for("imports.show", import_id=import_id))
