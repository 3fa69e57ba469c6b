"""Young people's answers that vary from person to person, and drafts saved page by page through
the app's own services, for tests that need many real responses."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from coprod.models import Draft
from coprod.services.drafts import save_answer, start_draft

SURVEY = "young-people"
AGES = ("5-10", "11-12", "13-15", "16-17", "18-25")
FACES = ("very_happy", "happy", "okay", "sad", "very_sad")
YES_NO = ("yes", "no", "not_sure")
PILES = ("good", "not_sure", "not_good")
CARDS = (
    "help_in_class",
    "my_plan",
    "doctors_and_nurses",
    "being_listened_to",
    "moving_on",
    "finding_out",
)
GOOD = (
    "My teacher lets me have quiet time. The ear defenders help a lot.",
    "The speech therapist comes every week now and I like her.",
    "I have a plan and they asked me what I wanted in it.",
)
HARD = (
    "Waiting for the autism assessment took two years. Nobody told us what was happening.",
    "The bus to college is loud and I get scared. I dont feel safe at home either.",
    "I dont know where to find clubs for me. The website is confusing.",
    "Moving to secondary school was really hard.",
)
BETTER = (
    "Listen to us before the meeting, not after it.",
    "More help in class. Less waiting for CAMHS.",
)


def young_person_answers(n: int) -> dict[str, Any]:
    """The ``n``th young person's answers to every question, all of them allowed."""
    return {
        "age_band": AGES[n % len(AGES)],
        "feel_at_school": FACES[n % len(FACES)],
        "people_listen": FACES[(n + 2) % len(FACES)],
        "help_you_need": YES_NO[n % len(YES_NO)],
        "say_in_plan": YES_NO[(n + 1) % len(YES_NO)],
        "cards": {card: PILES[(n + i) % len(PILES)] for i, card in enumerate(CARDS) if (n + i) % 4},
        "future": FACES[(n + 1) % len(FACES)],
        "whats_good": GOOD[n % len(GOOD)],
        "whats_hard": HARD[n % len(HARD)],
        "make_better": BETTER[n % len(BETTER)],
    }


def saved_draft(app: Flask, session: Session, n: int, language: str = "en") -> Draft:
    """A draft of the young people's survey with the ``n``th person's answers, saved page by
    page as the web form does, not yet sent."""
    definition = app.extensions["coprod.catalogue"].surveys[SURVEY]
    draft = start_draft(session, definition, language, "easy-read").draft
    for question_id, value in young_person_answers(n).items():
        save_answer(session, draft, question_id, value)
    return draft
