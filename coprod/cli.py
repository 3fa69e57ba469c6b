"""The `coprod` command: Flask's own commands plus ours, each calling services."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any, TextIO

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from coprod import create_app
from coprod.cli_backup import backup_command, restore_command
from coprod.cli_evidence import evidence_command
from coprod.cli_import import import_command
from coprod.cli_jobs import worker_command
from coprod.cli_retention import purge_command
from coprod.cli_xlsform import xlsform_command
from coprod.db import app_session
from coprod.surveys import DefinitionError, load_catalogue
from coprod.translate import translate_command


class CoprodGroup(FlaskGroup):
    """Flask's command group, turning known failures into one plain line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DefinitionError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException("The survey files have problems (listed above).") from None
        except (OperationalError, ProgrammingError) as error:
            reason = str(error.orig).splitlines()[0] if error.orig else str(error)
            raise click.ClickException(
                f"The database is not ready ({reason}). Run `coprod db upgrade` first."
            ) from None


@click.group(cls=CoprodGroup, create_app=create_app, add_version_option=False)
def main() -> None:
    """coprod: hear SEND families and young people, and show the board what changed."""


@click.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision.")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Create or migrate the database, then store the current survey wordings."""
    from coprod.migrate import upgrade
    from coprod.services.survey_versions import store_catalogue

    upgrade(current_app.extensions["coprod.engine"], revision)
    with app_session(current_app) as session:
        store_catalogue(session, current_app.extensions["coprod.catalogue"])
    click.echo("Database is up to date.")


