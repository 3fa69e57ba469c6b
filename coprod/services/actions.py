"""You said, we did: saving actions with the statements that prompted them, finding the
published ones, and how sentiment in the area moved around an action."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coprod.db import utcnow
from coprod.evidence.cells import Scope
from coprod.evidence.periods import Period
from coprod.evidence.summary import Change, change_between
from coprod.models import Action, ActionStatement, Response, Statement, StatementTag
from coprod.services import evidence_queries
from coprod.services.audit import record
from coprod.services.codes import normalise_code

STATUSES = ("planned", "in_progress", "done")

#: The fields a person writes; everything else is bookkeeping.
WRITTEN = (
    "focus_area",
    "you_said",
    "we_did",
    "easy_you_said",
    "easy_we_did",
    "translations",
    "status",
    "owner",
    "started_on",
    "due_on",
    "done_on",
    "published",
)


class ActionClash(Exception):
    """Someone else saved the action after this person opened it."""


def new_action(
    session: Session,
    framework: str,
    fields: dict[str, Any],
    statement_ids: Iterable[int],
    user: int,
) -> Action:
    """Store a new action (the caller commits)."""
    action = Action(framework=framework, created_by=user, updated_by=user, version=1)
    for name in WRITTEN:
        setattr(action, name, fields[name])
    session.add(action)
    session.flush()
    _link(session, action, statement_ids)
    record(session, "action_created", user_id=user, subject=f"action {action.id}")
    return action


def save_action(
    session: Session,
    action: Action,
    seen: int,
    fields: dict[str, Any],
    statement_ids: Iterable[int],
    user: int,
) -> None:
    """Save a person's edit of the version they saw; raise ActionClash, changing nothing, if
    another save came first. The version check and the write are one UPDATE, so it holds
    across processes."""
    changed = session.execute(
        update(Action)
        .where(Action.id == action.id, Action.version == seen)
        .values(
            **{name: fields[name] for name in WRITTEN},
            version=Action.version + 1,
            updated_by=user,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise ActionClash
    session.expire(action)
    _link(session, action, statement_ids)
    record(session, "action_updated", user_id=user, subject=f"action {action.id}")


def _link(session: Session, action: Action, statement_ids: Iterable[int]) -> None:
    """Make the action's "you said" statements exactly these (those that still exist)."""
    wanted = set(statement_ids)
    existing = set(session.scalars(select(Statement.id).where(Statement.id.in_(wanted))))
    for link in list(action.prompted_by):
        if link.statement_id not in existing:
            action.prompted_by.remove(link)
    linked = {link.statement_id for link in action.prompted_by}
    action.prompted_by.extend(ActionStatement(statement_id=i) for i in existing - linked)


def prompted_by(session: Session, action: Action) -> list[Statement]:
    """The statements linked to an action, newest first."""
    return list(
        session.scalars(
            select(Statement)
            .join(ActionStatement, ActionStatement.statement_id == Statement.id)
            .where(ActionStatement.action_id == action.id)
            .order_by(Statement.said_at.desc(), Statement.id.desc())
        )
    )


def people_behind(session: Session, action_ids: Sequence[int]) -> dict[int, int]:
    """Per action, how many people its statements came from (responses and sessions)."""
    if not action_ids:
        return {}
    query = (
        select(
            ActionStatement.action_id,
            func.count(func.distinct(Statement.response_id))
            + func.count(func.distinct(Statement.session_id)),
        )
        .join(Statement, Statement.id == ActionStatement.statement_id)
        .where(ActionStatement.action_id.in_(action_ids))
        .group_by(ActionStatement.action_id)
    )
    return {action: n for action, n in session.execute(query)}


def actions_in(
    session: Session, framework: str, *, published_only: bool, areas: Iterable[str] | None = None
) -> list[Action]:
    """The framework's actions, by area, then the latest done or due first."""
    query = select(Action).where(Action.framework == framework)
    if published_only:
        query = query.where(Action.published.is_(True))
    if areas is not None:
        query = query.where(Action.focus_area.in_(list(areas)))
    return list(
        session.scalars(query.order_by(Action.focus_area, Action.updated_at.desc(), Action.id))
    )


def areas_spoken_about(session: Session, reference: str, framework: str) -> set[str] | None:
    """The focus areas a respondent's statements were tagged with, found by the reference code
    they were given; None if no response has that code."""
    response_id = session.scalar(
        select(Response.id).where(Response.reference == normalise_code(reference))
    )
    if response_id is None:
        return None
    query = (
        select(StatementTag.focus_area)
        .join(Statement, Statement.id == StatementTag.statement_id)
        .where(Statement.response_id == response_id, StatementTag.framework == framework)
        .distinct()
    )
    return set(session.scalars(query))


@dataclass(frozen=True)
class Around:
    """The windows compared for an action: the months before it started and since it was done."""

    before: Period
    after: Period


def windows(action: Action, months: int, today: date) -> Around | None:
    """The ``months`` before the action started and up to ``months`` after it was done (ending
    today at the latest); None until it has both a start and a finish in the past."""
    if action.started_on is None or action.done_on is None or action.done_on >= today:
        return None
    length = timedelta(days=round(months * 30.44))
    return Around(
        Period(action.started_on - length, action.started_on),
        Period(action.done_on, min(action.done_on + length, today)),
    )


def sentiment_around(
    session: Session, action: Action, months: int, today: date, threshold: int
) -> Change | None:
    """How average sentiment in the action's area differed after it against before, with its
    95% interval; None where either side heard too few people to say."""
    around = windows(action, months, today)
    if around is None:
        return None
    scope = Scope(action.framework)
    found = evidence_queries.cells(
        session, scope, [around.before, around.after], only_area=action.focus_area
    )
    return change_between(
        found.get((around.before.key, action.focus_area)),
        found.get((around.after.key, action.focus_area)),
        threshold,
    )
