"""Demo focus-group sessions: a youth forum most months and a parent carer forum every six weeks
across the 18 months, recorded with the shipped templates and made final like real ones."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from coprod.db import utcnow
from coprod.models import (
    AgreedAction,
    Attendance,
    CardCount,
    Contribution,
    GroupSession,
    Tally,
    TallyCount,
    User,
)
from coprod.services.session_statements import store_session_statements
from coprod.surveys import Catalogue
from coprod.surveys.session_templates import SessionTemplate
from coprod.vocabulary import TALLY_OPTION_SETS, in_english

SESSION_VOICES = Path(__file__).with_name("session_voices.yaml")
#: (template, days between sessions, group name, adjustments)
SCHEDULE = (
    ("youth-forum", 30, "Youth voice group", ["symbols", "quiet_space", "breaks"]),
    ("parent-carer-forum", 45, "Parent carer forum coffee morning", ["interpreter", "breaks"]),
)


@dataclass(frozen=True)
class DemoSessions:
    """What the demo added: sessions and the statements they yield."""

    sessions: int
    statements: int


def fill_demo_sessions(
    session: Session, catalogue: Catalogue, facilitator: User, start: date, rng: random.Random
) -> DemoSessions:
    """Record the schedule's sessions from ``start`` to today; all final but the latest two."""
    voices = yaml.safe_load(SESSION_VOICES.read_text(encoding="utf-8"))
    records: list[GroupSession] = []
    today = date.today()
    for slug, every, name, adjustments in SCHEDULE:
        template = catalogue.session_templates[slug]
        held = start + timedelta(days=rng.randrange(3, 14))
        while held < today:
            progress = (held - start).days / max((today - start).days, 1)
            records.append(
                _session(
                    rng, template, voices[slug], facilitator, held, name, adjustments, progress
                )
            )
            held += timedelta(days=every + rng.randrange(-4, 5))
    records.sort(key=lambda r: r.held_on)
    session.add_all(records)
    session.flush()
    statements = 0
    for record in records[:-2]:  # the last two are still being typed up
        record.status = "final"
        record.finalised_at = utcnow()
        statements += store_session_statements(
            session, record, catalogue.session_framework(record.template)
        )
    session.commit()
    return DemoSessions(len(records), statements)


def _session(
    rng: random.Random,
    template: SessionTemplate,
    voices: dict[str, Any],
    facilitator: User,
    held: date,
    name: str,
    adjustments: list[str],
    progress: float,
) -> GroupSession:
    youth = template.group_type == "youth_forum"
    role = "young_person" if youth else "parent_carer"
    attendance = (
        {"11-12": rng.randint(2, 5), "13-15": rng.randint(4, 8), "16-17": rng.randint(1, 4)}
        if youth
        else {None: rng.randint(6, 16)}
    )
    present = sum(attendance.values())
    record = GroupSession(
        group_name=name,
        group_type=template.group_type,
        template=template.slug,
        held_on=held,
        mode="in_person" if rng.random() < 0.85 else "online",
        facilitator_id=facilitator.id,
        status="draft",
        consent_recorded=True,
        parental_consent_recorded=youth,
        adjustments=adjustments,
        languages=["en"] if youth or rng.random() < 0.6 else ["en", rng.choice(["pl", "ur", "pa"])],
        attendance=[Attendance(role=role, age_band=b, count=c) for b, c in attendance.items()],
    )
    said = rng.sample(
        voices["contributions"], k=min(len(voices["contributions"]), rng.randint(4, 7))
    )
    bands = [b for b, c in attendance.items() for _ in range(c)]
    for position, voice in enumerate(said, start=1):
        group = bool(voice.get("group"))
        record.contributions.append(
            Contribution(
                position=position,
                text=voice["text"],
                kind=voice["kind"],
                role=role,
                age_band=None if group or not bands else bands.pop(rng.randrange(len(bands))),
                focus_area=voice["focus_area"],
                whole_group=group,
            )
        )
    suggested = template.tallies[rng.randrange(len(template.tallies))]
    voting = rng.randint(max(present - 4, 1), present)
    # Things get a little better as the plan goes on: more good answers later.
    good = round(voting * min(0.85, 0.3 + 0.4 * progress + rng.uniform(-0.1, 0.1)))
    bad = round((voting - good) * rng.uniform(0.4, 0.8))
    counts = (good, voting - good - bad, bad)
    record.tallies.append(
        Tally(
            position=1,
            prompt=suggested.text,
            focus_area=suggested.focus_area,
            role=role,
            counts=[
                TallyCount(position=i, label=in_english(label), score=score, count=count)
                for i, ((label, score), count) in enumerate(
                    zip(TALLY_OPTION_SETS[suggested.options], counts, strict=True), start=1
                )
            ],
        )
    )
    if youth:
        for card in template.cards:
            sorting = rng.randint(max(present - 3, 1), present)
            liked = rng.randint(0, sorting)
            unsure = rng.randint(0, sorting - liked)
            for pile, count in (
                ("good", liked),
                ("not_sure", unsure),
                ("not_good", sorting - liked - unsure),
            ):
                if count:
                    record.card_counts.append(
                        CardCount(
                            card=card.text,
                            focus_area=card.focus_area,
                            pile=pile,
                            role=role,
                            count=count,
                        )
                    )
    action = voices["actions"][rng.randrange(len(voices["actions"]))]
    record.actions.append(AgreedAction(position=1, text=action["text"], owner=action["owner"]))
    return record
