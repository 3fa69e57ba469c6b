"""`coprod xlsform export|import`: surveys to and from KoboToolbox and ODK."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from coprod.translate import TRANSLATIONS


@click.group("xlsform")
def xlsform_command() -> None:
    """Surveys to and from XLSForm workbooks (KoboToolbox, ODK), with their translations."""


@xlsform_command.command("export")
@click.argument("slug")
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="An .xlsx."
)
@click.option(
    "--translations",
    "translations_dir",
    default=str(TRANSLATIONS),
    type=click.Path(file_okay=False, path_type=Path),
    help="The translations folder whose surveys catalogues hold the survey's translations.",
)
@with_appcontext
def export_command(slug: str, output: Path, translations_dir: Path) -> None:
    """Write survey SLUG, in every language, as an XLSForm workbook."""
    from coprod.services.survey_xlsform import export_survey

    surveys = current_app.extensions["coprod.catalogue"].surveys
    if slug not in surveys:
        raise click.BadParameter(
            f"there is no survey {slug!r} (there are: {', '.join(surveys)})", param_hint="SLUG"
        )
    partial = output.with_name(output.name + ".part")
    partial.write_bytes(export_survey(surveys[slug], translations_dir))
    partial.replace(output)
    click.echo(f"Wrote the survey {slug} as an XLSForm to {output}")


@xlsform_command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The survey file to write, e.g. surveys/new-survey.yaml.",
)
@click.option("--slug", help="The survey's name in its web address; default: from form_id.")
@click.option(
    "--translations",
    "translations_dir",
    default=str(TRANSLATIONS),
    type=click.Path(file_okay=False, path_type=Path),
    help="The translations folder whose surveys catalogues receive the translations.",
)
@with_appcontext
def import_command(file: Path, output: Path, slug: str | None, translations_dir: Path) -> None:
    """Check the XLSForm FILE; if it is fine, write it as a survey file and add its
    translations to the surveys catalogues. Nothing is written if anything is wrong."""
    from coprod.services.survey_xlsform import SaveError, import_survey, save_imported
    from coprod.surveys.xlsform_sheets import XLSFormError

    try:
        imported = import_survey(
            file.read_bytes(), current_app.extensions["coprod.catalogue"], slug
        )
        written = save_imported(imported, file.name, output, translations_dir)
    except XLSFormError as error:
        for problem in error.problems:
            click.echo(f"{file}: {problem}", err=True)
        raise click.ClickException(
            f"{file} was not imported: {len(error.problems)} problem(s) (listed above)."
        ) from None
    except SaveError as error:
        raise click.ClickException(f"{file} was not imported: {error}") from None
    for notice in imported.notices:
        click.echo(f"{file}: {notice}", err=True)
    questions = len(imported.definition["questions"])
    languages = ", ".join(sorted(imported.translations)) or "English only"
    click.echo(f"Imported {imported.definition['slug']}: {questions} question(s), {languages}.")
    for path in written:
        click.echo(f"Wrote {path}")
    click.echo(
        "Check it with `coprod check-surveys`, then run `coprod translate compile` and restart "
        "coprod to offer it."
    )
