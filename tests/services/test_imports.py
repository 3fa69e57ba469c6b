"""Importing other tools' exports with `coprod import`: every tool's layout, encodings, problems
named by row and column, nothing twice, nothing half-imported, provenance on every statement."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import func, select

from coprod.db import app_session
from coprod.models import Answer, Import, Response, Statement, Survey, SurveyVersion
from coprod.services import analysis_ahead, imports
from coprod.web.respond.flow import catalogue

FILES = Path(__file__).resolve().parents[1] / "data" / "imports"
TOOLS = {
    "Microsoft Forms": "microsoft_forms",
    "Google Forms": "google_forms",
    "SmartSurvey": "smartsurvey",
    "KoboToolbox": "kobotoolbox",
    "Another tool": "csv",
}


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["import", *args])


def count(app: Flask, model: type) -> int:
    with app_session(app) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def statements_of(app: Flask, filename: str) -> list[tuple[str, str | None, str, str, str]]:
    """(text, redacted text, file, tool, survey slug) of every statement imported from a file."""
    with app_session(app) as session:
        rows = session.execute(
            select(
                Statement.text, Statement.redacted_text, Import.filename, Import.tool, Survey.slug
            )
            .join(Response, Response.id == Statement.response_id)
            .join(Import, Import.id == Response.import_id)
            .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
            .join(Survey, Survey.id == SurveyVersion.survey_id)
            .where(Import.filename == filename)
            .order_by(Statement.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "into", "tool", "encoding", "responses"),
    [
        (
            "microsoft-forms.xlsx",
            ["--survey", "family-experience"],
            "Microsoft Forms",
            "Excel workbook",
            3,
        ),
        ("microsoft-forms.csv", ["--survey", "family-experience"], "Microsoft Forms", "UTF-8", 3),
        ("google-forms.csv", ["--survey", "family-experience"], "Google Forms", "UTF-8", 3),
        ("smartsurvey.csv", ["--new-survey", "Short breaks"], "SmartSurvey", "UTF-8", 3),
        ("smartsurvey.xlsx", ["--new-survey", "Short breaks"], "SmartSurvey", "Excel workbook", 3),
        (
            "kobotoolbox.csv",
            ["--new-survey", "Group check-in", "--column", "group_size=choice@coproduction"],
            "KoboToolbox",
            "UTF-8",
            2,
        ),
        (
            "any-tool-windows-1252.csv",
            ["--new-survey", "Drop-in feedback", "--column", "F=choice@coproduction"],
            "Another tool",
            "Windows-1252",
            3,
        ),
        (
            "excel-unicode-text.txt",
            ["--new-survey", "Drop-in feedback", "--column", "F=choice@coproduction"],
            "Another tool",
            "UTF-16",
            3,
        ),
    ],
)
def test_each_tools_export_is_read_and_its_statements_say_where_they_came_from(
    app: Flask, name: str, into: list[str], tool: str, encoding: str, responses: int
) -> None:
    result = run(app, str(FILES / name), *into)
    assert result.exit_code == 0, result.output + result.stderr
    assert f"{name}: {tool}" in result.output
    assert f"read as {encoding}" in result.output
    assert f"Imported {responses} response(s) from {name}." in result.output
    said = statements_of(app, name)
    assert said, "the import made statements"
    slug = into[1] if into[0] == "--survey" else None
    for _text, _redacted, file, made_with, survey in said:
        assert (file, made_with) == (name, TOOLS[tool])
        assert survey == slug or (slug is None and survey.startswith("imported-"))
    with app_session(app) as session:
        imported = session.scalars(select(Import).where(Import.filename == name)).one()
        assert imported.status == "imported"
        assert imported.imported_at is not None
        assert imported.data is None, "the file itself is not kept once imported"
        channels = set(
            session.scalars(select(Response.channel).where(Response.import_id == imported.id))
        )
    assert channels == {"import"}


def test_importing_the_same_file_again_adds_nothing(app: Flask) -> None:
    first = run(app, str(FILES / "microsoft-forms.xlsx"), "--survey", "family-experience")
    assert first.exit_code == 0, first.stderr
    before = (count(app, Response), count(app, Statement))
    again = run(app, str(FILES / "microsoft-forms.xlsx"), "--survey", "family-experience")
    assert "0 row(s) ready, 3 imported before" in again.output
    assert "Nothing new to import." in again.output
    # The same responses exported as CSV carry the same Microsoft Forms IDs.
    as_csv = run(app, str(FILES / "microsoft-forms.csv"), "--survey", "family-experience")
    assert "0 row(s) ready, 3 imported before" in as_csv.output
    assert (count(app, Response), count(app, Statement)) == before


def test_rows_with_problems_are_named_and_nothing_is_saved_until_they_are_left_out(
    app: Flask,
) -> None:
    result = run(app, str(FILES / "bad-rows.csv"), "--survey", "family-experience")
    assert result.exit_code == 1
    assert (
        "bad-rows.csv: row 3, column 'Timestamp': 'not a date' is not a date and time"
        in result.stderr
    )
    assert (
        "bad-rows.csv: row 4, column 'How old is your child?': 'about 30' is not one of this "
        "question's answers: 0 to 4, 5 to 10, 11 to 12, 13 to 15, 16 to 17, 18 to 25, Prefer not to say"
    ) in result.stderr
    assert "2 row(s) ready, 0 imported before, 2 with problems." in result.output
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert count(app, Response) == 0
    assert count(app, Import) == 0
    left_out = run(
        app,
        str(FILES / "bad-rows.csv"),
        "--survey",
        "family-experience",
        "--leave-out-problem-rows",
    )
    assert left_out.exit_code == 0, left_out.stderr
    assert count(app, Response) == 2
    with app_session(app) as session:
        imported = session.scalars(select(Import)).one()
        assert (imported.rows_imported, imported.rows_left_out) == (2, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((FILES / "not-a-spreadsheet.pdf").read_bytes(), "The file is not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0 an old workbook", "This is an old Excel file (.xls)"),
        (b"PK\x03\x04 a broken workbook", "The file is not a spreadsheet"),
        (b"", "The file is empty"),
        (b"Timestamp,What has been hard?\r\n", "The file has column names but no answers"),
    ],
)
def test_a_file_that_is_not_answers_gets_one_plain_line(
    app: Flask, tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(data)
    result = run(app, str(path), "--new-survey", "Anything")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr
    assert message in lines[0]
    assert count(app, Response) == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    make_app: object, tmp_path: Path
) -> None:
    app = make_app(IMPORT_MAX_MB=1)  # type: ignore[operator]
    path = tmp_path / "huge.csv"
    path.write_bytes(b"Timestamp,Comment\r\n" + b"2025/01/01 10:00:00,Fine\r\n" * 50_000)
    result = run(app, str(path), "--new-survey", "Huge")
    assert result.exit_code == 1
    assert f"{path}: the file is larger than 1 MB" in result.stderr


def test_personal_details_in_the_file_are_never_stored(app: Flask) -> None:
    run(app, str(FILES / "google-forms.csv"), "--survey", "family-experience")
    run(app, str(FILES / "smartsurvey.csv"), "--new-survey", "Short breaks")
    with app_session(app) as session:
        stored = " ".join(
            [str(v) for v in session.scalars(select(Answer.value))]
            + list(session.scalars(select(Statement.text)))
        )
    assert stored, "answers were stored"
    assert "parent1@example.org" not in stored
    assert "203.0.113.7" not in stored


def test_free_text_is_split_tagged_scored_and_redacted_like_any_answer(app: Flask) -> None:
    run(app, str(FILES / "microsoft-forms.xlsx"), "--survey", "family-experience")
    said = {text: redacted for text, redacted, *_rest in statements_of(app, "microsoft-forms.xlsx")}
    assert "We waited 18 months for the speech therapy assessment." in said
    assert "Nobody told us what was happening." in said, "each sentence is a statement"
    okafor = next(t for t in said if "Okafor" in t)
    assert "Okafor" not in (said[okafor] or "")
    phone = next(t for t in said if "07700 900123" in t)
    assert "07700 900123" not in (said[phone] or "")


def test_several_choices_in_one_cell_are_read_as_each_tool_joins_them(app: Flask) -> None:
    run(app, str(FILES / "google-forms.csv"), "--survey", "family-experience")
    run(app, str(FILES / "microsoft-forms.csv"), "--survey", "family-experience")
    with app_session(app) as session:
        chosen = {
            (question, tuple(value))
            for question, value in session.execute(
                select(Answer.question_id, Answer.value).where(
                    Answer.question_id.in_(["information_sources", "services_missing"])
                )
            )
        }
    # Google Forms joins with ", ", even where an option's own words hold commas.
    assert ("information_sources", ("local_offer", "parent_forum")) in chosen
    assert ("information_sources", ("sendiass", "school")) in chosen
    # Microsoft Forms ends each choice with ";".
    assert ("services_missing", ("speech_language", "occupational_therapy")) in chosen
    assert ("services_missing", ("none_missing",)) in chosen


def test_dates_are_read_in_the_order_the_file_uses(app: Flask) -> None:
    run(app, str(FILES / "microsoft-forms.csv"), "--survey", "family-experience")  # 3/13/2025
    run(app, str(FILES / "smartsurvey.csv"), "--new-survey", "Short breaks")  # 13/06/2025
    with app_session(app) as session:
        days = {
            (tool, response.submitted_at.date().isoformat())
            for response, tool in session.execute(
                select(Response, Import.tool).join(Import, Import.id == Response.import_id)
            )
        }
    assert ("microsoft_forms", "2025-03-13") in days
    assert ("microsoft_forms", "2025-03-04") in days
    assert ("smartsurvey", "2025-06-13") in days
    assert ("smartsurvey", "2025-06-12") in days


def test_characters_from_a_windows_file_arrive_as_written(app: Flask) -> None:
    result = run(
        app,
        str(FILES / "any-tool-windows-1252.csv"),
        "--new-survey",
        "Drop-in feedback",
        "--column",
        "F=choice@coproduction",
    )
    assert result.exit_code == 0, result.stderr
    assert "Row 4 repeats the column names: it is left out" in result.output
    texts = [text for text, *_rest in statements_of(app, "any-tool-windows-1252.csv")]
    assert "Waiting lists for OT are far too long – over a year." in texts
    assert "Paid £40 for a private report" in texts


def test_an_import_that_fails_part_way_keeps_nothing(app: Flask) -> None:
    """Rows stored by someone else after the check make a later batch fail on its keys: the
    batches stored before it are taken out again, and the import says it failed."""
    data = (FILES / "google-forms.csv").read_bytes()
    with app.app_context(), app_session(app) as session:
        definition = catalogue().surveys["family-experience"]
        source = imports.read_source(data)
        assert not isinstance(source, imports.ImportProblem)
        choices = imports.suggest(session, source, definition, "default")
        checked = imports.check(
            session, source, "google-forms.csv", choices, definition, catalogue()
        )
        assert len(checked.ready) == 3
        first = imports.receive(session, "google-forms.csv", data, None)
        imports.run(session, first, checked, leave_out_problems=False, user_id=None)  # type: ignore[arg-type]
        before = count(app, Response)
        second = imports.receive(session, "google-forms.csv", data, None)
        original = imports.BATCH
        imports.BATCH = 1  # one row a batch, so the first row is stored before the clash
        try:
            fresh = imports.check(
                session, source, "google-forms.csv", choices, definition, catalogue()
            )
            clashing = imports.ImportCheck(fresh.definition, fresh.targets, rows=fresh.rows)
            for row in clashing.rows[1:]:
                row.already = False  # as a check made before the first import finished saw them
            clashing.rows[0].key = "a-row-nobody-imported-before"
            with pytest.raises(Exception):  # noqa: B017 - whatever the database raises
                imports.run(session, second, clashing, leave_out_problems=False, user_id=None)  # type: ignore[arg-type]
        finally:
            imports.BATCH = original
        assert count(app, Response) == before
        failed = session.get(Import, second.id)  # type: ignore[union-attr]
        session.refresh(failed)
        assert failed.status == "failed"


def analysis_of(app: Flask) -> list[tuple[str, str | None, str | None, bool, list[str]]]:
    """Every statement's words, redaction, sentiment, flag and automatic tags, in order."""
    with app_session(app) as session:
        found = []
        for statement in session.scalars(select(Statement).order_by(Statement.id)):
            tags = sorted(t.focus_area for t in statement.tags if t.origin == "auto")
            found.append(
                (
                    statement.text,
                    statement.redacted_text,
                    statement.sentiment_label,
                    statement.safeguarding,
                    tags,
                )
            )
        session.rollback()
        return found


