"""Position statements: each focus area's current statement, its history, and saving a new
version without ever overwriting someone else's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coprod.models import PositionStatement, User
from coprod.services.audit import record

#: The parts of a position statement, in the order seed 004 asks for them.
PARTS = ("conclusion", "how_reached", "evidence", "next_steps", "sustainability")


@dataclass(frozen=True)
class Written:
    """What a person wrote: one text per part."""

    conclusion: str
    how_reached: str
    evidence: str
    next_steps: str
    sustainability: str


class PositionClash(Exception):
    """Someone saved a newer version after this person opened the one they edited."""

    def __init__(self, latest: PositionStatement) -> None:
        super().__init__(f"version {latest.number} was saved first")
        self.latest = latest


def latest(session: Session, framework: str, area: str) -> PositionStatement | None:
    """The current version, or None if nobody has saved one yet."""
    return session.scalar(
        select(PositionStatement)
        .where(PositionStatement.framework == framework, PositionStatement.focus_area == area)
        .order_by(PositionStatement.number.desc())
        .limit(1)
    )


def latest_by_area(session: Session, framework: str) -> dict[str, PositionStatement]:
    """Each area's current version."""
    newest = (
        select(PositionStatement.focus_area, func.max(PositionStatement.number).label("number"))
        .where(PositionStatement.framework == framework)
        .group_by(PositionStatement.focus_area)
        .subquery()
    )
    query = select(PositionStatement).join(
        newest,
        (newest.c.focus_area == PositionStatement.focus_area)
        & (newest.c.number == PositionStatement.number),
    )
    return {
        p.focus_area: p
        for p in session.scalars(query.where(PositionStatement.framework == framework))
    }


def history(session: Session, framework: str, area: str) -> list[tuple[PositionStatement, str]]:
    """Every version, newest first, with who wrote it."""
    query = (
        select(PositionStatement, User.name)
        .join(User, User.id == PositionStatement.written_by)
        .where(PositionStatement.framework == framework, PositionStatement.focus_area == area)
        .order_by(PositionStatement.number.desc())
    )
    return [(version, name) for version, name in session.execute(query)]


def save(
    session: Session,
    framework: str,
    area: str,
    period: str,
    based_on: int,
    written: Written,
    user: int,
) -> PositionStatement:
    """Store ``written`` as the version after ``based_on`` (0 for the first) and commit.

    If anyone saved a version after ``based_on`` meanwhile, raise PositionClash with theirs and
    store nothing; the unique version number settles a race between two saves at once.
    """
    newest = latest(session, framework, area)
    if newest is not None and newest.number != based_on:
        raise PositionClash(newest)
    version = PositionStatement(
        framework=framework,
        focus_area=area,
        number=based_on + 1,
        period=period,
        written_by=user,
        **{part: getattr(written, part) for part in PARTS},
    )
    session.add(version)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raced = latest(session, framework, area)
        assert raced is not None  # the row that won the race
        raise PositionClash(raced) from None
    record(
        session,
        "position_saved",
        user_id=user,
        subject=f"{framework} {area}",
        detail={"version": version.number},
    )
    session.commit()
    return version
