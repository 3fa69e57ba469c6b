"""The responses to one survey leave as a CSV (with its data dictionary as a second CSV) and as
an Excel workbook with a data dictionary sheet, for analysts only: one row per response, no
reference code or personal detail, safeguarding words withheld, small groups hidden; and both
open in headless LibreOffice Calc as a person's spreadsheet would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent
from coprod.services.response_columns import DICTIONARY_HEADER, WITHHELD
from tests.evidence.responses_data import (
    DETAILS,
    EARLIER_WORDS,
    FORMULAS,
    HARM,
    PERIOD,
    POLISH,
    QUOTED,
    SURVEY,
    URDU,
    send_all,
)
from tests.evidence.test_spreadsheet_exports import libreoffice_converts
from tests.staff import signed_in

ADDRESS = f"/staff/evidence/responses.{{}}?survey={SURVEY}&period={PERIOD}"
HIDDEN = "[fewer than 10]"


def rows_by_header(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def check_rows(rows: list[list[str]], references: list[str], file: str) -> None:
    """What an analyst sees in the responses sheet, however it was opened."""
    found = rows_by_header(rows)
    assert len(found) == 24, file  # neither the earlier period nor the other survey
    assert rows[0][:4] == ["row", "survey", "survey_version", "submitted_on"], file
    assert "whats_hard" in rows[0] and "area" in rows[0] and "child_age" not in rows[0], file
    assert [row["row"] for row in found] == [str(n) for n in range(1, 25)], file
    assert {row["submitted_on"] for row in found} == {"2026-09-15"}, file
    # Small groups: the one family outside the area, and the south hidden with them.
    areas = [row["area"] for row in found]
    assert areas.count("north") == 12 and areas.count(HIDDEN) == 12, file
    assert {row["language"] for row in found} == {HIDDEN}, file  # 22 English, 1 Urdu, 1 Polish
    assert {row["primary_need"] for row in found} == {"autism"}, file
    assert {row["services_missing"] for row in found} == {"speech_language; occupational_therapy"}
    working = [row["whats_working"] for row in found]
    hard = [row["whats_hard"] for row in found]
    changes = [row["one_change"] for row in found]
    assert QUOTED in working, file  # commas, double quotes and the line break survive
    assert URDU in changes and POLISH in changes, file
    for formula in FORMULAS:
        assert any(text.endswith(formula) for text in working), (file, formula)
    assert not {"click", "1", "2", "#NAME?", "Err:509"} & set(working), file
    assert WITHHELD in hard and HARM not in hard, file
    assert "[name] rang [phone] and emailed [email], my code is [code]." in hard, file
    everything = "\n".join(",".join(row) for row in rows)
    for detail in (*DETAILS, "hurts", EARLIER_WORDS, *references):
        assert detail not in everything, (file, detail)


def test_libreoffice_opens_the_csv_and_the_workbook_and_runs_no_formula(
    app: Flask, tmp_path: Path
) -> None:
    sent = send_all(app)
    analyst = signed_in(app, "analyst")
    for extension in ("csv", "xlsx"):
        response = analyst.client.get(ADDRESS.format(extension))
        assert response.status_code == 200, extension
        source = tmp_path / f"responses.{extension}"
        source.write_bytes(response.get_data())
        if extension == "csv":
            body = response.get_data()
            assert body.startswith("\ufeff".encode()) and body.count(b"\r\n") >= 25
            assert response.mimetype == "text/csv"
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
            check_rows(rows, sent.references, "the CSV as Python's csv module reads it")
        shown = libreoffice_converts(source, tmp_path / extension)
        rows = list(csv.reader(io.StringIO(shown.read_text(encoding="utf-8").lstrip("\ufeff"))))
        check_rows(rows, sent.references, f"the {extension} in LibreOffice")


def test_the_workbook_has_a_data_dictionary_and_the_csv_has_one_to_download(app: Flask) -> None:
    send_all(app)
    analyst = signed_in(app, "analyst")
    response = analyst.client.get(ADDRESS.format("xlsx"))
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Responses", "Data dictionary"]
    header = next(book["Responses"].iter_rows(values_only=True))
    cells = [cell for row in book["Responses"].iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    lines = list(book["Data dictionary"].iter_rows(values_only=True))
    assert lines[0] == DICTIONARY_HEADER
    described = {line[0]: dict(zip(DICTIONARY_HEADER, line, strict=True)) for line in lines[1:]}
    assert list(described) == list(header)
    assert described["whats_hard"]["question (in English)"] == (
        "What has been hard, or what has gone wrong?"
    )
    assert WITHHELD in described["whats_hard"]["how it is protected"]
    assert "[fewer than 10]" in described["area"]["how it is protected"]
    assert "outside_area = Outside the area" in described["area"]["possible values"]
    assert "separated by '; '" in described["services_missing"]["what it holds"]
    assert "not the person's reference code" in described["row"]["what it holds"]

    dictionary = analyst.client.get(
        f"/staff/evidence/responses-data-dictionary.csv?survey={SURVEY}&period={PERIOD}"
    )
    assert dictionary.status_code == 200 and dictionary.mimetype == "text/csv"
    assert dictionary.get_data().startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(dictionary.get_data().decode("utf-8-sig"))))
    assert tuple(rows[0]) == DICTIONARY_HEADER
    assert [row[0] for row in rows[1:]] == list(header)


def test_each_download_is_audited_and_the_dictionary_is_not(app: Flask) -> None:
    send_all(app)
    analyst = signed_in(app, "analyst")
    for extension in ("csv", "xlsx"):
        assert analyst.client.get(ADDRESS.format(extension)).status_code == 200
    analyst.client.get(f"/staff/evidence/responses-data-dictionary.csv?survey={SURVEY}")
    with app_session(app) as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "evidence_exported")
            .order_by(AuditEvent.id)
        ).all()
        assert [(e.subject, e.detail) for e in events] == [
            (
                f"responses {SURVEY} {PERIOD}",
                {"format": extension, "survey": SURVEY, "responses": 24},
            )
            for extension in ("csv", "xlsx")
        ]
        assert all(e.user_id is not None for e in events)


@pytest.mark.parametrize(
    "address",
    [
        ADDRESS.format("csv"),
        ADDRESS.format("xlsx"),
        f"/staff/evidence/responses-data-dictionary.csv?survey={SURVEY}",
        "/staff/evidence/responses",
    ],
)
def test_a_facilitator_may_not_download_responses(app: Flask, address: str) -> None:
    send_all(app)
    facilitator = signed_in(app, "facilitator")
    assert facilitator.client.get(address).status_code == 403
    assert facilitator.client.get("/staff/evidence/").status_code == 200
    assert b"data-responses-form" not in facilitator.client.get("/staff/evidence/").get_data()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=2026-07", "Select a survey"),
        ("survey=no-such-survey&period=2026-07", "Select one of the surveys in the list"),
        (f"survey={SURVEY}&period=1999-01", "Select one of the monitoring periods in the list"),
        (f"survey={SURVEY}&period=", "Select a monitoring period"),
    ],
)
def test_an_unknown_survey_or_period_gets_an_error_summary(
    app: Flask, query: str, message: str
) -> None:
    send_all(app)
    analyst = signed_in(app, "analyst")
    for path in ("responses.csv", "responses.xlsx", "responses-data-dictionary.csv"):
        page = analyst.get(f"/staff/evidence/{path}?{query}")
        assert page.status == 400, path
        assert page.title.startswith("Error:"), path
        assert message in page.errors, path
    page = analyst.get(f"/staff/evidence/responses?{query}&format=csv")
    assert page.status == 200 and message in page.errors
    link = page.soup.select_one(".govuk-error-summary__list a")
    assert link is not None and page.soup.select_one(str(link["href"])) is not None


def test_the_dashboard_form_leads_to_the_download(app: Flask) -> None:
    send_all(app)
    analyst = signed_in(app, "analyst")
    dashboard = analyst.get(f"/staff/evidence/?period={PERIOD}")
    form = dashboard.soup.select_one("form[data-responses-form]")
    assert form is not None
    surveys = [option.text for option in form.select("select[name=survey] option")]
    assert "Your family's experience of SEND support" in surveys
    assert form.select_one("input[name=period]")["value"] == PERIOD  # type: ignore[index]
    data = {"survey": SURVEY, "period": PERIOD, "format": "xlsx"}
    sent_to = analyst.client.get("/staff/evidence/responses", query_string=data)
    assert sent_to.status_code == 302
    assert sent_to.headers["Location"].startswith("/staff/evidence/responses.xlsx?")
    data["format"] = "dictionary"
    sent_to = analyst.client.get("/staff/evidence/responses", query_string=data)
    assert sent_to.headers["Location"].startswith("/staff/evidence/responses-data-dictionary.csv")
    page = analyst.get(f"/staff/evidence/responses?period={PERIOD}")
    assert page.status == 200 and not page.errors
    chosen = page.soup.select_one("select[name=period] option[selected]")
    assert chosen is not None and chosen["value"] == PERIOD
