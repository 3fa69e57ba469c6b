"""What the partnership did about what it heard ("you said, we did"), and the position
statements the board signs for each focus area."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from coprod.models.statements import Statement


class Action(Base):
    """One "you said, we did": what families said, what was done about it, and how far it got.

    Its words are written by staff for the public page: ``you_said`` and ``we_did`` in plain
    English, optional easy-read versions, and translations keyed by language code. ``version``
    counts saves, so two people editing at once cannot overwrite each other.
    """

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework: Mapped[str] = mapped_column(String(60))
    focus_area: Mapped[str] = mapped_column(String(60), index=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    easy_you_said: Mapped[str | None] = mapped_column(Text)
    easy_we_did: Mapped[str | None] = mapped_column(Text)
    #: {"ur": {"you_said": "...", "we_did": "..."}}: the words in other languages.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    #: ``planned``, ``in_progress`` or ``done``.
    status: Mapped[str] = mapped_column(String(20), default="planned")
    #: Who is responsible, as a team or post ("SEND casework team"), never a private person.
    owner: Mapped[str] = mapped_column(String(120))
    started_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    #: Shown on the public page only once a person has published it.
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    prompted_by: Mapped[list[ActionStatement]] = relationship(
        back_populates="action", cascade="all, delete-orphan"
    )


class ActionStatement(Base):
    """A statement that prompted an action: the "you said" behind it."""

    __tablename__ = "action_statements"
    __table_args__ = (UniqueConstraint("action_id", "statement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )

    action: Mapped[Action] = relationship(back_populates="prompted_by")
    statement: Mapped[Statement] = relationship()


class PositionStatement(Base):
    """One version of a focus area's position statement; the highest number is the current one.

    Versions are never changed or deleted, so the history is the table itself. The unique
    (framework, focus area, number) makes a save atomic: two people who both edit version 3
    both try to write version 4, and the database lets only one of them.
    """

    __tablename__ = "position_statements"
    __table_args__ = (UniqueConstraint("framework", "focus_area", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework: Mapped[str] = mapped_column(String(60))
    focus_area: Mapped[str] = mapped_column(String(60))
    number: Mapped[int] = mapped_column(Integer)
    #: The monitoring period (its key, "2026-07") the lead wrote it for.
    period: Mapped[str] = mapped_column(String(10))
    conclusion: Mapped[str] = mapped_column(Text)
    how_reached: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    next_steps: Mapped[str] = mapped_column(Text)
    sustainability: Mapped[str] = mapped_column(Text, default="")
    written_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
