"""The import pages: upload a file, say what its columns hold, see every row's problems, import
once; bad files and bad choices get an error summary and save nothing."""

from __future__ import annotations

import io
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from coprod.db import app_session
from coprod.models import AuditEvent, Import, Response, Statement
from tests.conftest import Respondent
from tests.job_pages import follow_job
from tests.pages import Page, parse
from tests.staff import signed_in

FILES = Path(__file__).resolve().parents[1] / "data" / "imports"


def upload(
    staff: Respondent, name: str, survey: str, data: bytes | None = None, **fields: str
) -> Page:
    page = staff.get("/staff/imports/new")
    form = page.form_fields(page.main_form())
    form.update(
        survey=survey,
        spreadsheet=(io.BytesIO((FILES / name).read_bytes() if data is None else data), name),
        **fields,
    )
    response = staff.client.post(
        "/staff/imports/new", data=form, content_type="multipart/form-data"
    )
    if response.status_code in (302, 303):
        return staff.get(response.headers["Location"])
    return parse(response)


def imported_id(app: Flask) -> int:
    with app_session(app) as session:
        found = session.scalar(select(Import.id).order_by(Import.id.desc()))
        assert found is not None
        return found


def responses(app: Flask) -> int:
    with app_session(app) as session:
        return session.scalar(select(func.count()).select_from(Response)) or 0


def test_a_smartsurvey_file_becomes_a_new_survey_whose_answers_count(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    columns = upload(analyst, "smartsurvey.xlsx", "new", title="Short breaks summer 2025")
    assert columns.status == 200, columns.errors
    assert columns.h1 == "What each column holds"
    summary = columns.soup.select_one("[data-file-summary]")
    assert summary is not None
    assert summary.get_text(strip=True) == "smartsurvey.xlsx, from SmartSurvey: 3 rows of answers."
    assert "Never imported, because they are personal details: IP Address" in columns.text()
    assert "203.0.113.7" not in columns.text(), "personal columns are not even shown"
    assert responses(app) == 0
    check = analyst.submit(
        columns, {"area_8": "joint_commissioning", "area_9": "joint_commissioning"}
    )
    assert check.status == 200, check.errors
    assert check.h1 == "Check the answers before importing"
    assert responses(app) == 0, "checking saves nothing"
    first = check.soup.select_one("[data-first-row]")
    assert first is not None
    shown = [
        " ".join(div.get_text(" ", strip=True).split())
        for div in first.select(".govuk-summary-list__row")
    ]
    assert "How would you rate the short breaks service? Good" in shown
    assert "Which of these have you used? Holiday club; Overnight respite" in shown
    job, _seen = follow_job(analyst, analyst.submit(check))
    assert "3 responses imported from smartsurvey.xlsx." in job.text()
    done = analyst.get(f"/staff/imports/{imported_id(app)}")
    assert "3 responses imported" in done.text()
    assert responses(app) == 3
    with app_session(app) as session:
        said = list(session.scalars(select(Statement.text).where(Statement.kind == "free_text")))
        audited = session.scalars(select(AuditEvent.action)).all()
    assert "The holiday club was a lifeline this summer." in said
    assert "answers_imported" in audited
    with app_session(app) as session:
        lifeline = session.scalar(
            select(Statement.id).where(Statement.text.startswith("The holiday club"))
        )
    review = analyst.get(f"/staff/review/statements/{lifeline}")
    provenance = review.soup.select_one("[data-provenance]")
    assert provenance is not None, "an imported statement says where it came from"
    assert provenance.get_text(strip=True).startswith(
        "smartsurvey.xlsx, from SmartSurvey, imported on "
    )
    again = upload(analyst, "smartsurvey.xlsx", "imported-short-breaks-summer-2025")
    check_again = analyst.submit(again)
    assert "There is nothing new to import: every row was imported before." in check_again.text()
    assert responses(app) == 3


def test_rows_with_problems_are_listed_and_need_a_choice_to_leave_them_out(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    check = analyst.submit(upload(analyst, "bad-rows.csv", "family-experience"))
    problems = [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in check.soup.select("[data-row-problems] tbody tr")
    ]
    assert problems == [
        ["3", "Timestamp", "'not a date' is not a date and time"],
        [
            "4",
            "How old is your child?",
            "'about 30' is not one of this question's answers: 0 to 4, 5 to 10, 11 to 12, 13 to "
            "15, 16 to 17, 18 to 25, Prefer not to say",
        ],
    ]
    refused = analyst.submit(check)
    assert refused.status == 400
    assert refused.errors == [
        "Put the rows right in the file and upload it again, or choose to leave them out"
    ]
    assert responses(app) == 0
    follow_job(analyst, analyst.submit(refused, {"leave_out": "y"}))
    done = analyst.get(f"/staff/imports/{imported_id(app)}")
    assert "2 responses imported" in done.text()
    assert "Rows left out with problems 2" in done.text()
    assert responses(app) == 2


def test_a_file_that_is_not_answers_is_refused_with_an_error_summary(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    refused = upload(analyst, "not-a-spreadsheet.pdf", "family-experience")
    assert refused.status == 400
    assert refused.errors == ["The file is not a spreadsheet: upload a CSV or Excel (.xlsx) file"]
    nothing = upload(analyst, "empty.csv", "new", data=b"", title="x")
    assert nothing.errors == ["Choose the file to import"]
    untitled = upload(analyst, "google-forms.csv", "new")
    assert untitled.errors == ["Enter a name for the new survey"]
    with app_session(app) as session:
        assert session.scalar(select(func.count()).select_from(Import)) == 0


def test_a_file_over_the_limit_gets_a_plain_page(make_app: object) -> None:
    app = make_app(IMPORT_MAX_MB=0.25)  # type: ignore[operator]
    analyst = signed_in(app, "analyst")
    refused = upload(analyst, "huge.csv", "family-experience", data=b"a,b\r\n" * 80_000)
    assert refused.status == 413
    assert "Traceback" not in refused.soup.get_text()


def test_a_choice_column_needs_a_focus_area_before_anything_is_checked(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    columns = upload(analyst, "kobotoolbox.csv", "new", title="Group check-in")
    check = analyst.submit(columns, {"area_2": ""})
    assert check.status == 400
    assert check.errors == ["Choose the focus area the answers in 'group_size' are about"]
    assert check.soup.select("main form button") == [], (
        "there is nothing to import until it is put right"
    )
    assert responses(app) == 0


def test_facilitators_cannot_import(app: Flask) -> None:
    facilitator = signed_in(app, "facilitator")
    assert facilitator.client.get("/staff/imports/new").status_code == 403
