"""Staff pages for XLSForm: analysts download a survey for KoboToolbox or ODK (audited); an
admin checks an XLSForm and sees every problem, or the survey it makes and its files."""

from __future__ import annotations

import io
import zipfile

import yaml
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent
from tests.staff import signed_in
from tests.surveys.kobo_form import kobo_form
from tests.surveys.test_xlsform import spoiled

IMPORT = "/staff/surveys/import-xlsform"


def test_an_analyst_downloads_a_survey_as_xlsform_and_it_is_audited(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    home = analyst.get("/staff/")
    links = {a.get_text(" ", strip=True): a["href"] for a in home.soup.select("main a")}
    href = links["Download as XLSForm Tell us what you think"]
    response = analyst.client.get(str(href))
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert book["settings"]["B2"].value == "young-people"
    with app_session(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "survey_exported"))
    assert event is not None and event.subject == "young-people"


def test_a_facilitator_is_offered_neither_download_nor_import(app: Flask) -> None:
    home = signed_in(app, "facilitator").get("/staff/")
    assert "Download as XLSForm" not in home.text()
    assert "Import a survey from XLSForm" not in home.text()


def upload(app: Flask, data: bytes, name: str = "form.xlsx"):  # type: ignore[no-untyped-def]
    admin = signed_in(app, "admin")
    page = admin.get(
        admin.get("/staff/").soup.find("a", string="Import a survey from XLSForm")["href"]
    )
    return admin, admin.submit(page, {"workbook": (io.BytesIO(data), name)})


def test_a_file_that_is_not_a_spreadsheet_gets_an_error_summary(app: Flask) -> None:
    _admin, page = upload(app, b"name,age\nSam,4\n", "people.csv")
    assert page.status == 400
    assert page.title.startswith("Error:")
    assert page.errors == ["the file is not an Excel workbook (.xlsx), so it cannot be an XLSForm"]


def test_an_unsupported_question_is_named_by_row_and_nothing_is_made(app: Flask) -> None:
    _admin, page = upload(app, spoiled("geopoint"))
    assert page.status == 400
    assert page.errors == [
        'survey sheet, row 9, column type: question type "geopoint" is not supported '
        "(a place on a map cannot be asked in coprod)"
    ]
    assert "Download the survey file" not in page.text()


def test_a_survey_that_is_already_here_is_refused(app: Flask) -> None:
    admin = signed_in(app, "analyst", email="a@example.org")
    ours = admin.client.get("/staff/surveys/young-people/xlsform.xlsx").data
    _admin, page = upload(app, ours)
    assert page.status == 400
    assert any('there is already a survey "young-people"' in error for error in page.errors)


def test_a_kobotoolbox_form_shows_what_it_makes_and_hands_back_its_files(app: Flask) -> None:
    admin, page = upload(app, kobo_form())
    assert page.status == 200, page.errors
    assert "Waiting for help" in page.text() and "waiting-for-help" in page.text()
    assert '"start" is not kept' in page.text()
    assert "waiting-for-help" not in app.extensions["coprod.catalogue"].surveys
    files = admin.client.post(
        "/staff/surveys/import-xlsform/files",
        data=page.form_fields(page.soup.select("main form")[0]),
    )
    assert files.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(files.data))
    assert sorted(bundle.namelist()) == [
        "surveys/waiting-for-help.yaml",
        "translations/pl/waiting-for-help.po",
    ]
    survey = yaml.safe_load(bundle.read("surveys/waiting-for-help.yaml"))
    assert [q["id"] for q in survey["questions"]] == [
        "wait_time",
        "who_helped",
        "weeks_off_school",
        "one_change",
    ]
    assert 'msgstr "Nikt"' in bundle.read("translations/pl/waiting-for-help.po").decode()
    with app_session(app) as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "survey_imported" in actions
