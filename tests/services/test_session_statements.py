"""A session record yields statements weighted honestly, and `coprod stats` counts them."""

from __future__ import annotations

import json
from datetime import date

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.db import app_session
from coprod.models import (
    Attendance,
    CardCount,
    Contribution,
    GroupSession,
    Statement,
    Tally,
    TallyCount,
)
from coprod.services.session_statements import store_session_statements
from tests.factories import make_user


def youth_forum(facilitator_id: int) -> GroupSession:
    """A youth forum session: 14 young people, two quotes, a group paraphrase, a tally, cards."""
    return GroupSession(
        group_name="Youth voice group",
        group_type="youth_forum",
        held_on=date(2026, 3, 12),
        mode="in_person",
        facilitator_id=facilitator_id,
        consent_recorded=True,
        parental_consent_recorded=True,
        adjustments=["symbols", "quiet_space"],
        languages=["en"],
        attendance=[
            Attendance(role="young_person", age_band="11-12", count=5),
            Attendance(role="young_person", age_band="13-15", count=9),
        ],
        contributions=[
            Contribution(
                position=1,
                text="Nobody asked me what I wanted. My plan is wrong.",
                kind="quote",
                role="young_person",
                age_band="13-15",
                focus_area="ehc_plans",
            ),
            Contribution(
                position=2,
                text="The group felt college visits came too late, and the buses put them off.",
                kind="paraphrase",
                role="young_person",
                whole_group=True,
                focus_area="transitions",
            ),
            Contribution(
                position=3, text="I like my TA", kind="quote", role="young_person", age_band="11-12"
            ),
        ],
        tallies=[
            Tally(
                position=1,
                prompt="Do teachers listen to you?",
                focus_area="coproduction",
                role="young_person",
                counts=[
                    TallyCount(position=1, label="Yes", score=1.0, count=4),
                    TallyCount(position=2, label="Sometimes", score=0.0, count=2),
                    TallyCount(position=3, label="No", score=-1.0, count=8),
                ],
            ),
        ],
        card_counts=[
            CardCount(
                card="Finding out about clubs",
                focus_area="local_offer",
                pile="not_good",
                role="young_person",
                count=11,
            ),
            CardCount(
                card="Finding out about clubs",
                focus_area="local_offer",
                pile="good",
                role="young_person",
                count=0,
            ),
        ],
    )


def add_forum(session: Session, app: Flask) -> GroupSession:
    """The youth forum stored with its statements, not yet committed."""
    record = youth_forum(make_user(app, role="facilitator").id)
    session.add(record)
    session.flush()
    store_session_statements(session, record, "default")
    return record


def test_a_session_yields_weighted_statements(app: Flask) -> None:
    with app_session(app) as session:
        record = youth_forum(make_user(app, role="facilitator").id)
        session.add(record)
        session.flush()
        stored = store_session_statements(session, record, "default")
        session.commit()
        rows = session.scalars(select(Statement).order_by(Statement.id)).all()
        found = [
            (
                s.text,
                s.weight,
                s.sentiment_label if s.kind == "closed" else None,
                [t.focus_area for t in s.tags if t.origin == "person"],
            )
            for s in rows
        ]
        analysed = {
            s.text: (s.sentiment_label, {t.focus_area for t in s.tags if t.origin == "auto"})
            for s in rows
            if s.kind == "free_text"
        }
    assert stored == 8
    assert found == [
        ("Nobody asked me what I wanted.", 1, None, ["ehc_plans"]),
        ("My plan is wrong.", 1, None, ["ehc_plans"]),
        (
            "The group felt college visits came too late, and the buses put them off.",
            1,
            None,
            ["transitions"],
        ),
        ("I like my TA", 1, None, []),
        ("Do teachers listen to you? — Yes", 4, "positive", ["coproduction"]),
        ("Do teachers listen to you? — Sometimes", 2, "neutral", ["coproduction"]),
        ("Do teachers listen to you? — No", 8, "negative", ["coproduction"]),
        ("Finding out about clubs — Not good", 11, "negative", ["local_offer"]),
    ]
    # Free text is analysed as it is stored: scored, and tagged beside the facilitator's tag.
    assert analysed["Nobody asked me what I wanted."] == ("negative", {"coproduction"})
    assert analysed["I like my TA"][0] == "positive"
    # Fourteen young people came; the tally counts each hand and the card each sticker.
    assert sum(weight for _text, weight, _label, _areas in found) == 4 + (4 + 2 + 8) + 11


def test_storing_again_replaces_the_statements(app: Flask) -> None:
    with app_session(app) as session:
        record = add_forum(session, app)
        record.contributions.pop()
        session.flush()
        store_session_statements(session, record, "default")
        session.commit()
        texts = session.scalars(
            select(Statement.text).where(Statement.session_id == record.id)
        ).all()
    assert "I like my TA" not in texts
    assert len(texts) == 7


def test_stats_count_sessions_and_their_statements(app: Flask) -> None:
    with app_session(app) as session:
        add_forum(session, app)
        session.commit()
    stats = json.loads(app.test_cli_runner().invoke(args=["stats"]).output)
    assert stats["sessions"] == 1 and stats["session_statements"] == 8