def test_worker_processes_analyse_a_large_file_exactly_as_the_import_itself_would(
    make_app: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is small, so the workers are told it is worth starting them."""
    monkeypatch.setattr(analysis_ahead, "WORTH_IT_FROM", 1)
    alone = make_app(IMPORT_PROCESSES=0)  # type: ignore[operator]
    assert (
        run(alone, str(FILES / "microsoft-forms.xlsx"), "--survey", "family-experience").exit_code
        == 0
    )
    by_itself = analysis_of(alone)
    with app_session(alone) as session:
        for response in session.scalars(select(Response)):
            session.delete(response)
        session.query(Import).delete()
        session.commit()
    shared = make_app(IMPORT_PROCESSES=1)  # type: ignore[operator]
    result = run(shared, str(FILES / "microsoft-forms.xlsx"), "--survey", "family-experience")
    assert result.exit_code == 0, result.stderr
    assert analysis_of(shared) == by_itself
    assert any(tags for *_rest, tags in by_itself), "the free text was tagged"


def test_two_columns_chosen_for_what_a_response_has_one_of_are_named(app: Flask) -> None:
    result = run(
        app,
        str(FILES / "smartsurvey.csv"),
        "--new-survey",
        "Short breaks",
        "--column",
        "Started=submitted",
        "--column",
        "Age of your child=role",
    )
    assert result.exit_code == 1
    assert (
        "Only one column can be 'When the answers were sent': 'Started', 'Ended' are"
        in result.stderr
    )
    assert (
        "Only one column can be 'Who answered: their role': 'Are you a parent, carer or young "
        "person?', 'Age of your child' are"
    ) in result.stderr
    assert count(app, Response) == 0
