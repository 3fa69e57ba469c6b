"""Bring another tool's answers in: keep the uploaded file, check every row against the chosen
columns before anything is saved, then store the good rows in batches.

Nothing is half-imported: if a batch fails, or the import's process dies, the batches it stored
are deleted again (see run and recover_stopped). Each row has an import key, so the same file
(or an overlapping later export) adds nothing twice; each response points to its Import, the
provenance its statements carry (file, tool and date).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coprod.imports import new_survey
from coprod.imports.answers import ReadRow, RowReader, Target
from coprod.imports.column_problems import column_problems
from coprod.imports.columns import (
    CHOICE,
    CHOICES,
    ColumnChoice,
    distinct_values,
    suggested,
)
from coprod.imports.layouts import SourceFile, read_layout
from coprod.imports.tables import ImportProblem, read_cells
from coprod.models import Import, Response, Survey, SurveyVersion, utcnow
from coprod.services.analysis_ahead import analysis_ahead
from coprod.services.audit import record
from coprod.services.statement_analysis import analyser_for
from coprod.services.submissions import NewResponse, said_in, store_responses
from coprod.services.survey_versions import current_version, definition_of
from coprod.surveys.catalogue import Catalogue, DefinitionError, check_definition
from coprod.surveys.definitions import SurveyDefinition

#: Rows stored per batch of INSERTs; progress is reported after each.
BATCH = 500
#: How many rows' problems a check lists in full (all are counted).
PROBLEMS_LISTED = 200

Progress = Callable[[int, int], None]


@dataclass
class ImportCheck:
    """What importing would do, worked out without saving anything."""

    definition: SurveyDefinition | None
    targets: dict[int, Target]
    rows: list[ReadRow] = field(default_factory=list)
    #: Problems with the choice of columns; while there are any, nothing can be imported.
    column_problems: list[ImportProblem] = field(default_factory=list)
    already_there: int = 0

    @property
    def ready(self) -> list[ReadRow]:
        return [r for r in self.rows if not r.problems and not r.already]

    @property
    def with_problems(self) -> list[ReadRow]:
        return [r for r in self.rows if r.problems and not r.already]

    @property
    def row_problems(self) -> list[ImportProblem]:
        return [p for r in self.with_problems for p in r.problems]


def receive(
    session: Session, filename: str, data: bytes, user_id: int | None, tool: str | None = None
) -> Import | ImportProblem:
    """Read an uploaded file's layout and keep it, waiting for its columns to be chosen."""
    source = read_source(data, tool)
    if isinstance(source, ImportProblem):
        return source
    imported = Import(
        filename=(filename or "upload")[:255],
        tool=source.tool,
        checksum=hashlib.sha256(data).hexdigest(),
        data=data,
        rows_in_file=len(source.rows),
        created_by=user_id,
    )
    session.add(imported)
    session.commit()
    return imported


_sources: dict[tuple[str, str | None], SourceFile] = {}


def read_source(data: bytes, tool: str | None = None) -> SourceFile | ImportProblem:
    """The file's layout; the last one read is kept, as each screen of an import reads it."""
    key = (hashlib.sha256(data).hexdigest(), tool)
    if key not in _sources:
        cells = read_cells(data)
        if isinstance(cells, ImportProblem):
            return cells
        source = read_layout(cells, tool)
        if isinstance(source, ImportProblem):
            return source
        if not source.rows:
            return ImportProblem(_l("The file has column names but no answers under them"))
        _sources.clear()
        _sources[key] = source
    return _sources[key]


def choices_of(imported: Import) -> list[ColumnChoice]:
    """What the person chose each column of the file to hold."""
    return [ColumnChoice.from_dict(c) for c in (imported.mapping or {}).get("columns", [])]


def source_of(session: Session, imported: Import) -> SourceFile:
    data = session.scalar(select(Import.data).where(Import.id == imported.id))
    source = read_source(data or b"", imported.tool)
    if isinstance(source, ImportProblem):
        raise ValueError(str(source.message))  # it was read once, so it reads again
    return source


def check(
    session: Session,
    source: SourceFile,
    filename: str,
    choices: list[ColumnChoice],
    definition: SurveyDefinition | None,
    catalogue: Catalogue,
    *,
    title: str | None = None,
    framework: str = "default",
) -> ImportCheck:
    """Read every row with the chosen columns; ``definition`` None makes a new survey."""
    problems = column_problems(source, choices, definition)
    if definition is None and not problems:
        raw, targets = new_survey.build(
            source, choices, title=title or filename, filename=filename,
            framework=framework,
        )  # fmt: skip
        try:
            definition = check_definition(raw, catalogue, filename)
        except DefinitionError as error:
            problems += [ImportProblem(f"{p.key}: {p.message}") for p in error.problems]
    elif definition is not None:
        targets = {c.column: Target.parse(c.holds) for c in choices}
    else:
        targets = {}
    result = ImportCheck(definition, targets, column_problems=problems)
    if problems or definition is None:
        return result
    reader = RowReader(source, definition, targets)
    result.rows = [reader.read(number, cells) for number, cells in source.rows]
    stored = _stored_keys(session, [r.key for r in result.rows])
    for row in result.rows:
        row.already = row.key in stored
    result.already_there = sum(1 for r in result.rows if r.already)
    return result


