"""`coprod import`: bring in another tool's export from the command line, as the import pages do.

Every problem is printed as one line naming the file, row and column; nothing is saved while a
row has a problem unless the person chooses to leave such rows out.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from coprod.db import app_session
from coprod.imports.answers import IGNORE, KEY, QUESTION, SUBMITTED
from coprod.imports.columns import NEW_SURVEY_HOLDS, ColumnChoice, describe
from coprod.imports.layouts import TOOLS, SourceFile
from coprod.imports.tables import ImportProblem
from coprod.jobs import run_with_progress_bar
from coprod.services import imports
from coprod.services.survey_versions import current_version
from coprod.surveys.definitions import SurveyDefinition
from coprod.web.imports.job import QUEUED

#: Problems printed in full; the rest are counted.
SHOWN = 50


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--survey", "slug", help="The survey the answers belong to (its slug).")
@click.option("--new-survey", "title", help="Make a new imported survey with this title.")
@click.option("--framework", default="default", show_default=True, help="For a new survey.")
@click.option(
    "--tool",
    type=click.Choice(sorted(TOOLS)),
    help="The tool that made the file; worked out from its columns if not given.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="COLUMN=WHAT",
    help="What a column holds, by its letter or name: question:ID (into --survey); free_text, "
    "choice, choices (each with @focus_area), role or age_band (into --new-survey); submitted, "
    "key or ignore. Columns not named keep the suggested reading.",
)
@click.option("--check", is_flag=True, help="Check every row and save nothing.")
@click.option(
    "--leave-out-problem-rows", is_flag=True, help="Import the good rows and leave out the rest."
)
@with_appcontext
def import_command(
    file: Path,
    slug: str | None,
    title: str | None,
    framework: str,
    tool: str | None,
    columns: tuple[str, ...],
    check: bool,
    leave_out_problem_rows: bool,
) -> None:
    """Import the answers in FILE (Microsoft Forms, Google Forms, SmartSurvey, KoboToolbox or
    any CSV or Excel file with a row of column names) into a survey, or into a new one."""
    from coprod.web.respond.flow import catalogue

    if (slug is None) == (title is None):
        raise click.UsageError("give either --survey SLUG or --new-survey TITLE")
    most = current_app.config["IMPORT_MAX_MB"]
    if file.stat().st_size > int(most * 1024 * 1024):
        raise click.ClickException(f"{file}: the file is larger than {most} MB")
    data = file.read_bytes()
    source = imports.read_source(data, tool)
    if isinstance(source, ImportProblem):
        raise click.ClickException(f"{file}: {_where(source)}{source.message}")
    with force_locale("en"), app_session(current_app) as session:
        silent_for = timedelta(seconds=int(current_app.config["JOB_STALE_SECONDS"]))
        if stopped := imports.recover_stopped(session, silent_for):
            click.echo(f"Took back {stopped} import(s) that stopped part-way.")
        definition = None
        if slug is not None:
            definition = imports.existing_definition(session, slug, catalogue())
            if definition is None:
                raise click.BadParameter(f"there is no survey {slug!r}", param_hint="--survey")
        elif framework not in catalogue().frameworks:
            raise click.BadParameter(
                f"there is no framework {framework!r}", param_hint="--framework"
            )
        choices = _choices(
            file,
            source,
            definition,
            columns,
            imports.suggest(session, source, definition, framework),
        )
        _describe_file(file, source, choices, definition)
        result = imports.check(
            session, source, file.name, choices, definition, catalogue(), title=title,
            framework=framework,
        )  # fmt: skip
        for problem in result.column_problems:
            click.echo(f"{file}: {_where(problem)}{problem.message}", err=True)
        if result.column_problems:
            raise SystemExit(1)
        _report_rows(file, result)
        if check:
            return
        if result.with_problems and not leave_out_problem_rows:
            raise click.ClickException(
                f"{file}: nothing was imported; correct the rows above, or run again with "
                "--leave-out-problem-rows to import the others"
            )
        if not result.ready:
            click.echo("Nothing new to import.")
            return
        imported = imports.receive(session, file.name, data, None, source.tool)
        assert not isinstance(imported, ImportProblem)  # it was read above
        imported.mapping = {"framework": framework, "columns": [c.as_dict() for c in choices]}
        imported.new_survey_title = title
        if definition is not None:
            imported.survey_id = current_version(session, definition).survey_id
        imported.status = QUEUED
        session.commit()
        params = {"import_id": imported.id, "leave_out": leave_out_problem_rows}
    finished = run_with_progress_bar("import", params)
    if finished.status != "done":
        raise click.ClickException(f"{file}: {finished.error or 'the import stopped'}")
    click.echo(f"Imported {len(result.ready)} response(s) from {file.name}.")


def _choices(
    file: Path,
    source: SourceFile,
    definition: SurveyDefinition | None,
    given: tuple[str, ...],
    suggestions: list[ColumnChoice],
) -> list[ColumnChoice]:
    choices = {c.column: c for c in suggestions}
    by_name = {c.header.casefold(): c.number for c in source.columns}
    by_letter = {c.letter: c.number for c in source.columns}
    for spec in given:
        name, equals, holds = spec.rpartition("=")
        number = by_letter.get(name.strip()) if name.strip().isupper() else None
        number = number if number is not None else by_name.get(name.strip().casefold())
        if not equals or number is None:
            raise click.BadParameter(f"{file}: no column {name or spec!r}", param_hint="--column")
        holds, _at, area = holds.strip().partition("@")
        allowed = {IGNORE, KEY, SUBMITTED} if definition else set(NEW_SURVEY_HOLDS)
        if holds not in allowed and not (definition and holds.startswith(f"{QUESTION}:")):
            raise click.BadParameter(
                f"{file}: column {name!r} cannot be {holds!r}", param_hint="--column"
            )
        choices[number] = ColumnChoice(number, holds, area or None)
    return list(choices.values())


def _describe_file(
    file: Path, source: SourceFile, choices: list[ColumnChoice], definition: SurveyDefinition | None
) -> None:
    click.echo(
        f"{file}: {TOOLS.get(source.tool, source.tool)}, read as {source.encoding}, "
        f"{len(source.rows)} row(s) of answers"
    )
    for note in source.notes:
        click.echo(f"{file}: {note.message}")
    columns = {c.number: c for c in source.columns}
    for choice in choices:
        column = columns[choice.column]
        area = f" ({choice.focus_area})" if choice.focus_area else ""
        holds = describe(choice, definition, column)
        click.echo(f"  {column.letter:>3}  {column.header[:50]:<50}  {holds}{area}")


def _report_rows(file: Path, result: imports.ImportCheck) -> None:
    problems = result.row_problems
    for problem in problems[:SHOWN]:
        click.echo(f"{file}: {_where(problem)}{problem.message}", err=True)
    if len(problems) > SHOWN:
        click.echo(f"{file}: … and {len(problems) - SHOWN} more problem(s)", err=True)
    click.echo(
        f"{len(result.ready)} row(s) ready, {result.already_there} imported before, "
        f"{len(result.with_problems)} with problems."
    )


def _where(problem: ImportProblem) -> str:
    parts = []
    if problem.row is not None:
        parts.append(f"row {problem.row}")
    if problem.column is not None:
        parts.append(f"column '{problem.column}'")
    return ", ".join(parts) + ": " if parts else ""
