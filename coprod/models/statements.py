"""Statements, the unit of evidence, and the focus areas they are tagged with."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from coprod.models.surveys import Response


class Statement(Base):
    """The unit of evidence: one thing one person (or group) said, with who, where and when."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_said_at", "said_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    #: The focus-group session it was said in, for statements from sessions.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    #: ``survey`` or ``session``.
    source: Mapped[str] = mapped_column(String(20))
    #: The question it answers, where it came from a survey.
    question_id: Mapped[str | None] = mapped_column(String(80))
    #: ``free_text`` (a sentence someone wrote) or ``closed`` (a scored choice).
    kind: Mapped[str] = mapped_column(String(20))
    #: Who said it: parent_carer, young_person, professional, other, or unknown. Never a name.
    role: Mapped[str] = mapped_column(String(30), default="unknown")
    #: The age band of the child or young person, where known.
    age_band: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8), default="en")
    said_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: What was said, as said (for a closed answer: the question and the chosen option).
    text: Mapped[str] = mapped_column(Text)
    #: The text with personal details replaced, safe to quote outside the review screens.
    redacted_text: Mapped[str | None] = mapped_column(Text)
    #: -1 (negative) to 1 (positive); set for closed answers from the option's meaning.
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    #: positive, negative, neutral or mixed.
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    #: How many voices it stands for (a tally of 12 hands is 12).
    weight: Mapped[int] = mapped_column(Integer, default=1)
    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False)
    #: What raised a safeguarding flag: [{"reason": "self_harm", "words": "..."}].
    safeguarding_reasons: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    #: Written in a language other than English, so not scored or tagged in English.
    needs_translation: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When the analysis ran; empty if it has not, or failed (then ``analysis_problem`` says why).
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    analysis_problem: Mapped[str | None] = mapped_column(Text)
    #: When a person last accepted or corrected its tags and sentiment (see StatementReview);
    #: from then on its tags and sentiment are theirs, and reanalysis leaves them alone.
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    response: Mapped[Response | None] = relationship(back_populates="statements")
    tags: Mapped[list[StatementTag]] = relationship(
        back_populates="statement", cascade="all, delete-orphan"
    )


class StatementTag(Base):
    """A focus area a statement speaks to, and where that tag came from."""

    __tablename__ = "statement_tags"
    __table_args__ = (UniqueConstraint("statement_id", "framework", "focus_area", "origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    #: The framework's slug, e.g. ``default``.
    framework: Mapped[str] = mapped_column(String(60))
    #: The focus area's slug, e.g. ``ehc_plans``.
    focus_area: Mapped[str] = mapped_column(String(60), index=True)
    #: ``survey`` (from the definition), ``auto`` (the tagger) or ``person`` (a correction).
    origin: Mapped[str] = mapped_column(String(10))
    #: The tagger's confidence, 0 to 1; empty for survey and person tags.
    confidence: Mapped[float | None] = mapped_column(Float)
    #: The words that triggered an automatic tag.
    terms: Mapped[list[str] | None] = mapped_column(JSON)
    #: Who made a correction.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    statement: Mapped[Statement] = relationship(back_populates="tags")


class StatementReview(Base):
    """A person accepting or correcting a statement's focus areas and sentiment.

    Every review is kept, so the lead can say who decided what and when; the latest one for a
    statement is what it now says, and what the deployment's model learns from.
    """

    __tablename__ = "statement_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    framework: Mapped[str] = mapped_column(String(60), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: ``accepted`` (the machine was right) or ``corrected``.
    action: Mapped[str] = mapped_column(String(20))
    #: Every focus area the statement speaks to, as the person settled it.
    areas: Mapped[list[str]] = mapped_column(JSON)
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    #: What the machine had said: {"tags": [{"area", "confidence", "terms"}], "sentiment": ...}.
    machine: Mapped[dict[str, Any]] = mapped_column(JSON)


class SafeguardingAlert(Base):
    """A statement that suggests a child may be at risk, waiting for the safeguarding lead.

    It keeps its own copy of the words, so it outlives the statement (if the family later has
    their answers deleted, the lead still has what was said); it is never deleted.
    """

    __tablename__ = "safeguarding_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL")
    )
    response_id: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(30))
    age_band: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    #: [{"reason": "self_harm", "label": "Self-harm", "words": "..."}]
    reasons: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    email_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_problem: Mapped[str | None] = mapped_column(Text)
    #: When a sender last took the email on, so two senders at once do not both send it.
    email_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
