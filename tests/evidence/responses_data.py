"""Responses to the family survey sent through the real submission service (so their free text is
analysed, redacted and checked for safeguarding as it would be), with words planted to test the
responses export: personal details, a safeguarding concern, Urdu and Polish, formulas, and
commas, quotes and a line break."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Statement
from coprod.services.submissions import store_response
from coprod.services.survey_versions import current_version

SURVEY = "family-experience"
PERIOD = "2026-07"
IN_PERIOD = datetime(2026, 9, 15, 12, tzinfo=UTC)
EARLIER = datetime(2026, 3, 2, 12, tzinfo=UTC)  # the period before

PERSONAL = "Mrs Khan rang 07700 900123 and emailed sara.khan@example.com, my code is K7PM-4QXD."
#: What must never be in an export of PERSONAL.
DETAILS = ("Khan", "07700", "900123", "sara.khan", "example.com", "K7PM")
HARM = "Someone hurts me at home and I feel unsafe."
URDU = "میرا بیٹا دو سال سے انتظار کر رہا ہے، کوئی نہیں سنتا"
POLISH = "Na ocenę czekaliśmy dwa lata, a nikt nie oddzwonił."
FORMULAS = (
    '=HYPERLINK("http://example.invalid","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
)
QUOTED = 'The plan, again, was "late"\nand nobody rang back.'
EARLIER_WORDS = "Only said in the spring."


@dataclass(frozen=True)
class Sent:
    """What was sent: every reference code given, and how many responses are in the period."""

    references: list[str]
    in_period: int


def family_answers(area: str, **free_text: str) -> dict[str, Any]:
    """A parent's answers, living in ``area``, with any free text given."""
    return {
        "role": "parent_carer",
        "child_age": "5-10",
        "noticed_early": "agree",
        "services_missing": ["speech_language", "occupational_therapy"],
        "listened_to": "sad",
        "school_phase": "primary",
        "primary_need": "autism",
        "area": area,
        **free_text,
    }


#: Who sends what: 12 from the north, 11 from the south and 1 from outside the area (too few to
#: show, so the south, the next smallest, is hidden with it).
PLANTED: list[tuple[str, str, dict[str, str]]] = [
    ("north", "en", {"whats_hard": PERSONAL}),
    ("north", "en", {"whats_hard": HARM}),
    ("north", "ur", {"one_change": URDU}),
    ("north", "pl", {"one_change": POLISH}),
    *(("north", "en", {"whats_working": formula}) for formula in FORMULAS),
    ("north", "en", {"whats_working": "placeholder for the quoted words"}),
    *(("north", "en", {}) for _ in range(3)),
    *(("south", "en", {}) for _ in range(11)),
    ("outside_area", "en", {"whats_working": "We live just over the border."}),
]


def send_all(app: Flask) -> Sent:
    """Store the planted responses in the period, one in the period before, and one to the
    young people's survey; return what was sent."""
    references = []
    catalogue = app.extensions["coprod.catalogue"]
    with app_session(app) as session:
        version = current_version(session, catalogue.surveys[SURVEY])
        for area, language, words in PLANTED:
            stored = store_response(
                session,
                version,
                family_answers(area, **words),
                language=language,
                format_="easy-read" if language == "ur" else "standard",
                submitted_at=IN_PERIOD,
            )
            references.append(stored.reference)
        earlier = store_response(
            session,
            version,
            family_answers("north", whats_hard=EARLIER_WORDS),
            language="en",
            format_="standard",
            submitted_at=EARLIER,
        )
        other = store_response(
            session,
            current_version(session, catalogue.surveys["young-people"]),
            {"whats_hard": "Words for another survey."},
            language="en",
            format_="standard",
            submitted_at=IN_PERIOD,
        )
        references += [earlier.reference, other.reference]
        quoted = session.scalars(
            select(Statement).where(Statement.text == "placeholder for the quoted words")
        ).one()
        quoted.redacted_text = QUOTED  # one sentence holding a line break, as a person may write
        session.commit()
    return Sent(references, len(PLANTED))
