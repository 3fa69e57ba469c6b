"""The responses export's rows and files, read straight from the service: a column for each card
of a card sort, how each response arrived, small groups hidden, unchecked words withheld, and a
CSV that Python's csv module (RFC 4180) reads back exactly."""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.evidence.periods import Period
from coprod.models import Statement
from coprod.services.response_columns import NOT_CHECKED, Column
from coprod.services.response_files import write_responses_csv
from coprod.services.response_rows import ResponseTable, response_table
from coprod.services.submissions import store_response
from coprod.services.survey_versions import current_version
from tests.evidence.responses_data import IN_PERIOD
from tests.survey_answers import SURVEY, young_person_answers

PERIOD = Period(date(2026, 7, 1), date(2027, 1, 1))


def send_young_people(app: Flask) -> None:
    """Three young people: one online, one on a group's shared device, one made up for a demo;
    the first one's words could not be checked for personal details."""
    with app_session(app) as session:
        version = current_version(session, app.extensions["coprod.catalogue"].surveys[SURVEY])
        for n, (channel, grown_up) in enumerate(
            [("online", None), ("online", "session"), ("demo", None)]
        ):
            store_response(
                session,
                version,
                young_person_answers(n),
                language="en",
                format_="easy-read",
                channel=channel,
                grown_up=grown_up,
                submitted_at=IN_PERIOD,
            )
        first = session.scalars(
            select(Statement).where(Statement.question_id == "whats_good").order_by(Statement.id)
        ).first()
        assert first is not None
        first.redacted_text = None  # as when the analysis failed
        session.commit()


def test_a_card_sort_has_a_column_for_each_card_and_small_groups_are_hidden(app: Flask) -> None:
    send_young_people(app)
    with app_session(app) as session:
        table = response_table(session, SURVEY, PERIOD, threshold=5)
        names = [column.name for column in table.columns]
        rows = [dict(zip(names, row, strict=True)) for row in table.rows]
    assert "cards.help_in_class" in names and "cards" not in names and "age_band" in names
    assert [row["channel"] for row in rows] == ["online", "shared_device", "demo"]
    first = young_person_answers(0)
    assert rows[0]["cards.my_plan"] == first["cards"].get("my_plan", "")
    assert rows[0]["feel_at_school"] == first["feel_at_school"]
    # Three people in all: every age band is fewer than the threshold.
    assert {row["age_band"] for row in rows} == {"[fewer than 5]"}
    assert rows[0]["whats_good"] == NOT_CHECKED
    assert rows[1]["whats_good"] == young_person_answers(1)["whats_good"]
    assert {row["format"] for row in rows} == {"easy-read"}


def test_the_csv_reads_back_exactly_with_python_csv_module() -> None:
    columns = tuple(Column(name, "") for name in ("row", "words", "more"))
    values = [
        ["1", 'She said "no", twice', "line one\r\nline two"],
        ["2", "", "plain"],
        ["3", 'comma, and "quote"\nand newline', "میرا بیٹا; Zażółć gęślą jaźń"],
    ]
    table = ResponseTable("known", PERIOD, columns, iter(values))
    out = io.StringIO(newline="")
    assert write_responses_csv(table, out) == 3
    written = out.getvalue()
    assert written.startswith("row,words,more\r\n")
    assert '1,"She said ""no"", twice","line one\r\nline two"\r\n' in written
    assert "\r\n2,,plain\r\n" in written
    assert list(csv.reader(io.StringIO(written, newline=""))) == [["row", "words", "more"], *values]
