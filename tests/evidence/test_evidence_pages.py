"""The evidence as the forum lead sees and exports it: the dashboard, the printable page, the
statements CSV and `coprod evidence`, all with small counts hidden and no original words."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from coprod.db import app_session
from coprod.models import (
    AuditEvent,
    Response,
    Statement,
    StatementTag,
    Survey,
    SurveyVersion,
)
from tests.conftest import Respondent
from tests.evidence.dataset import AUTUMN, Said, known, store
from tests.staff import signed_in

ORIGINAL = "Mrs Khan at Oakfield Primary School said the plan was late again."
REDACTED = "[name] at [school] said the plan was late again."


@pytest.fixture
def lead(app: Flask) -> Respondent:
    return signed_in(app, "analyst")


def table_counts(soup: BeautifulSoup) -> list[str]:
    """Every count shown in the evidence tables (not averages or shares)."""
    cells = []
    for table in soup.select("table[data-table]"):
        header = [th.get_text(strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            for name, cell in zip(header[1:], row.select("td"), strict=False):
                if name in ("Statements", "Answers"):
                    cells.append(cell.get_text(" ", strip=True))
    return cells


def test_the_dashboard_shows_each_area_with_small_counts_hidden(
    app: Flask, lead: Respondent
) -> None:
    store(app, known())
    page = lead.get("/staff/evidence/?period=2026-07")
    assert page.status == 200
    ehc = page.soup.select_one("[data-area=ehc_plans]")
    assert ehc is not None
    assert "15 people were heard, in 15 statements." in ehc.get_text(" ", strip=True)
    feeling = ehc.select_one("table[data-table=by-feeling]")
    assert feeling is not None
    assert "fewer than 10" in feeling.select_one("[data-row=positive]").get_text()
    assert "could be chance" in ehc.select_one("[data-change]").get_text()
    few = page.soup.select_one("[data-area=local_offer] [data-too-few]")
    assert few is not None and "Fewer than 10 people" in few.get_text()
    assert page.soup.select_one("[data-area=transitions] [data-nobody]") is not None
    for shown in table_counts(page.soup):
        assert shown == "fewer than 10" or shown == "0" or int(shown.replace(",", "")) >= 10


def test_the_dashboard_is_for_staff_only(client: object, app: Flask) -> None:
    response = app.test_client().get("/staff/evidence/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_filter_that_picks_out_few_people_shows_no_figures(app: Flask, lead: Respondent) -> None:
    store(app, known())
    page = lead.get("/staff/evidence/?period=2026-01&role=young_person")
    assert page.soup.select_one("[data-area=ehc_plans] [data-too-few]") is not None
    assert "3" not in table_counts(page.soup)


def test_a_hand_edited_address_shows_the_latest_period(app: Flask, lead: Respondent) -> None:
    page = lead.get("/staff/evidence/?period=1999-01&role=king&framework=nope")
    assert page.status == 200
    latest = lead.get("/staff/evidence/")
    assert page.soup.select("main h2")[0].get_text() == latest.soup.select("main h2")[0].get_text()


def test_a_wrong_monitoring_setting_is_explained_not_a_crash(make_app: object) -> None:
    app = make_app(MONITORING_START="next spring")  # type: ignore[operator]
    lead = signed_in(app, "analyst")
    page = lead.get("/staff/evidence/")
    assert page.status == 200
    assert "is not a date" in page.text()
    for export in ("/staff/evidence/print", "/staff/evidence/statements.csv"):
        assert "is not a date" in lead.get(export).text()


def test_the_dashboard_leads_to_the_printable_page_and_the_csv(
    app: Flask, lead: Respondent
) -> None:
    store(app, known())
    page = lead.get("/staff/evidence/?period=2026-01&role=parent_carer")
    links = [str(a["href"]) for a in page.soup.select("[data-exports] a")]
    printable = lead.get(links[0])
    assert printable.status == 200
    assert "Parent or carer" in printable.text() and "2026" in printable.title
    download = lead.client.get(links[1])
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "2026-01" in download.headers["Content-Disposition"]


def test_the_statements_csv_has_redacted_words_only_and_is_audited(
    app: Flask, lead: Respondent
) -> None:
    said = [Said("ehc_plans", -0.5, AUTUMN, text=ORIGINAL) for _ in range(12)]
    said += [Said("ehc_plans", -0.9, AUTUMN, text="I want to hurt myself", safeguarding=True)]
    said += [Said("ehc_plans", 0.5, AUTUMN, text='=HYPERLINK("http://x")') for _ in range(2)]
    store(app, said)
    with app_session(app) as session:
        for statement in session.scalars(select(Statement)):
            if statement.text == ORIGINAL:
                statement.redacted_text = REDACTED
        session.commit()
    response = lead.client.get("/staff/evidence/statements.csv?period=2026-07")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 15
    assert ORIGINAL not in body and "hurt myself" not in body
    assert {r["redacted_text"] for r in rows} >= {REDACTED, "[withheld: safeguarding]"}
    assert all(not r["redacted_text"].startswith("=") for r in rows)
    with app_session(app) as session:
        assert (
            session.scalar(select(AuditEvent).where(AuditEvent.action == "evidence_exported"))
            is not None
        )


def test_coprod_evidence_writes_csv_and_html_and_names_a_bad_period(
    app: Flask, tmp_path: Path
) -> None:
    store(app, known())
    runner = app.test_cli_runner()
    csv_file = tmp_path / "statements.csv"
    result = runner.invoke(
        args=["evidence", "--format", "csv", "--period", "2026-07", "--output", str(csv_file)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 15 statement(s) for 2026-07" in result.output
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert {r["focus_areas"] for r in rows} == {"ehc_plans"}  # 4 on the local offer: too few
    html_file = tmp_path / "evidence.html"
    result = runner.invoke(
        args=["evidence", "--format", "html", "--period", "2026-01", "--output", str(html_file)]
    )
    assert result.exit_code == 0, result.output
    page = html_file.read_text(encoding="utf-8")
    assert "12 people were heard, in 12 statements." in page
    assert "<script" not in page
    bad = runner.invoke(
        args=["evidence", "--format", "csv", "--period", "2019-01", "--output", "x"]
    )
    assert bad.exit_code == 2
    assert "no period '2019-01'" in bad.output and "2026-07" in bad.output
    assert not Path("x").exists()


#: Groups of people, each saying the same about one area: (area, role, score, how many).
GROUPS = st.lists(
    st.tuples(
        st.sampled_from(["ehc_plans", "local_offer"]),
        st.sampled_from(["parent_carer", "young_person", "professional"]),
        st.sampled_from([-0.6, 0.0, 0.6]),
        st.integers(min_value=1, max_value=14),
    ),
    min_size=1,
    max_size=6,
)


def _forget_statements(app: Flask) -> None:
    with app_session(app) as session:
        for model in (StatementTag, Statement, Response, SurveyVersion, Survey):
            session.execute(delete(model))
        session.commit()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(groups=GROUPS)
def test_no_count_from_1_to_9_reaches_the_printable_page(
    app: Flask, tmp_path: Path, groups: list[tuple[str, str, float, int]]
) -> None:
    _forget_statements(app)
    store(app, [Said(a, s, AUTUMN, role=r) for a, r, s, n in groups for _ in range(n)])
    printable = tmp_path / "evidence.html"
    result = app.test_cli_runner().invoke(
        args=["evidence", "--format", "html", "--period", "2026-07", "--output", str(printable)]
    )
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(printable.read_text(encoding="utf-8"), "html.parser")
    for shown in table_counts(page):
        assert shown in ("fewer than 10", "0") or int(shown.replace(",", "")) >= 10, shown
    heard = re.findall(r"(\d+) people were heard", page.get_text(" "))
    assert all(int(n) >= 10 for n in heard)
    for table in page.select("table[data-table^=by-]"):
        rows = [r.select("th, td") for r in table.select("tbody tr")]
        hidden = [r for r in rows[:-1] if r[1].get_text(strip=True) == "fewer than 10"]
        total_shown = rows[-1][1].get_text(strip=True) != "fewer than 10"
        assert not (total_shown and len(hidden) == 1), "a lone hidden count beside its total"


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(groups=GROUPS)
def test_no_count_from_1_to_9_reaches_the_board_pack(
    app: Flask, tmp_path: Path, groups: list[tuple[str, str, float, int]]
) -> None:
    _forget_statements(app)
    store(app, [Said(a, s, AUTUMN, role=r) for a, r, s, n in groups for _ in range(n)])
    pack = tmp_path / "pack.docx"
    result = app.test_cli_runner().invoke(
        args=["evidence", "--format", "docx", "--period", "2026-07", "--output", str(pack)]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(pack))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                shown = cell.text.replace(",", "")
                assert not shown.isdigit() or shown == "0" or int(shown) >= 10, shown
    heard = re.findall(r"(\d+) people were heard", "\n".join(p.text for p in document.paragraphs))
    assert all(int(n) >= 10 for n in heard)


def test_each_chart_has_its_words_and_table_on_the_page_and_draws_from_its_address(
    app: Flask, lead: Respondent
) -> None:
    store(app, known())
    page = lead.get("/staff/evidence/?period=2026-07")
    ehc = page.soup.select_one("[data-area=ehc_plans]")
    feeling = ehc.select_one("[data-chart=feeling-by-period] img")
    assert "January 2026 to June 2026" in feeling["alt"]
    assert ehc.select_one("table[data-table=feeling-by-period]") is not None
    picture = lead.client.get(str(feeling["src"]))
    assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    svg = picture.get_data(as_text=True)
    assert svg.startswith("<svg") and 'role="img"' in svg and "<script" not in svg
    assert lead.client.get("/staff/evidence/charts/nowhere/trend.svg").status_code == 404
    printable = lead.get("/staff/evidence/print?period=2026-07")
    assert printable.soup.select_one("[data-area=ehc_plans] svg[role=img]") is not None
