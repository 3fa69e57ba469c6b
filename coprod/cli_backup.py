"""`coprod backup` and `coprod restore`: the whole database to one file and back, checked."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from coprod.db import app_session


@click.command("backup")
@click.argument("file", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Copy the whole database into FILE, with each table's row count and checksum, while the
    app keeps serving. FILE holds every answer: keep it as safe as the database."""
    from coprod.services.audit import record
    from coprod.services.backup import BackupError, take_backup

    try:
        manifest = take_backup(current_app.extensions["coprod.engine"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    with app_session(current_app) as session:
        record(session, "backup_taken", subject=str(file), detail={"rows": manifest.rows})
        session.commit()
    click.echo(f"Backed up {len(manifest.tables)} tables ({manifest.rows} rows) to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking first.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace everything in the database with the backup in FILE, then check every table
    against the backup's row counts and checksums."""
    from coprod.services.audit import record
    from coprod.services.backup import BackupError, restorable, restore_backup

    engine = current_app.extensions["coprod.engine"]
    try:
        manifest = restorable(engine, file)
        if not yes:
            click.confirm(
                f"Replace everything in the database with the backup taken "
                f"{manifest.taken_at:%Y-%m-%d %H:%M} UTC?",
                abort=True,
            )
        restored = restore_backup(engine, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    with app_session(current_app) as session:
        record(session, "backup_restored", subject=str(file), detail={"rows": manifest.rows})
        session.commit()
    for difference in restored.differences:
        click.echo(f"{file}: {difference}", err=True)
    if restored.differences:
        raise click.ClickException(
            f"Restored {file}, but {len(restored.differences)} table(s) differ from the backup "
            "(listed above)."
        )
    click.echo(f"Restored {file}: all {len(manifest.tables)} tables match the backup.")
    if manifest.revision != restored.head_revision:
        click.echo("The backup is from another version of coprod: run `coprod db upgrade` now.")
