"""A filled-in spreadsheet becomes contributions after a preview; a bad one saves nothing and
says which row and column to put right."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Contribution
from coprod.services.session_import import COLUMNS
from tests.conftest import Respondent
from tests.pages import Page, parse
from tests.staff import record_attendance, signed_in, start_session

FILES = Path(__file__).parent.parent / "data" / "sessions"


def upload(staff: Respondent, session_id: int, name: str, data: bytes | None = None) -> Page:
    page = staff.get(f"/staff/sessions/{session_id}/import")
    fields = page.form_fields()
    body = data if data is not None else (FILES / name).read_bytes()
    fields["spreadsheet"] = (io.BytesIO(body), name)
    return parse(
        staff.client.post(
            f"/staff/sessions/{session_id}/import",
            data=fields,
            content_type="multipart/form-data",
        )
    )


def saved_texts(app: Flask) -> list[str]:
    with app_session(app) as session:
        return list(session.scalars(select(Contribution.text).order_by(Contribution.position)))


@pytest.fixture
def recording(app: Flask) -> tuple[Respondent, int]:
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    record_attendance(
        staff,
        session_id,
        young_person_11_12=3,
        young_person_13_15=6,
        young_person_16_17=2,
        parent_carer=5,
    )
    return staff, session_id


@pytest.mark.parametrize("name", ["good.csv", "good.xlsx"])
def test_a_good_file_is_previewed_then_added(
    app: Flask, recording: tuple[Respondent, int], name: str
) -> None:
    staff, session_id = recording
    preview = upload(staff, session_id, name)
    assert preview.status == 200, preview.errors
    rows = preview.soup.select("main table tbody tr")
    assert saved_texts(app) == []  # nothing is saved by the preview
    button = preview.soup.select_one("form[action$='/import/confirm'] button")
    assert button is not None
    form = preview.soup.select_one("form[action$='/import/confirm']")
    response = staff.client.post(str(form["action"]), data=preview.form_fields(form))
    added = staff.get(response.headers["Location"])
    assert f"{len(rows)} contributions added from the spreadsheet" in added.text()
    assert len(saved_texts(app)) == len(rows) >= 2


def test_the_csv_rows_keep_their_meaning(app: Flask, recording: tuple[Respondent, int]) -> None:
    staff, session_id = recording
    preview = upload(staff, session_id, "good.csv")
    form = preview.soup.select_one("form[action$='/import/confirm']")
    staff.client.post(str(form["action"]), data=preview.form_fields(form))
    with app_session(app) as session:
        saved = [
            (c.kind, c.role, c.age_band, c.focus_area, c.whole_group)
            for c in session.scalars(select(Contribution).order_by(Contribution.position))
        ]
    assert saved == [
        ("quote", "young_person", "13-15", "identification", False),
        ("paraphrase", "young_person", None, "transitions", True),
        ("quote", "young_person", "11-12", None, False),  # "young person", "11 to 12" read too
    ]


def test_a_csv_saved_by_excel_on_windows_keeps_its_dash(
    app: Flask, recording: tuple[Respondent, int]
) -> None:
    staff, session_id = recording
    preview = upload(staff, session_id, "windows-1252.csv")
    assert preview.status == 200, preview.errors
    assert "We had to fight for everything \u2013 the plan took a year." in preview.text()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(
    app: Flask, recording: tuple[Respondent, int]
) -> None:
    staff, session_id = recording
    page = upload(staff, session_id, "bad-rows.csv")
    assert page.status == 400
    assert page.errors == [
        "Row 3, column text: What was said is empty",
        "Row 4, column kind: 'opinion' must be quote or paraphrase",
        "Row 4, column role: 'teacher' must be one of: parent_carer, young_person, "
        "professional, other",
        "Row 4, column age_band: '14' must be one of: 0-4, 5-10, 11-12, 13-15, 16-17, 18-25, "
        "or empty",
        "Row 4, column focus_area: 'transport' must be one of: identification, ehc_plans, "
        "joint_commissioning, coproduction, transitions, local_offer, or empty",
        "Row 4, column whole_group: 'maybe' must be yes or no",
    ]
    assert saved_texts(app) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "wrong-columns.csv",
            None,
            "Row 1: The first row must name the columns text, kind, role, age_band, focus_area, "
            "whole_group; 'text' is missing",
        ),
        (
            "neither-utf8-nor-windows.csv",
            b'text\n"We waited \x81 a year"\n',
            "Row 2: The file is not saved as UTF-8 (the first character it cannot read is on "
            "line 2). In Excel, choose Save As and then 'CSV UTF-8', or upload the .xlsx file.",
        ),
        (
            "not-a-spreadsheet.png",
            None,
            "The file is not a spreadsheet: upload a CSV or Excel (.xlsx) file",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04 this is not really a workbook",
            "The file is not a spreadsheet: upload a CSV or Excel (.xlsx) file",
        ),
        ("empty.csv", b"", "Choose a spreadsheet to upload"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "This is an old Excel file (.xls): save it as .xlsx or CSV and try again",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    app: Flask, recording: tuple[Respondent, int], name: str, data: bytes | None, message: str
) -> None:
    staff, session_id = recording
    page = upload(staff, session_id, name, data)
    assert page.status == 400
    assert message in page.errors[0]
    assert saved_texts(app) == []


def test_a_utf16_file_from_excel_is_read(app: Flask, recording: tuple[Respondent, int]) -> None:
    staff, session_id = recording
    text = "text\trole\r\nZa długo czekaliśmy na ocenę.\tparent_carer\r\n"
    page = upload(staff, session_id, "unicode.txt", text.encode("utf-16"))
    assert page.status == 200, page.errors
    assert "Za długo czekaliśmy na ocenę." in page.text()


def test_a_tampered_preview_saves_nothing(app: Flask, recording: tuple[Respondent, int]) -> None:
    staff, session_id = recording
    preview = upload(staff, session_id, "good.csv")
    form = preview.soup.select_one("form[action$='/import/confirm']")
    fields = preview.form_fields(form)
    fields["rows"] = fields["rows"][:-3] + "abc"
    staff.client.post(str(form["action"]), data=fields)
    assert saved_texts(app) == []


def test_the_templates_have_the_columns_the_import_reads(app: Flask) -> None:
    staff = signed_in(app)
    csv_file = staff.client.get("/staff/sessions/spreadsheet-template.csv")
    assert csv_file.data.decode("utf-8-sig").strip() == ",".join(COLUMNS)
    xlsx = staff.client.get("/staff/sessions/spreadsheet-template.xlsx")
    book = load_workbook(io.BytesIO(xlsx.data))
    assert [c.value for c in book["Contributions"][1]] == list(COLUMNS)
    assert "How to fill this in" in book.sheetnames


def test_the_record_sheet_prints_the_templates_prompts(app: Flask) -> None:
    staff = signed_in(app)
    sheet = staff.get("/staff/sessions/record-sheet?template=parent-carer-forum")
    assert sheet.h1 == "Session record sheet: Parent carer forum session"
    assert "Did the final plan describe your child as you know them?" in sheet.text()
    assert "Annual reviews" in sheet.text()
