"""`coprod purge`: delete what is past its retention, safe to run from cron every night."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from coprod.db import app_session
from coprod.models import utcnow


@click.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete unsent drafts after DRAFT_DAYS and the words of answers and session notes past
    their retention, keeping the anonymous counts; print what went. Running it again is safe."""
    from coprod.services.purge import purge

    config = current_app.config
    catalogue = current_app.extensions["coprod.catalogue"]
    retention = {
        slug: definition.retention_months
        for slug, definition in catalogue.surveys.items()
        if definition.retention_months
    }
    with app_session(current_app) as session:
        report = purge(
            session,
            retention,
            int(config["RETENTION_MONTHS"]),
            int(config["DRAFT_DAYS"]),
            utcnow(),
        )
    for line in report.lines():
        click.echo(line)
    current_app.logger.info("coprod purge: %s", "; ".join(report.lines()))
