"""The backup drill: a database filled through the app's services is backed up, changed and
partly deleted, restored, and found exactly as it was, table by table; `coprod backup` and
`coprod restore` say what they did, ask before replacing anything, and give one plain line for
bad input. Runs on SQLite and, with --postgres, on a database of its own on the test server."""

from __future__ import annotations

import io
import json
import random
import sqlite3
import tarfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine

from coprod.db import app_session
from coprod.demo.actions import fill_demo_actions
from coprod.demo.sessions import fill_demo_sessions
from coprod.models import (
    AuditEvent,
    Draft,
    Response,
    SafeguardingAlert,
    Statement,
    StatementTag,
    User,
)
from coprod.services.backup import restore_backup, take_backup
from coprod.services.backup_manifest import TableSummary, summarise
from coprod.services.stats import counts
from coprod.services.submissions import store_response, submit_draft
from coprod.services.survey_versions import current_version
from tests.factories import make_user
from tests.scratch_database import migrated_scratch_database
from tests.survey_answers import SURVEY, saved_draft, young_person_answers


@pytest.fixture
def drill_app(make_app: Callable[..., Flask], database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on a freshly migrated database of its own, so restoring touches no other test."""
    with migrated_scratch_database(database_url, tmp_path, "drill") as url:
        app = make_app(DATABASE_URL=url)
        yield app
        app.extensions["coprod.engine"].dispose()


def fill(app: Flask, people: int = 12) -> None:
    """Staff, sent and unsent surveys (with a safeguarding alert), group sessions and
    published "you said, we did" actions, all stored by the app's own code."""
    facilitator = make_user(app, email="facilitator@example.org", role="facilitator")
    analyst = make_user(app, email="analyst@example.org", role="analyst")
    with app_session(app) as session:
        for n in range(people):
            draft = saved_draft(app, session, n, language=("en", "pl", "ur")[n % 3])
            if n % 4:
                submit_draft(session, draft)  # one in four is still being answered
        facilitator = session.get(User, facilitator.id)
        analyst = session.get(User, analyst.id)
        catalogue = app.extensions["coprod.catalogue"]
        start = date.today() - timedelta(days=200)
        fill_demo_sessions(session, catalogue, facilitator, start, random.Random(7))
        fill_demo_actions(session, analyst, date.today())
        session.commit()


def tables_of(app: Flask) -> dict[str, TableSummary]:
    with app.extensions["coprod.engine"].connect() as connection:
        return summarise(connection)


def spoil(app: Flask) -> None:
    """What a bad day does: a response and its statements deleted, words changed, alerts
    cleared, a user removed from the audit trail, and a new response the backup never had."""
    with app_session(app) as session:
        first = session.scalar(select(func.min(Response.id)))
        session.execute(delete(Response).where(Response.id == first))  # cascades to its rows
        session.execute(update(Statement).values(text="overwritten"))
        session.execute(delete(SafeguardingAlert))
        session.execute(delete(StatementTag).where(StatementTag.origin == "auto"))
        session.execute(delete(AuditEvent))
        survey = app.extensions["coprod.catalogue"].surveys[SURVEY]
        store_response(
            session,
            current_version(session, survey),
            young_person_answers(99),
            language="en",
            format_="standard",
        )
        session.commit()


def test_a_restored_backup_has_every_row_of_every_table_as_it_was(
    drill_app: Flask, tmp_path: Path
) -> None:
    fill(drill_app)
    engine: Engine = drill_app.extensions["coprod.engine"]
    before = tables_of(drill_app)
    with app_session(drill_app) as session:
        stats_before = counts(session)
        references = set(session.scalars(select(Response.reference)))
    assert stats_before["responses"] == 9 and stats_before["sessions"] > 0
    assert before["safeguarding_alerts"].rows > 0 and before["actions"].rows > 0

    manifest = take_backup(engine, tmp_path / "drill.coprod-backup")
    assert manifest.tables == before
    assert manifest.rows == sum(t.rows for t in before.values())

    spoil(drill_app)
    spoiled = tables_of(drill_app)
    assert {n for n in before if spoiled[n] != before[n]} >= {
        "responses",
        "answers",
        "statements",
        "statement_tags",
        "safeguarding_alerts",
        "audit_events",
    }

    restored = restore_backup(engine, tmp_path / "drill.coprod-backup")
    assert restored.differences == []
    assert tables_of(drill_app) == before
    with app_session(drill_app) as session:
        assert counts(session) == stats_before
        assert set(session.scalars(select(Response.reference))) == references
        unsent = session.scalars(select(Draft).where(~Draft.response.has())).all()
        assert len(unsent) == 3
        # The restored database is a working one: a draft left unsent can still be sent.
        submit_draft(session, unsent[0])
        assert session.scalar(select(func.count(Response.id))) == 10


def test_a_backup_taken_while_answers_arrive_matches_its_own_manifest(
    drill_app: Flask, tmp_path: Path
) -> None:
    fill(drill_app, people=4)
    engine: Engine = drill_app.extensions["coprod.engine"]
    survey = drill_app.extensions["coprod.catalogue"].surveys[SURVEY]
    stop = threading.Event()
    sent: list[int] = []

    def keep_answering() -> None:
        with app_session(drill_app) as session:
            version = current_version(session, survey)
            while not stop.is_set():
                stored = store_response(
                    session,
                    version,
                    young_person_answers(len(sent)),
                    language="en",
                    format_="standard",
                )
                session.commit()
                sent.append(stored.id)

    writer = threading.Thread(target=keep_answering)
    writer.start()
    try:
        while len(sent) < 3:
            stop.wait(0.01)
        manifest = take_backup(engine, tmp_path / "busy.coprod-backup")
        while len(sent) < manifest.tables["responses"].rows + 2:
            stop.wait(0.01)  # answers kept arriving after the backup
    finally:
        stop.set()
        writer.join()

    # Whatever moment the backup caught, its rows agree with each other and with the manifest.
    restored = restore_backup(engine, tmp_path / "busy.coprod-backup")
    assert restored.differences == []
    with app_session(drill_app) as session:
        responses = session.scalar(select(func.count(Response.id)))
        without_answers = session.scalar(
            select(func.count(Response.id)).where(~Response.answers.any())
        )
    assert responses == manifest.tables["responses"].rows < 3 + len(sent)
    assert without_answers == 0


def invoke(app: Flask, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_coprod_backup_and_restore_say_what_they_did_and_ask_first(
    drill_app: Flask, tmp_path: Path
) -> None:
    fill(drill_app, people=4)
    backup = tmp_path / "nightly.coprod-backup"
    taken = invoke(drill_app, "backup", str(backup))
    assert taken.exit_code == 0, taken.output
    assert taken.output.startswith("Backed up ") and taken.output.rstrip().endswith(f"to {backup}.")
    assert backup.stat().st_mode & 0o077 == 0  # people's answers: readable by the owner only
    with app_session(drill_app) as session:
        assert session.scalars(select(AuditEvent.action)).all()[-1] == "backup_taken"
    before = tables_of(drill_app)

    spoil(drill_app)
    spoiled = tables_of(drill_app)
    declined = invoke(drill_app, "restore", str(backup), input="n\n")
    assert declined.exit_code == 1
    assert "Replace everything in the database with the backup taken" in declined.output
    assert tables_of(drill_app) == spoiled

    done = invoke(drill_app, "restore", str(backup), input="y\n")
    assert done.exit_code == 0, done.output
    assert f"Restored {backup}: all {len(before)} tables match the backup." in done.output
    after = tables_of(drill_app)
    assert {n for n in before if after[n] != before[n]} == {"audit_events"}
    with app_session(drill_app) as session:
        audit = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    # The backup was recorded after it was taken, so only the restore is in the restored log.
    assert audit[-1] == "backup_restored" and "backup_taken" not in audit


def rewrite_manifest(backup: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    """Change the manifest inside a backup, keeping the database in it as it was."""
    with tarfile.open(backup) as archive:
        members = [(m, archive.extractfile(m).read()) for m in archive]  # type: ignore[union-attr]
    manifest = json.loads(members[0][1])
    change(manifest)
    members[0] = (members[0][0], json.dumps(manifest).encode())
    with tarfile.open(backup, "w") as archive:
        for member, data in members:
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))


def test_restore_names_each_table_that_does_not_match_the_backup(
    drill_app: Flask, tmp_path: Path
) -> None:
    fill(drill_app, people=4)
    backup = tmp_path / "backup.tar"
    take_backup(drill_app.extensions["coprod.engine"], backup)

    def claim_other_rows(manifest: dict) -> None:  # type: ignore[type-arg]
        manifest["tables"]["statements"]["sha256"] = "0" * 64
        manifest["tables"]["answers"]["rows"] += 1

    rewrite_manifest(backup, claim_other_rows)
    result = invoke(drill_app, "restore", "--yes", str(backup))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    answers = tables_of(drill_app)["answers"].rows
    assert f"{backup}: table answers: {answers + 1} rows backed up, {answers} found" in lines
    assert any(
        line.startswith(f"{backup}: table statements: the same ") and "not the same values" in line
        for line in lines
    )
    assert (
        lines[-1]
        == f"Error: Restored {backup}, but 2 table(s) differ from the backup (listed above)."
    )


def send_one(app: Flask) -> None:
    with app_session(app) as session:
        survey = app.extensions["coprod.catalogue"].surveys[SURVEY]
        version = current_version(session, survey)
        store_response(session, version, young_person_answers(1), language="en", format_="standard")
        session.commit()


def other_kind(app: Flask) -> str:
    return "postgresql" if app.extensions["coprod.engine"].dialect.name == "sqlite" else "sqlite"


@pytest.mark.parametrize(
    ("command", "make_file", "says"),
    [
        ("restore", None, "{file}: there is no such file."),
        ("restore", "text", "{file} is not a coprod backup."),
        ("restore", "empty", "{file} is not a coprod backup."),
        ("restore", "database", "{file} is not a coprod backup."),
        ("restore", "folder", "{file} is a folder, not a coprod backup."),
        (
            "restore",
            "other kind",
            "{file} is a backup of a {other} database; this database is {this}.",
        ),
        ("restore", "damaged", "{file} is damaged: its database does not match its manifest."),
        ("backup", "no folder", "Cannot write {file}: No such file or directory."),
        ("backup", "under a file", "Cannot write {file}: Not a directory."),
        ("backup", "folder", "{file} is a folder: give the backup a file name."),
    ],
)
def test_bad_input_gets_one_plain_line_naming_the_file(
    app: Flask, tmp_path: Path, command: str, make_file: str | None, says: str
) -> None:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    file = tmp_path / "backup.tar"
    if make_file == "text":
        file.write_text("family-experience,3,Good\n", encoding="utf-8")
    elif make_file == "empty":
        file.touch()
    elif make_file == "database":  # the live database given in place of a backup
        with closing(sqlite3.connect(file)) as database:
            database.execute("CREATE TABLE responses (id INTEGER PRIMARY KEY)")
    elif make_file == "folder":
        file.mkdir()
    elif make_file == "no folder":
        file = tmp_path / "not-made-yet" / "backup.tar"
    elif make_file == "under a file":
        (tmp_path / "a-file").touch()
        file = tmp_path / "a-file" / "backup.tar"
    elif make_file in ("other kind", "damaged"):
        take_backup(app.extensions["coprod.engine"], file)
        if make_file == "other kind":
            rewrite_manifest(file, lambda m: m.update(database=other_kind(app)))
        else:
            rewrite_manifest(file, lambda m: m.update(dump_sha256="0" * 64))
        send_one(app)  # so a restore that went ahead would be seen
    before = tables_of(app)

    result = invoke(app, command, *(["--yes"] if command == "restore" else []), str(file))

    this = app.extensions["coprod.engine"].dialect.name
    expected = says.format(file=file, other=names[other_kind(app)], this=names[this])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {expected}"]
    assert tables_of(app) == before  # nothing replaced, nothing recorded
