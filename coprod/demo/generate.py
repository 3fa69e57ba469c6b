"""Fill an empty database with several hundred synthetic responses over 18 months.

Answers lean negative at the start of the Written Statement of Action and improve over time, as
a partnership would hope; free text comes from ``voices.yaml``, written for the demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coprod.demo.actions import fill_demo_actions
from coprod.demo.sessions import fill_demo_sessions
from coprod.models import Response, User, utcnow
from coprod.services.submissions import store_response
from coprod.services.survey_versions import current_version
from coprod.services.users import create_user
from coprod.surveys import Catalogue
from coprod.surveys.definitions import Question, SurveyDefinition
from coprod.surveys.questions import question_type
from coprod.vocabulary import PREFER_NOT_TO_SAY

VOICES = Path(__file__).with_name("voices.yaml")
DEMO_PASSWORD = "coprod-demo-only"  # noqa: S105  # nosec B105 # printed; demo accounts only
DEMO_USERS = (
    ("admin@demo.invalid", "Sam Patel (admin)", "admin"),
    ("analyst@demo.invalid", "Jo Evans (analyst)", "analyst"),
    ("facilitator@demo.invalid", "Kai Morgan (facilitator)", "facilitator"),
)
MONTHS = 18
# Realistic mixes of who answers; weights, not shares.
WEIGHTS: dict[str, dict[str, float]] = {
    "role": {"parent_carer": 86, "professional": 8, "other": 3, PREFER_NOT_TO_SAY: 3},
    "child_age": {
        "0-4": 8,
        "5-10": 34,
        "11-12": 16,
        "13-15": 22,
        "16-17": 10,
        "18-25": 7,
        PREFER_NOT_TO_SAY: 3,
    },
    "age_band": {
        "5-10": 22,
        "11-12": 20,
        "13-15": 30,
        "16-17": 16,
        "18-25": 9,
        PREFER_NOT_TO_SAY: 3,
    },
    "primary_need": {
        "autism": 36,
        "speech_language": 18,
        "social_emotional": 16,
        "learning": 14,
        "physical_sensory": 7,
        "not_identified": 6,
        PREFER_NOT_TO_SAY: 3,
    },
}


@dataclass(frozen=True)
class DemoResult:
    """What `coprod demo` added."""

    responses: int
    statements: int
    users: list[str]
    sessions: int = 0
    session_statements: int = 0
    actions: int = 0


def database_is_empty(session: Session) -> bool:
    """True when no response has been stored yet."""
    return not session.scalar(select(func.count(Response.id)))


def fill_demo(
    session: Session, catalogue: Catalogue, responses: int = 480, seed: int = 2022
) -> DemoResult:
    """Add demo staff accounts and ``responses`` responses spread over the last 18 months."""
    rng = random.Random(seed)  # nosec B311 # made-up demo answers, not a secret
    voices = yaml.safe_load(VOICES.read_text(encoding="utf-8"))
    users = _demo_users(session)
    now = utcnow()
    start = now - timedelta(days=round(MONTHS * 30.4))
    family = catalogue.surveys["family-experience"]
    young = catalogue.surveys["young-people"]
    statements = 0
    for index in range(responses):
        when = start + (now - start) * (index + rng.random()) / responses
        definition = family if rng.random() < 0.62 else young
        progress = (when - start) / (now - start)  # 0 at the start of the plan, 1 today
        answers = _answers(rng, definition, voices.get(definition.slug, {}), progress)
        stored = store_response(
            session,
            current_version(session, definition),
            answers,
            language="en",
            format_="standard",
            channel="demo",
            submitted_at=when,
        )
        statements += stored.statements
        if index % 100 == 99:
            session.commit()
    session.commit()
    facilitator = session.scalars(select(User).where(User.role == "facilitator")).first()
    if facilitator is None:
        return DemoResult(responses, statements, users)
    groups = fill_demo_sessions(session, catalogue, facilitator, start.date(), rng)
    analyst = session.scalars(select(User).where(User.role == "analyst")).first()
    actions = fill_demo_actions(session, analyst, now.date()) if analyst else 0
    return DemoResult(responses, statements, users, groups.sessions, groups.statements, actions)


def _demo_users(session: Session) -> list[str]:
    made = []
    for email, name, role in DEMO_USERS:
        if session.scalar(select(User).where(User.email == email)) is None:
            create_user(session, email, name, role, DEMO_PASSWORD)
            made.append(email)
    return made


def _answers(
    rng: random.Random, definition: SurveyDefinition, voices: dict[str, Any], progress: float
) -> dict[str, Any]:
    # Each person has an outlook; services improve as the plan goes on.
    outlook = rng.gauss(-0.35 + 0.6 * progress, 0.45)
    answers: dict[str, Any] = {}
    for question in definition.questions:
        if not question.required and rng.random() < 0.08:
            continue  # skipped
        value = _answer(rng, question, voices.get(question.id, []), outlook)
        if value is not None and question_type(question).allows(value):
            answers[question.id] = value
    return answers


def _answer(
    rng: random.Random, question: Question, voices: list[dict[str, Any]], outlook: float
) -> Any:
    kind = question_type(question)
    if question.representation:
        weights = WEIGHTS.get(question.id) or WEIGHTS.get(question.representation)
        if weights:
            values, shares = zip(*weights.items(), strict=True)
            return rng.choices(values, shares)[0]
        return rng.choice([o.value for o in kind.options()])
    if question.type == "free_text":
        return _voice(rng, voices, outlook) if rng.random() < 0.6 else None
    if question.type == "card_sort":
        piles = kind.options()
        return {
            card.value: _leaning(rng, piles, outlook).value
            for card in question.cards
            if rng.random() < 0.85
        }
    if question.type == "multiple_choice":
        options = [o for o in kind.options() if o.value != PREFER_NOT_TO_SAY]
        chosen = {_leaning(rng, options, outlook).value for _ in range(rng.randint(1, 3))}
        return [o.value for o in options if o.value in chosen]
    if question.type == "number":
        low, high = question.minimum or 0, question.maximum or 100
        return rng.randint(low, high)
    return _leaning(rng, [o for o in kind.options() if o.value != PREFER_NOT_TO_SAY], outlook).value


def _leaning(rng: random.Random, options: list[Any] | tuple[Any, ...], outlook: float) -> Any:
    """An option, likelier the closer its score is to the person's outlook."""
    weights = [
        0.15 + max(0.0, 1.0 - abs((o.score if o.score is not None else 0.0) - outlook))
        for o in options
    ]
    return rng.choices(list(options), weights)[0]


def _voice(rng: random.Random, voices: list[dict[str, Any]], outlook: float) -> str | None:
    if not voices:
        return None
    wanted = "positive" if outlook > 0.25 else "negative" if outlook < -0.25 else None
    pool = [
        v for v in voices if wanted is None or v.get("sentiment") in (wanted, "mixed")
    ] or voices
    return str(rng.choice(pool)["text"])
