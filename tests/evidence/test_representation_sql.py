"""Who has been heard, counted by the database: responses in the period only, from parents,
carers and young people only, with "prefer not to say" and no answer counted as not said; and
the comparison as the lead reads it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from bs4 import BeautifulSoup
from flask import Flask, render_template_string

from coprod.db import app_session
from coprod.evidence.periods import Period
from coprod.evidence.population import NOT_SAID, Population, representation
from coprod.models import Response, Survey, SurveyVersion
from coprod.services.representation import heard
from coprod.vocabulary import AGE_BANDS, PREFER_NOT_TO_SAY

PERIOD = Period(date(2026, 1, 1), date(2026, 7, 1))
INSIDE = datetime(2026, 3, 2, 12, tzinfo=UTC)


def add(app: Flask, *people: Mapping[str, object]) -> None:
    """One response per person: ``when`` and ``role`` default to inside the period and a parent."""
    with app_session(app) as session:
        survey = Survey(slug="about-you", title="About you")
        version = SurveyVersion(survey=survey, number=1, checksum="0" * 64, definition={})
        session.add_all([survey, version])
        session.flush()
        for n, person in enumerate(people):
            fields = {"role": "parent_carer", "submitted_at": INSIDE, **person}
            session.add(
                Response(survey_version_id=version.id, reference=f"ABOUT-{n:05d}", **fields)
            )
        session.commit()


def counted(app: Flask, *attributes: str) -> dict[str, dict[str, int]]:
    with app_session(app) as session:
        return heard(session, PERIOD, attributes)


def test_only_responses_sent_in_the_period_count(app: Flask) -> None:
    add(
        app,
        {"primary_need": "autism", "submitted_at": datetime(2026, 1, 1, 0, 0, tzinfo=UTC)},
        {"primary_need": "autism", "submitted_at": datetime(2026, 6, 30, 23, 59, tzinfo=UTC)},
        {"primary_need": "autism", "submitted_at": datetime(2025, 12, 31, 23, 59, tzinfo=UTC)},
        {"primary_need": "autism", "submitted_at": datetime(2026, 7, 1, 0, 0, tzinfo=UTC)},
    )
    assert counted(app, "primary_need") == {"primary_need": {"autism": 2}}


def test_professionals_and_others_do_not_describe_a_child(app: Flask) -> None:
    add(
        app,
        {"role": "parent_carer", "age_band": "5-10"},
        {"role": "young_person", "age_band": "5-10"},
        {"role": "young_person", "age_band": "16-17"},
        {"role": "professional", "age_band": "5-10"},
        {"role": "other", "age_band": "16-17"},
        {"role": PREFER_NOT_TO_SAY, "age_band": "16-17"},
        {"role": "unknown", "age_band": "16-17"},
    )
    assert counted(app, "age_band") == {"age_band": {"5-10": 2, "16-17": 1}}


def test_no_answer_and_prefer_not_to_say_are_counted_as_not_said(app: Flask) -> None:
    add(
        app,
        {"area": "north", "primary_need": "learning"},
        {"area": "north", "primary_need": None},
        {"area": PREFER_NOT_TO_SAY, "primary_need": PREFER_NOT_TO_SAY},
        {"area": None, "primary_need": "learning"},
        {"area": "", "primary_need": "learning"},
    )
    assert counted(app, "area", "primary_need") == {
        "area": {"north": 2, NOT_SAID: 3},
        "primary_need": {"learning": 3, NOT_SAID: 2},
    }


def test_every_attribute_is_counted_by_default_and_nothing_heard_is_empty(app: Flask) -> None:
    with app_session(app) as session:
        found = heard(session, PERIOD)
    assert found == {a: {} for a in ("role", "age_band", "school_phase", "primary_need", "area")}


def test_the_lead_reads_who_was_heard_and_who_was_not(app: Flask) -> None:
    # 100 parents who said their child's main need: 20 autistic (40% of children), 80 with a
    # learning need; 4 young people aged 16 or 17 and 96 aged 5 to 10; 12 did not say either.
    add(
        app,
        *[{"primary_need": "autism", "age_band": "16-17"} for _ in range(4)],
        *[{"primary_need": "autism", "age_band": "5-10"} for _ in range(16)],
        *[{"primary_need": "learning", "age_band": "5-10"} for _ in range(80)],
        *[{"primary_need": PREFER_NOT_TO_SAY} for _ in range(12)],
        *[{"role": "professional", "primary_need": "autism"} for _ in range(50)],
    )
    population = Population(
        "Children and young people with an EHC plan",
        "School census and SEN2, January 2026",
        2000,
        {
            "primary_need": {"autism": 800, "learning": 1100, "not_known": 100},
            "age_band": {"5-10": 1400, "16-17": 600},
        },
    )
    found = counted(app, "primary_need", "age_band")
    assert found["primary_need"] == {"autism": 20, "learning": 80, NOT_SAID: 12}
    comparisons = representation(population, found, threshold=10)
    names = {
        "primary_need": {"autism": "Autism", "learning": "Learning difficulty"},
        "age_band": {k: str(v) for k, v in AGE_BANDS.items()},
    }
    template = (
        '{% from "evidence/_representation.html" import representation with context %}'
        "{{ representation(comparisons, population, names) }}"
    )
    with app.test_request_context():
        html = render_template_string(
            template, comparisons=comparisons, population=population, names=names, threshold=10
        )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h2 is not None and soup.h2.get_text(strip=True) == "Who has been heard"
    warning = soup.select_one("[data-under-heard]")
    assert warning is not None
    text = " ".join(warning.get_text(" ", strip=True).split())
    assert text.endswith("Under-heard in this period: 16 to 17, Autism.")
    need = soup.select_one("[data-table=representation-primary_need]")
    assert need is not None
    autism = need.select_one("[data-row=autism]")
    assert autism is not None
    cells = [c.get_text(" ", strip=True) for c in autism.select("th, td")]
    assert cells == ["Autism Under-heard", "40%", "20", "20%"]
    learning = need.select_one("[data-row=learning]")
    assert learning is not None and learning.select_one(".govuk-tag") is None
    ages = soup.select_one("[data-table=representation-age_band]")
    assert ages is not None
    young = ages.select_one("[data-row='16-17']")
    assert young is not None
    assert [c.get_text(" ", strip=True) for c in young.select("td")][1] == "fewer than 10"
    # No count from 1 to 9 appears anywhere on the page.
    for cell in soup.select("td"):
        assert cell.get_text(strip=True) not in {str(n) for n in range(1, 10)}
