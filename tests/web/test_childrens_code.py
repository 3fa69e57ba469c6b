"""The ICO Age Appropriate Design Code, one test per standard that applies (docs/childrens-code.md
maps each standard to how coprod meets it and names these tests)."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from coprod.analysis.redact import redact
from coprod.config import PROJECT_ROOT
from coprod.db import app_session
from coprod.evidence.disclosure import ThresholdTooLow, checked_threshold, shown_count
from coprod.models import Response, SafeguardingAlert, Statement
from coprod.surveys import load_catalogue
from tests.conftest import Respondent
from tests.pages import Page

DOCS = PROJECT_ROOT / "docs"
SURVEYS = PROJECT_ROOT / "surveys"
STANDARDS = (
    "Best interests of the child",
    "Data protection impact assessments",
    "Age appropriate application",
    "Transparency",
    "Detrimental use of data",
    "Default settings",
    "Data minimisation",
    "Data sharing",
    "Parental controls",
    "Profiling",
    "Nudge techniques",
)


def answer_rest(person: Respondent, page: Page) -> Page:
    """Press Continue on every question left, reaching check answers."""
    while "/questions/" in page.response.request.path:
        page = person.submit(page)
        assert page.status == 200, page.errors
    return page


def answer_age(child: Respondent, band: str) -> Page:
    """Start the young people's survey and answer the first question, the age band."""
    first = child.start("young-people")
    assert first.response.request.path.endswith("/questions/age_band")
    return child.submit(first, {"answer": band})


def test_best_interests_a_child_who_says_they_are_not_safe_is_shown_help_now(app: Flask) -> None:
    child = Respondent(app.test_client())
    check = child.answer_all(
        "young-people",
        {
            "age_band": {"answer": "13-15"},
            "whats_hard": {"answer": "my step dad hits me and i dont want to go home"},
        },
    )
    sent = child.send(check)
    help_now = sent.soup.select_one("[data-help-now]")
    assert help_now is not None
    assert "999" in help_now.get_text() and "0800 1111" in help_now.get_text()
    with app_session(app) as session:
        assert session.scalar(select(SafeguardingAlert.id)) is not None


def test_dpia_the_template_and_this_table_cover_every_standard() -> None:
    dpia = (DOCS / "dpia.md").read_text(encoding="utf-8")
    table = (DOCS / "childrens-code.md").read_text(encoding="utf-8")
    assert "[To complete" in dpia  # a template the partnership fills in
    here = Path(__file__).name
    for standard in STANDARDS:
        row = next((line for line in table.splitlines() if line.startswith(f"| {standard} |")), "")
        assert row, f"the table has no row for {standard}"
        named = re.search(rf"tests/web/{here}::(\w+)", row)
        assert named and named[1] in globals(), f"{standard}: its test is not in {here}"


def test_age_appropriate_application_age_first_and_under_13s_need_a_grown_up(
    app: Flask,
) -> None:
    definition = load_catalogue(SURVEYS).surveys["young-people"]
    assert definition.questions[0].representation == "age_band"
    older = answer_age(Respondent(app.test_client()), "13-15")
    assert "/questions/" in older.response.request.path
    child = Respondent(app.test_client())
    asked = answer_age(child, "5-10")
    assert asked.h1 == "Is a grown-up with you?"
    # Every later page waits for a grown-up, however it is reached.
    for address in (
        "/surveys/young-people/questions/whats_good",
        "/surveys/young-people/check-answers",
    ):
        response = child.client.get(address)
        assert response.headers["Location"].endswith("/surveys/young-people/grown-up")
    alone = child.submit(asked, {"who": "alone"})
    assert alone.h1 == "Ask a grown-up to help you"
    # A child who is 13 after all can change their answer and carry on.
    changed = child.submit(
        child.get("/surveys/young-people/questions/age_band?change=1"), {"answer": "13-15"}
    )
    assert changed.status == 200
    assert child.client.get("/surveys/young-people/questions/whats_good").status_code == 200


def test_transparency_an_easy_read_screen_before_the_first_question(app: Flask) -> None:
    child = Respondent(app.test_client())
    screen = child.submit(child.get("/surveys/young-people"))
    assert screen.response.request.path.endswith("/before-you-start")
    assert screen.h1 == "Before you start"
    said = screen.soup.select_one("[data-before-you-start]")
    assert said is not None
    words = said.get_text(" ", strip=True)
    assert "will read what you write" in words
    assert "we must tell the person whose job is to keep children safe" in words
    assert len(said.select("img[alt]")) == 5  # a symbol beside every sentence
    start = screen.soup.select_one("main a.govuk-button--start")
    assert start is not None and start["href"].endswith("/questions/age_band")
    # Families answering their own survey go straight to the questions.
    parent = Respondent(app.test_client())
    assert "/questions/" in parent.start("family-experience").response.request.path


