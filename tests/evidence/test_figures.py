"""The evidence figures on a known dataset, checked against numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.evidence.cells import Scope
from coprod.evidence.periods import BadPeriods, monitoring_periods
from coprod.evidence.summary import AreaEvidence
from coprod.models import StatementTag
from coprod.services.evidence import area_evidence
from tests.evidence.dataset import AUTUMN, SPRING, Said, known, store

PERIODS = monitoring_periods("2025-01-01", 6, date(2026, 11, 23))
AREAS = ["ehc_plans", "local_offer", "transitions"]


def evidence(app: Flask, scope: Scope | None = None) -> dict[str, AreaEvidence]:
    with app_session(app) as session:
        found = area_evidence(session, scope or Scope("default"), AREAS, PERIODS, PERIODS[-1])
    return {item.area: item for item in found}


def test_periods_run_six_monthly_from_the_start_to_today() -> None:
    assert [p.key for p in PERIODS] == ["2025-01", "2025-07", "2026-01", "2026-07"]
    assert PERIODS[-1].end == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("start", "months", "problem"),
    [
        ("31/01/2025", 6, "is not a date"),
        ("2030-01-01", 6, "in the future"),
        ("2025-01-01", 0, "1 to 24 months"),
    ],
)
def test_periods_set_up_wrongly_are_explained(start: str, months: int, problem: str) -> None:
    with pytest.raises(BadPeriods, match=problem):
        monitoring_periods(start, months, date(2026, 11, 23))


def test_counts_mean_and_hidden_small_counts_match_the_hand_worked_figures(app: Flask) -> None:
    store(app, known())
    ehc = evidence(app)["ehc_plans"]
    now = ehc.current
    assert (now.people, now.statements) == (15, 15)
    assert now.by_role.counts["parent_carer"] == 15
    assert now.by_role.counts["young_person"] == 0
    # 5 negative is under 10, so hidden; the 10 positive must go too, or 15 - 10 gives it away.
    assert now.by_label.counts == {
        "positive": None,
        "negative": None,
        "neutral": 0,
        "mixed": 0,
        "unscored": 0,
    }
    assert now.by_label.total == 15
    assert now.mean == pytest.approx(2.5 / 15)
    spring = ehc.trend[2]
    assert (spring.people, spring.statements) == (12, 12)
    assert spring.by_role.counts["parent_carer"] is None  # 9
    assert spring.by_role.counts["young_person"] is None  # 3
    assert spring.mean == pytest.approx(-1 / 12)


def test_the_change_since_last_period_has_a_hand_worked_95_percent_interval(app: Flask) -> None:
    store(app, known())
    change = evidence(app)["ehc_plans"].change
    assert change is not None
    # Spring: mean -1/12, variance (2.5 - 12/144) / 11. Autumn: mean 1/6, variance
    # (3.75 - 15/36) / 14. Standard error sqrt(0.219697/12 + 0.238095/15) = 0.184881.
    assert change.difference == pytest.approx(0.25)
    assert change.low == pytest.approx(0.25 - 1.96 * 0.184881, abs=1e-5)
    assert change.high == pytest.approx(0.25 + 1.96 * 0.184881, abs=1e-5)
    assert not change.beyond_noise  # -0.112 to 0.612 includes no change


def test_a_clear_change_is_beyond_noise(app: Flask) -> None:
    spring = datetime(2026, 3, 2, tzinfo=UTC)
    store(
        app,
        [Said("transitions", -0.6 + i * 0.01, spring) for i in range(20)]
        + [Said("transitions", 0.6 - i * 0.01, AUTUMN) for i in range(20)],
    )
    change = evidence(app)["transitions"].change
    assert change is not None and change.beyond_noise and change.difference > 0


def test_an_area_with_fewer_than_ten_people_shows_nothing(app: Flask) -> None:
    store(app, known())
    few = evidence(app)["local_offer"].current
    assert few.too_few
    assert few.people is None and few.statements is None and few.mean is None
    assert evidence(app)["local_offer"].quotes == []


def test_no_filter_can_isolate_fewer_than_ten_people(app: Flask) -> None:
    store(app, known())
    young = evidence(app, Scope("default", role="young_person"))
    spring = young["ehc_plans"].trend[2]
    assert spring.too_few and spring.statements is None  # 3 young people in spring
    assert young["ehc_plans"].change is None


def test_an_empty_period_and_an_area_nobody_spoke_of_are_told_apart(app: Flask) -> None:
    store(app, known())
    nobody = evidence(app)["transitions"].current
    assert not nobody.too_few and nobody.people is None
    assert evidence(app)["ehc_plans"].trend[0].statements is None  # January 2025: nobody


def test_quotes_are_balanced_redacted_and_never_a_safeguarding_flag(app: Flask) -> None:
    risky = "I do not feel safe at home and nobody at the review listened."
    store(app, [*known(), *[Said("ehc_plans", -0.9, AUTUMN, text=risky, safeguarding=True)] * 3])
    quotes = evidence(app)["ehc_plans"].quotes
    assert {q.label for q in quotes} == {"positive", "negative"}
    assert len({q.text for q in quotes}) == len(quotes)  # the same words quoted once
    assert all(risky not in q.text for q in quotes)


def test_a_statement_tagged_twice_to_an_area_counts_once_and_is_quoted_once(app: Flask) -> None:
    store(app, [*known(), *_answers("know_where_to_look", AUTUMN, yes=18, no=12)])
    before = evidence(app)
    assert before["ehc_plans"].quotes and before["ehc_plans"].change is not None
    assert before["local_offer"].closed
    with app_session(app) as session:
        for tag in session.scalars(select(StatementTag)).all():
            session.add(  # the tagger agrees with the survey, less surely
                StatementTag(
                    statement_id=tag.statement_id,
                    framework="default",
                    focus_area=tag.focus_area,
                    origin="auto",
                    confidence=0.4,
                )
            )
        session.commit()
    after = evidence(app)
    assert after == before


def _answers(question: str, when: datetime, yes: int, no: int) -> list[Said]:
    """Closed answers to a scored question: ``yes`` favourable, ``no`` not."""
    return [
        Said("local_offer", score, when, kind="closed", question_id=question, text="Agree")
        for score in [1.0] * yes + [-0.5] * no
    ]


def test_closed_questions_show_the_share_favourable_now_and_last_period(app: Flask) -> None:
    store(
        app,
        [
            *_answers("know_where_to_look", AUTUMN, yes=18, no=12),
            *_answers("know_where_to_look", SPRING, yes=10, no=10),
            *_answers("felt_listened_to", AUTUMN, yes=14, no=6),
        ],
    )
    closed = {row.question_id: row for row in evidence(app)["local_offer"].closed}
    assert closed["know_where_to_look"].answered == 30
    assert closed["know_where_to_look"].favourable == pytest.approx(0.6)
    assert closed["know_where_to_look"].previous == pytest.approx(0.5)
    # 6 who did not feel listened to is under 10, so neither share can be shown.
    assert closed["felt_listened_to"].answered == 20
    assert closed["felt_listened_to"].favourable is None
    assert closed["felt_listened_to"].previous is None
    assert list(closed) == sorted(closed)