def suggest(
    session: Session, source: SourceFile, definition: SurveyDefinition | None, framework: str
) -> list[ColumnChoice]:
    """A first reading of every column; for a new survey, each choice column gets the focus
    area its name and answers are most about, as the analyser tags them."""
    choices = suggested(source, definition)
    if definition is not None:
        return choices
    analyser = analyser_for(framework, session.connection())
    columns = {c.number: c for c in source.columns}
    said: dict[str, list[str]] = {}
    for choice in choices:
        if choice.holds in (CHOICE, CHOICES):
            column = columns[choice.column]
            words = said.setdefault(column.group or column.header, [column.group or column.header])
            words += distinct_values(source, choice.column)[:10]
    areas = {}
    for question, words in said.items():
        tags = sorted(analyser.analyse(" ".join(words)).tags, key=lambda t: -t.confidence)
        areas[question] = tags[0].area if tags else None
    return [
        replace(c, focus_area=areas[columns[c.column].group or columns[c.column].header])
        if c.holds in (CHOICE, CHOICES)
        else c
        for c in choices
    ]


def _stored_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):  # SQLite allows so many parameters a statement
        chunk = keys[start : start + 900]
        found.update(
            session.scalars(select(Response.import_key).where(Response.import_key.in_(chunk)))
        )
    return found


def run(
    session: Session,
    imported: Import,
    result: ImportCheck,
    *,
    leave_out_problems: bool,
    user_id: int | None,
    progress: Progress | None = None,
    processes: int = 1,
) -> Import:
    """Store the checked rows: all of them, or (if the person chose to) all but those with
    problems; rows imported before are skipped. With ``processes`` (1 or more), a large
    file's statements are analysed in that many worker processes.

    Each batch is committed on its own, so people answering a survey meanwhile are never kept
    waiting behind the import for SQLite's one write lock; if any batch fails, the batches
    already stored are deleted again, so the file is in whole or not at all."""
    if result.column_problems or result.definition is None:
        raise ValueError("the columns have problems")
    if result.with_problems and not leave_out_problems:
        raise ValueError("rows have problems")
    version = current_version(session, result.definition)
    imported = session.get(Import, imported.id) or imported
    imported.survey_id = version.survey_id
    imported.status = "importing"
    imported.imported_at = utcnow()  # its heartbeat from now on: see recover_stopped
    session.commit()
    ready = result.ready
    batches = [
        [NewResponse(r.answers, r.submitted_at, import_key=r.key) for r in ready[i : i + BATCH]]
        for i in range(0, len(ready), BATCH)
    ]
    framework = result.definition.framework
    analyser = analyser_for(framework, session.connection())
    chunks = [
        [(s.text, s.kind) for _kept, said in said_in(version, batch) for s in said]
        for batch in batches
    ]
    try:
        with analysis_ahead(analyser, framework, chunks, processes) as analysed:
            stored = 0
            for index, batch in enumerate(batches):
                store_responses(
                    session,
                    version,
                    batch,
                    language="en",
                    format_="standard",
                    channel="import",
                    import_id=imported.id,
                    analysed=analysed(index),
                )
                imported.imported_at = utcnow()  # its heartbeat while it imports
                session.commit()
                stored += len(batch)
                if progress is not None:
                    progress(stored, len(ready))
    except BaseException:
        session.rollback()
        _undo(session, imported)
        raise
    _finish(session, imported, result, user_id)
    return imported


def recover_stopped(session: Session, silent_for: timedelta) -> int:
    """Take back what imports stopped part-way stored (their process was killed, the machine
    went down): an import that has stored no batch for ``silent_for`` is not running. Each is
    undone and marked failed; return how many."""
    since = utcnow() - silent_for
    stopped = session.scalars(
        select(Import).where(
            Import.status == "importing",
            func.coalesce(Import.imported_at, Import.created_at) < since,
        )
    ).all()
    for imported in stopped:
        _undo(session, imported)
    return len(stopped)


def _undo(session: Session, imported: Import) -> None:
    """Delete what part of an import was stored (the database deletes their answers, statements
    and tags with them), and say it failed."""
    session.execute(delete(Response).where(Response.import_id == imported.id))
    imported.status = "failed"
    session.commit()


def _finish(session: Session, imported: Import, result: ImportCheck, user_id: int | None) -> None:
    assert result.definition is not None
    imported.status = "imported"
    imported.rows_imported = len(result.ready)
    imported.rows_already_there = result.already_there
    imported.rows_left_out = len(result.with_problems)
    imported.imported_at = utcnow()
    imported.data = None
    record(
        session,
        "answers_imported",
        user_id=user_id,
        subject=imported.filename,
        detail={
            "tool": imported.tool,
            "survey": result.definition.slug,
            "rows": imported.rows_imported,
            "already_there": imported.rows_already_there,
            "left_out": imported.rows_left_out,
        },
    )
    session.commit()


def existing_definition(
    session: Session, slug: str, catalogue: Catalogue
) -> SurveyDefinition | None:
    """A survey to import into: one of the catalogue's, or an imported survey made before."""
    if slug in catalogue.surveys:
        return catalogue.surveys[slug]
    version = session.scalar(
        select(SurveyVersion)
        .join(Survey)
        .where(Survey.slug == slug)
        .order_by(SurveyVersion.number.desc())
        .limit(1)
    )
    return definition_of(version) if version is not None else None


def provenance(session: Session, response_id: int | None) -> Import | None:
    """The file an imported response (and so each of its statements) came from."""
    if response_id is None:
        return None
    return session.scalar(
        select(Import)
        .join(Response, Response.import_id == Import.id)
        .where(Response.id == response_id)
    )