@db.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (use "base" to empty it)."""
    from coprod.migrate import downgrade

    downgrade(current_app.extensions["coprod.engine"], revision)
    click.echo(f"Database is at {revision}.")


@click.command("check-surveys")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def check_surveys(directory: Path | None) -> None:
    """Check every survey and framework file; print each problem as file:line: key: message."""
    from coprod.config import Defaults

    folder = directory or Path(Defaults.SURVEYS_DIR)
    try:
        catalogue = load_catalogue(folder)
    except DefinitionError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(error.problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(
        f"{len(catalogue.surveys)} survey(s), {len(catalogue.frameworks)} framework(s) and "
        f"{len(catalogue.session_templates)} session template(s) are valid."
    )


main.add_command(check_surveys)


def _analyser_for(framework: str) -> Any:
    from coprod.analysis import default_analyser
    from coprod.analysis.framework import FRAMEWORKS_DIR

    if not (FRAMEWORKS_DIR / f"{framework}.yaml").is_file():
        known = ", ".join(sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.yaml")))
        raise click.BadParameter(f"there is no framework '{framework}' (there are: {known})")
    return default_analyser(framework)


@click.command("analyse")
@click.option("--input", "source", required=True, type=click.File("r", encoding="utf-8-sig"))
@click.option("--output", "target", required=True, type=click.File("w", encoding="utf-8"))
@click.option("--framework", default="default", show_default=True, help="Framework slug.")
def analyse_command(source: TextIO, target: TextIO, framework: str) -> None:
    """Analyse statements: each input line {"id":…, "text":…} gains focus areas, sentiment,
    a safeguarding flag and redacted text. Lines that cannot be read are listed by number."""
    from coprod.analysis.batch import analyse_lines

    analyser = _analyser_for(framework)
    done = failed = 0
    for result in analyse_lines(source, analyser):
        if result.analysis is None:
            click.echo(f"{source.name}:{result.number}: {result.problem}", err=True)
            failed += 1
            continue
        target.write(json.dumps({**result.item, **result.analysis.to_json()}, ensure_ascii=False))
        target.write("\n")
        done += 1
    click.echo(f"Analysed {done} statement(s) into {target.name}.", err=True)
    if failed:
        raise click.ClickException(f"{failed} line(s) could not be analysed (listed above).")


@click.command("evaluate")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--framework", default="default", show_default=True, help="Framework slug.")
def evaluate_command(file: TextIO, framework: str) -> None:
    """Measure the analysis against FILE.jsonl, lines with "text", "focus_areas" and
    "sentiment": per-area precision, recall and F1, macro-F1 with a 95% interval, sentiment F1."""
    from coprod.analysis.batch import analyse_lines
    from coprod.analysis.evaluate import Labelled
    from coprod.analysis.report import evaluation_lines

    analyser = _analyser_for(framework)
    items = []
    for result in analyse_lines(file, analyser, needs=("focus_areas", "sentiment")):
        if result.analysis is None:
            click.echo(f"{file.name}:{result.number}: {result.problem}", err=True)
            continue
        items.append(
            Labelled(
                frozenset(result.item["focus_areas"] or ()),
                frozenset(result.analysis.focus_areas),
                result.item["sentiment"],
                result.analysis.sentiment.label,
            )
        )
    if not items:
        raise click.ClickException(f"{file.name} has no statements that could be read.")
    for line in evaluation_lines(items, analyser.tagger.framework.slugs):
        click.echo(line)


@click.command("reanalyse")
@click.option("--framework", default="default", show_default=True, help="Framework slug.")
@with_appcontext
def reanalyse_command(framework: str) -> None:
    """Analyse stored statements again after the framework, lexicon or model changed: automatic
    tags, sentiment, redaction and flags. People's and surveys' tags are kept; alerts too."""
    from coprod.services.reanalysis import reanalyse

    path = Path(current_app.config["SURVEYS_DIR"]) / "frameworks" / f"{framework}.yaml"
    if not path.is_file():
        raise click.BadParameter(f"there is no framework file {path}", param_hint="--framework")
    with app_session(current_app) as session:
        report = reanalyse(
            session, framework, progress=lambda n: click.echo(f"{n} statements done", err=True)
        )
    click.echo(
        f"Reanalysed {report.statements} statement(s): {report.tags_changed} tag(s) changed, "
        f"{report.newly_flagged} newly flagged for safeguarding, {report.failed} failed "
        "(kept, and waiting for review)."
    )


main.add_command(analyse_command)
main.add_command(evaluate_command)


@click.command("stats")
@with_appcontext
def stats() -> None:
    """Print counts of responses, statements and surveys as JSON."""
    from coprod.services.stats import counts

    with app_session(current_app) as session:
        click.echo(json.dumps(counts(session)))


@click.command("demo")
@click.option("--responses", default=480, show_default=True, help="How many responses to add.")
@click.option(
    "--seed", default=2022, show_default=True, help="Random seed, for the same data again."
)
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there are responses.")
@with_appcontext
def demo(responses: int, seed: int, if_empty: bool) -> None:
    """Fill an empty database with realistic synthetic responses over 18 months."""
    from coprod.demo.generate import DEMO_PASSWORD, database_is_empty, fill_demo
    from coprod.web.evidence.representation import population_path

    with app_session(current_app) as session:
        if not database_is_empty(session):
            if if_empty:
                click.echo("The database already has responses; no demo data added.")
                return
            raise click.ClickException(
                "The database already has responses. coprod demo only fills an empty database."
            )
        result = fill_demo(session, current_app.extensions["coprod.catalogue"], responses, seed)
    click.echo(f"Added {result.responses} demo responses with {result.statements} statements.")
    click.echo(
        f"Added {result.sessions} demo group sessions with {result.session_statements} statements."
    )
    click.echo(f'Added {result.actions} demo "you said, we did" actions.')
    for email in result.users:
        click.echo(f"Demo account: {email} (password: {DEMO_PASSWORD}); delete before real use.")
    population = population_path()
    if not population.exists():
        example = Path(current_app.config["SURVEYS_DIR"]) / "population" / "example.yaml"
        population.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(example, population)
        click.echo(f"Added example population figures at {population}; replace them with yours.")


@click.command("create-user")
@click.option("--email", required=True, help="Their email address, used to sign in.")
@click.option("--name", default="", help="Their name, shown to colleagues.")
@click.option(
    "--role",
    type=click.Choice(["facilitator", "analyst", "admin"]),
    required=True,
    help="What they may do.",
)
@click.password_option(
    "--password",
    envvar="COPROD_NEW_USER_PASSWORD",
    help="At least 12 characters; asked for if not given.",
)
@with_appcontext
def create_user(email: str, name: str, role: str, password: str) -> None:
    """Create a staff account."""
    from coprod.services.users import AccountError
    from coprod.services.users import create_user as create

    with app_session(current_app) as session:
        try:
            user = create(session, email, name, role, password)
        except AccountError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Created {user.role} account for {user.email}.")


@click.command("send-alerts")
@with_appcontext
def send_alerts() -> None:
    """Email the safeguarding lead about every alert not yet emailed. Safe to run every few
    minutes: each alert is emailed once, and one that failed is tried again next time."""
    from coprod.services.alert_email import mail_settings, send_pending

    settings = mail_settings(current_app.config)
    if settings is None:
        click.echo(
            "Email is not set up (SMTP_HOST and SAFEGUARDING_EMAILS): "
            "alerts wait in the Safeguarding page of the app."
        )
        return
    with app_session(current_app) as session:
        report = send_pending(session, settings)
    click.echo(f"Emailed {report.sent} safeguarding alert(s).")
    if report.problems:
        for problem in report.problems:
            click.echo(f"Not sent, will try again: {problem}", err=True)
        raise SystemExit(1)


main.add_command(translate_command)


def register_commands(app: Flask) -> None:
    """Add coprod's commands to the app, so `coprod` and the test runner both see them."""
    for command in (
        db,
        stats,
        demo,
        create_user,
        reanalyse_command,
        send_alerts,
        evidence_command,
        backup_command,
        restore_command,
        purge_command,
        import_command,
        xlsform_command,
        worker_command,
    ):
        app.cli.add_command(command)


if __name__ == "__main__":
    main()
