"""`coprod evidence`: one period's evidence written to a file, the board pack with a progress
bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from coprod.db import app_session


@click.command("evidence")
@click.option(
    "--format",
    "format_",
    required=True,
    type=click.Choice(["docx", "csv", "html"]),
    help="What to write: the Word board pack, the statements as CSV, or a printable page.",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write.",
)
@click.option(
    "--period", help="The monitoring period, by the month it starts (2026-01); default the latest."
)
@click.option("--framework", default="default", show_default=True, help="Framework slug.")
@with_appcontext
def evidence_command(format_: str, output: Path, period: str | None, framework: str) -> None:
    """Write the evidence for one period: the Word board pack (in English, with a progress bar),
    the statements as CSV (redacted, only where enough people spoke) or the per-area evidence
    as a printable HTML page."""
    from coprod.evidence.cells import Scope
    from coprod.evidence.periods import period_named
    from coprod.jobs import run_with_progress_bar
    from coprod.services.audit import record
    from coprod.services.evidence import evidence_settings
    from coprod.services.evidence_csv import write_statements
    from coprod.web.evidence.routes import evidence_page
    from coprod.web.respond.flow import catalogue

    try:
        periods, threshold = evidence_settings(current_app.config, date.today())
    except ValueError as problem:
        raise click.ClickException(f"settings: {problem}") from None
    if framework not in catalogue().frameworks:
        raise click.BadParameter(
            f"there is no framework {framework!r} (there are: {', '.join(catalogue().frameworks)})",
            param_hint="--framework",
        )
    chosen = period_named(periods, period) if period else periods[-1]
    if chosen is None:
        raise click.BadParameter(
            f"there is no period {period!r} (there are: {', '.join(p.key for p in periods)})",
            param_hint="--period",
        )
    partial = output.with_name(output.name + ".part")
    with app_session(current_app) as session:
        if format_ == "csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as out:
                written = write_statements(session, framework, chosen, out, threshold)
            summary = f"{written} statement(s)"
        elif format_ == "docx":
            job = run_with_progress_bar(
                "board_pack", {"framework": framework, "period": chosen.key}
            )
            if job.result_file is None:
                raise click.ClickException(job.error or "The board pack was not written.")
            partial.write_bytes(job.result_file)
            summary = "the board pack"
        else:
            with current_app.test_request_context():
                page = evidence_page(
                    "evidence/printable.html", Scope(framework), periods, chosen, threshold
                )
            partial.write_text(page, encoding="utf-8")
            summary = "the evidence for each focus area"
        partial.replace(output)
        record(
            session,
            "evidence_exported",
            subject=f"{framework} {chosen.key}",
            detail={"format": format_, "command": True},
        )
        session.commit()
    click.echo(f"Wrote {summary} for {chosen.key} to {output}")
