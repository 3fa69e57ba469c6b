"""Turn a session record into statements, weighted honestly: a tally of 12 hands is 12 voices, a
paraphrase of the whole group's discussion is one statement, a quote is a statement a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any, cast

from sqlalchemy import Table, delete
from sqlalchemy.orm import Session

from coprod.analysis.sentences import split_sentences
from coprod.models import GroupSession, Statement
from coprod.services.statement_analysis import given_tag, store_analysed
from coprod.surveys.questions.base import sentiment_label_for
from coprod.vocabulary import PILES, in_english

STATEMENTS = cast(Table, Statement.__table__)


@dataclass(frozen=True)
class SessionStatement:
    """One statement a session yields, before it is stored."""

    text: str
    kind: str
    role: str
    age_band: str | None
    focus_area: str | None
    weight: int = 1
    sentiment_score: float | None = None


def session_statements(record: GroupSession) -> list[SessionStatement]:
    """Every statement the session's contributions, tallies and card counts yield."""
    said: list[SessionStatement] = []
    for contribution in record.contributions:
        sentences = (
            [contribution.text.strip()]
            if contribution.whole_group
            else split_sentences(contribution.text)
        )
        said += [
            SessionStatement(
                s, "free_text", contribution.role, contribution.age_band, contribution.focus_area
            )
            for s in sentences
            if s
        ]
    for tally in record.tallies:
        said += [
            SessionStatement(
                f"{tally.prompt} — {option.label}",
                "closed",
                tally.role,
                None,
                tally.focus_area,
                option.count,
                option.score,
            )
            for option in tally.counts
            if option.count > 0
        ]
    for card in record.card_counts:
        if card.count > 0:
            pile, score = PILES[card.pile]
            said.append(
                SessionStatement(
                    f"{card.card} — {in_english(pile)}",
                    "closed",
                    card.role,
                    None,
                    card.focus_area,
                    card.count,
                    score,
                )
            )
    return said


def store_session_statements(session: Session, record: GroupSession, framework: str) -> int:
    """Replace the session's statements with those its record yields now; the caller commits."""
    session.execute(delete(STATEMENTS).where(STATEMENTS.c.session_id == record.id))
    said = session_statements(record)
    if not said:
        return 0
    when = datetime.combine(record.held_on, time(12), tzinfo=UTC)
    rows: list[dict[str, Any]] = [
        {
            "session_id": record.id,
            "source": "session",
            "kind": s.kind,
            "role": s.role,
            "age_band": s.age_band,
            "language": "en",
            "said_at": when,
            "text": s.text,
            "sentiment_score": s.sentiment_score,
            "sentiment_label": sentiment_label_for(s.sentiment_score),
            "weight": s.weight,
        }
        for s in said
    ]
    given = [
        [given_tag(framework, s.focus_area, "person", record.facilitator_id)]
        if s.focus_area
        else []
        for s in said
    ]
    store_analysed(session.connection(), framework, rows, given)
    return len(said)
