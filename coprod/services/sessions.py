"""Recording a focus-group session: who may see and change it, and every change to it.

Each change is committed at once, so a browser closed half-way loses nothing. A final session
changes only by an admin; each such change is in the audit log and its statements are rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

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
from coprod.services import audit
from coprod.services.session_checks import SessionProblem, finalise_problems
from coprod.services.session_statements import store_session_statements

#: Roles that record sessions. Analysts read finished ones; they do not record.
RECORDERS = frozenset({"facilitator", "admin"})


@dataclass
class SessionDetails:
    """The facts of a session a facilitator fills in first."""

    group_name: str
    group_type: str
    held_on: date
    mode: str
    template: str | None = None
    consent_recorded: bool = False
    parental_consent_recorded: bool = False
    adjustments: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


@dataclass
class Editor:
    """Who is changing a session, in which database session, tagging to which framework."""

    db: Session
    user: User
    framework: str = "default"


def can_record(user: User) -> bool:
    """Whether the person may start a session record."""
    return user.role in RECORDERS


def can_view(user: User, record: GroupSession) -> bool:
    """Final sessions are evidence every member of staff may read; a draft is its facilitator's."""
    return record.status == "final" or user.role == "admin" or record.facilitator_id == user.id


def can_edit(user: User, record: GroupSession) -> bool:
    """A draft by its facilitator or an admin; a final session by an admin only."""
    if user.role == "admin":
        return True
    return record.status == "draft" and record.facilitator_id == user.id


def visible_sessions(db: Session, user: User) -> list[GroupSession]:
    """The sessions a person may see, newest first."""
    query = select(GroupSession).order_by(GroupSession.held_on.desc(), GroupSession.id.desc())
    if user.role != "admin":
        query = query.where(
            or_(GroupSession.status == "final", GroupSession.facilitator_id == user.id)
        )
    return list(db.scalars(query.options(selectinload(GroupSession.facilitator))))


def session_by_id(db: Session, session_id: int) -> GroupSession | None:
    """A session with everything recorded in it."""
    return db.scalar(
        select(GroupSession)
        .where(GroupSession.id == session_id)
        .options(
            selectinload(GroupSession.attendance),
            selectinload(GroupSession.contributions),
            selectinload(GroupSession.tallies).selectinload(Tally.counts),
            selectinload(GroupSession.card_counts),
            selectinload(GroupSession.actions),
            selectinload(GroupSession.facilitator),
        )
    )


def create_session(db: Session, user: User, details: SessionDetails) -> GroupSession:
    """A new draft session, committed."""
    record = GroupSession(facilitator_id=user.id, status="draft", **vars(details))
    db.add(record)
    db.flush()
    audit.record(db, "session_created", user_id=user.id, subject=f"session:{record.id}")
    db.commit()
    return record


def update_details(editor: Editor, record: GroupSession, details: SessionDetails) -> None:
    """Change the facts of a session."""
    for name, value in vars(details).items():
        setattr(record, name, value)
    _changed(editor, record, "details", "changed")


def set_attendance(
    editor: Editor, record: GroupSession, counts: dict[tuple[str, str | None], int]
) -> None:
    """Replace who came with these counts by (role, age band); zero counts are not kept."""
    record.attendance = []
    editor.db.flush()  # the old rows go before the new ones, which share their unique keys
    record.attendance = [
        Attendance(role=role, age_band=band, count=count)
        for (role, band), count in counts.items()
        if count > 0
    ]
    _changed(editor, record, "attendance", "changed")


def add_contribution(editor: Editor, record: GroupSession, contribution: Contribution) -> None:
    """Add something said, after the others."""
    contribution.position = _next_position(record.contributions)
    record.contributions.append(contribution)
    _changed(editor, record, "contributions", "added")


def add_contributions(
    editor: Editor, record: GroupSession, contributions: list[Contribution], source: str
) -> None:
    """Add many contributions at once (an import): all of them or, on any error, none."""
    position = _next_position(record.contributions)
    for offset, contribution in enumerate(contributions):
        contribution.position = position + offset
        record.contributions.append(contribution)
    _changed(editor, record, "contributions", source, count=len(contributions))


def contribution_changed(editor: Editor, record: GroupSession) -> None:
    """Store an edit the caller made to one of the session's contributions."""
    _changed(editor, record, "contributions", "changed")


def remove_item(editor: Editor, record: GroupSession, item: object, part: str) -> None:
    """Remove a contribution, tally or action of this session."""
    items: list[object] = getattr(record, part)
    items.remove(item)
    _changed(editor, record, part, "removed")


def add_tally(
    editor: Editor,
    record: GroupSession,
    tally: Tally,
    options: Iterable[tuple[str, float | None, int]],
) -> None:
    """Add a group vote with the count for each option (label, score, count)."""
    tally.position = _next_position(record.tallies)
    tally.counts = [
        TallyCount(position=i, label=label, score=score, count=count)
        for i, (label, score, count) in enumerate(options, start=1)
    ]
    record.tallies.append(tally)
    _changed(editor, record, "tallies", "added")


def set_card_sort(editor: Editor, record: GroupSession, cards: list[CardCount]) -> None:
    """Replace the group card sort with these counts; zero counts are not kept."""
    record.card_counts = []
    editor.db.flush()  # the old rows go before the new ones, which share their unique keys
    record.card_counts = [c for c in cards if c.count > 0]
    _changed(editor, record, "card_counts", "changed")


def add_action(editor: Editor, record: GroupSession, text: str, owner: str) -> None:
    """Add something the group agreed should happen, and who it goes to."""
    record.actions.append(
        AgreedAction(position=_next_position(record.actions), text=text, owner=owner)
    )
    _changed(editor, record, "actions", "added")


def finalise(editor: Editor, record: GroupSession, today: date) -> list[SessionProblem]:
    """Make the session evidence: check it, store its statements, and close it to changes."""
    problems = finalise_problems(record, today)
    if problems:
        return problems
    record.status = "final"
    record.finalised_at = utcnow()
    _store_statements_audited(editor, record, "session_finalised", {})
    editor.db.commit()
    return []


def _next_position(items: Iterable[object]) -> int:
    return max((getattr(i, "position", 0) for i in items), default=0) + 1


def _changed(editor: Editor, record: GroupSession, part: str, change: str, **detail: int) -> None:
    """Commit a change; after finalising, audit it and rebuild the session's statements."""
    record.updated_at = utcnow()
    if record.status == "final":
        changed = {"part": part, "change": change, **detail}
        _store_statements_audited(editor, record, "session_changed_after_finalising", changed)
    editor.db.commit()


def _store_statements_audited(
    editor: Editor, record: GroupSession, action: str, detail: dict[str, object]
) -> None:
    """(Re)build the session's statements and log who did it, with how many it now yields."""
    editor.db.flush()
    statements = store_session_statements(editor.db, record, editor.framework)
    audit.record(
        editor.db,
        action,
        user_id=editor.user.id,
        subject=f"session:{record.id}",
        detail={**detail, "statements": statements},
    )