def test_detrimental_use_no_tracking_and_nothing_from_other_sites(app: Flask) -> None:
    child = Respondent(app.test_client())
    pages = [child.get("/surveys/young-people"), child.start("young-people")]
    for page in pages:
        policy = page.response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in page.soup.find_all(tag):
                address = str(element.get(attribute) or "")
                assert not re.match(r"(https?:)?//", address), f"{tag} from another site: {address}"


def test_default_settings_anonymous_with_one_session_cookie(app: Flask) -> None:
    child = Respondent(app.test_client())
    check = child.answer_all("young-people", {"age_band": {"answer": "16-17"}})
    child.send(check)
    names = {cookie.key for cookie in child.client._cookies.values()}  # type: ignore[attr-defined]
    assert names == {"session"}
    with app_session(app) as session:
        response = session.scalar(select(Response))
        assert response is not None
        assert response.role == "young_person" and response.age_band == "16-17"


def test_data_minimisation_no_survey_asks_for_a_name_or_contact_details(tmp_path: Path) -> None:
    catalogue = load_catalogue(SURVEYS)
    for definition in catalogue.surveys.values():
        for question in definition.questions:
            text = question.text.lower()
            for asked in ("name", "email", "phone", "address", "postcode", "date of birth"):
                assert asked not in text, f"{definition.slug}/{question.id} asks for {asked}"
    # And the survey checker refuses a survey that would.
    nosy = (
        (SURVEYS / "young-people.yaml")
        .read_text(encoding="utf-8")
        .replace("text: How old are you?", "text: What is your name?", 1)
    )
    (tmp_path / "young-people.yaml").write_text(nosy, encoding="utf-8")
    (tmp_path / "frameworks").mkdir()
    for framework in (SURVEYS / "frameworks").glob("*.yaml"):
        (tmp_path / "frameworks" / framework.name).write_bytes(framework.read_bytes())
    try:
        load_catalogue(tmp_path)
    except Exception as error:  # DefinitionError lists every problem
        assert "identifies a person" in str(getattr(error, "problems", error))
    else:
        raise AssertionError("a survey asking for a name was accepted")


def test_data_sharing_reports_redact_quotes_and_hide_small_counts() -> None:
    redacted = redact("Ask Mrs Patel at 07700 900123 or write to sam.jones@example.org").text
    assert "Patel" not in redacted and "07700" not in redacted and "sam.jones" not in redacted
    threshold = checked_threshold(10)
    assert shown_count(9, threshold) is None
    assert shown_count(12, threshold) == 12
    try:
        checked_threshold(2)
    except ThresholdTooLow:
        pass
    else:
        raise AssertionError("a threshold under 5 was accepted")


def test_parental_controls_a_parent_agrees_or_a_grown_up_helps(app: Flask) -> None:
    with_parent = Respondent(app.test_client())
    asked = answer_age(with_parent, "11-12")
    forgot = with_parent.submit(asked, {"who": "parent"})
    assert forgot.errors == ["Parent or carer: tick the box to say you agree"]
    agreed = with_parent.submit(forgot, {"who": "parent", "parent_agrees": "y"})
    assert "/questions/" in agreed.response.request.path
    with_parent.send(answer_rest(with_parent, agreed))

    with_helper = Respondent(app.test_client())
    helped = with_helper.submit(answer_age(with_helper, "5-10"), {"who": "helper"})
    with_helper.send(answer_rest(with_helper, helped))

    with app_session(app) as session:
        how = sorted(session.scalars(select(Response.grown_up)))
        assert how == ["helper", "parent"]


def test_profiling_no_profile_links_one_answer_to_another(app: Flask) -> None:
    child = Respondent(app.test_client())
    for words in ("School is better now.", "I still wait too long for help."):
        check = child.answer_all(
            "young-people", {"age_band": {"answer": "16-17"}, "whats_good": {"answer": words}}
        )
        child.send(check)
        child.client.post("/surveys/young-people/next-person")
    with app_session(app) as session:
        responses = session.scalars(select(Response)).all()
        assert len(responses) == 2
        assert responses[0].reference != responses[1].reference
        columns = set(Statement.__table__.columns.keys()) | set(Response.__table__.columns.keys())
        for identifying in ("ip", "user_agent", "email", "name", "device", "person_id"):
            assert identifying not in columns


def test_nudge_techniques_skip_any_question_and_leave_at_once(app: Flask) -> None:
    child = Respondent(app.test_client())
    page = answer_age(child, "16-17")
    skipped = 0
    while "/questions/" in page.response.request.path:
        exit_button = page.soup.select_one("[data-exit-this-page] a.govuk-exit-this-page__button")
        assert exit_button is not None and exit_button["href"] == app.config["EXIT_PAGE_URL"]
        assert not page.soup.select("input[checked]"), "an answer was chosen for them"
        page = child.submit(page, {})
        assert page.status == 200, page.errors
        skipped += 1
    assert page.response.request.path.endswith("/check-answers")
    assert skipped == len(load_catalogue(SURVEYS).surveys["young-people"].questions) - 1
