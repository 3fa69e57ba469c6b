"""The `coprod` command: Flask's own commands plus ours, each calling services."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from coprod import create_app
from coprod.db import app_session
from coprod.surveys import DefinitionError, load_catalogue


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def main() -> None:
    """coprod: hear SEND families and young people, and show the board what changed."""


@main.group()
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
        f"{len(catalogue.surveys)} survey(s) and {len(catalogue.frameworks)} framework(s) are valid."
    )


main.add_command(check_surveys)


@main.command("stats")
@with_appcontext
def stats() -> None:
    """Print counts of responses, statements and surveys as JSON."""
    from coprod.services.stats import counts

    with app_session(current_app) as session:
        click.echo(json.dumps(counts(session)))


@main.command("create-user")
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


if __name__ == "__main__":
    main()
