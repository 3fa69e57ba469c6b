"""Focus-group session records: who came (counts, never names), what was said, group activities,
agreed actions. Everything said becomes statements, like survey answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from coprod.models.people import User


class GroupSession(Base):
    """One meeting of a youth forum, parent carer forum or other group, as recorded."""

    __tablename__ = "group_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The group's name as people know it, e.g. "Youth voice group".
    group_name: Mapped[str] = mapped_column(String(120))
    #: youth_forum, parent_carer_forum, school_setting, professionals or other.
    group_type: Mapped[str] = mapped_column(String(30))
    #: The session template used, by slug, if any.
    template: Mapped[str | None] = mapped_column(String(60))
    held_on: Mapped[date] = mapped_column(Date)
    #: in_person or online.
    mode: Mapped[str] = mapped_column(String(20))
    #: The member of staff who ran and recorded it.
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: draft until finalised; final sessions change only by an admin, and every change is audited.
    status: Mapped[str] = mapped_column(String(10), default="draft")
    consent_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Parents' or carers' consent for every participant under 13.
    parental_consent_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Adjustments used: symbols, interpreter, bsl, quiet_space, breaks, other.
    adjustments: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Language codes used in the session.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Raised on every change, so two people editing at once never overwrite each other silently.
    revision: Mapped[int] = mapped_column(Integer, default=1)

    facilitator: Mapped[User] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )
    contributions: Mapped[list[Contribution]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Contribution.position"
    )
    tallies: Mapped[list[Tally]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Tally.position"
    )
    card_counts: Mapped[list[CardCount]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )
    actions: Mapped[list[AgreedAction]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="AgreedAction.position"
    )

    __mapper_args__: dict[str, Any] = {"version_id_col": revision}


class Attendance(Base):
    """How many people of one role and age band came: counts, never names."""

    __tablename__ = "session_attendance"
    __table_args__ = (UniqueConstraint("session_id", "role", "age_band"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("group_sessions.id", ondelete="CASCADE"))
    #: parent_carer, young_person, professional or other.
    role: Mapped[str] = mapped_column(String(30))
    age_band: Mapped[str | None] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)

    session: Mapped[GroupSession] = relationship(back_populates="attendance")


class Contribution(Base):
    """Something said in the session, as a quote or the facilitator's paraphrase."""

    __tablename__ = "session_contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    #: Order on the record sheet.
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: quote (their words) or paraphrase (the facilitator's).
    kind: Mapped[str] = mapped_column(String(12))
    role: Mapped[str] = mapped_column(String(30))
    age_band: Mapped[str | None] = mapped_column(String(20))
    #: A focus area the facilitator chose, if any.
    focus_area: Mapped[str | None] = mapped_column(String(60))
    #: A paraphrase of the group's discussion: one statement for the group, not one per person.
    whole_group: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[GroupSession] = relationship(back_populates="contributions")


class Tally(Base):
    """A question put to the group, with the count for each option (hands up, stickers on faces)."""

    __tablename__ = "session_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    focus_area: Mapped[str | None] = mapped_column(String(60))
    #: Who was voting: the role their voices are counted under.
    role: Mapped[str] = mapped_column(String(30))

    session: Mapped[GroupSession] = relationship(back_populates="tallies")
    counts: Mapped[list[TallyCount]] = relationship(
        back_populates="tally", cascade="all, delete-orphan", order_by="TallyCount.position"
    )


class TallyCount(Base):
    """How many chose one option of a tally."""

    __tablename__ = "session_tally_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    tally_id: Mapped[int] = mapped_column(
        ForeignKey("session_tallies.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    #: Where the option sits from -1 (bad) to 1 (good), if it has a meaning.
    score: Mapped[float | None] = mapped_column(Float)
    count: Mapped[int] = mapped_column(Integer)

    tally: Mapped[Tally] = relationship(back_populates="counts")


class CardCount(Base):
    """In a group card sort, how many put one card in one pile."""

    __tablename__ = "session_card_counts"
    __table_args__ = (UniqueConstraint("session_id", "card", "pile"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("group_sessions.id", ondelete="CASCADE"))
    card: Mapped[str] = mapped_column(String(200))
    focus_area: Mapped[str | None] = mapped_column(String(60))
    #: good, not_sure or not_good.
    pile: Mapped[str] = mapped_column(String(10))
    role: Mapped[str] = mapped_column(String(30))
    count: Mapped[int] = mapped_column(Integer)

    session: Mapped[GroupSession] = relationship(back_populates="card_counts")


class AgreedAction(Base):
    """Something the group agreed should happen, and who it goes to."""

    __tablename__ = "session_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: Who it goes to, e.g. "SEND team" or "Parent carer forum".
    owner: Mapped[str] = mapped_column(String(200))

    session: Mapped[GroupSession] = relationship(back_populates="actions")
