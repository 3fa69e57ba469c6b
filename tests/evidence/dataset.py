"""Known evidence to check figures against by hand: each statement from its own survey
response, with its focus area, role, sentiment and words set exactly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Flask

from coprod.db import app_session
from coprod.models import Response, Statement, StatementTag, Survey, SurveyVersion


@dataclass(frozen=True)
class Said:
    """One person's one statement."""

    area: str
    score: float
    when: datetime
    role: str = "parent_carer"
    text: str = "The plan was clear and arrived on time this year."
    safeguarding: bool = False
    kind: str = "free_text"
    question_id: str | None = None


def label(score: float) -> str:
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def store(app: Flask, said: list[Said]) -> None:
    """Each statement as its own response, tagged to its area under the default framework."""
    with app_session(app) as session:
        survey = Survey(slug="known", title="Known")
        version = SurveyVersion(survey=survey, number=1, checksum="0" * 64, definition={})
        session.add_all([survey, version])
        session.flush()
        for n, item in enumerate(said):
            response = Response(
                survey_version_id=version.id,
                reference=f"KNOWN-{n:05d}",
                role=item.role,
                submitted_at=item.when,
            )
            session.add(response)
            session.flush()
            statement = Statement(
                response_id=response.id,
                source="survey",
                kind=item.kind,
                question_id=item.question_id,
                role=item.role,
                language="en",
                said_at=item.when,
                text=item.text,
                redacted_text=item.text,
                sentiment_score=item.score,
                sentiment_label=label(item.score),
                safeguarding=item.safeguarding,
            )
            session.add(statement)
            session.flush()
            session.add(
                StatementTag(
                    statement_id=statement.id,
                    framework="default",
                    focus_area=item.area,
                    origin="survey",
                )
            )
        session.commit()


SPRING = datetime(2026, 3, 2, 12, tzinfo=UTC)  # in the period from January 2026
AUTUMN = datetime(2026, 9, 15, 12, tzinfo=UTC)  # in the period from July 2026


def known() -> list[Said]:
    """Spring: 12 parents and young people on EHC plans, leaning a little negative. Autumn: 15
    parents, leaning positive; and 4 people on the local offer (too few to show)."""
    spring = (
        [Said("ehc_plans", -0.5, SPRING) for _ in range(6)]
        + [Said("ehc_plans", 0.5, SPRING) for _ in range(3)]
        + [Said("ehc_plans", 0.5, SPRING, role="young_person")]
        + [Said("ehc_plans", 0.0, SPRING, role="young_person") for _ in range(2)]
    )
    autumn = [Said("ehc_plans", 0.5, AUTUMN) for _ in range(10)] + [
        Said("ehc_plans", -0.5, AUTUMN, text="We waited far too long and nobody told us why.")
        for _ in range(5)
    ]
    few = [Said("local_offer", 0.5, AUTUMN) for _ in range(4)]
    return spring + autumn + few
