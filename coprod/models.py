"""Typed models: surveys and their versions, drafts, responses, statements, users, the audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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

from coprod.db import Base, UTCDateTime


def utcnow() -> datetime:
    """Now, in UTC, timezone-aware."""
    return datetime.now(UTC)


class Survey(Base):
    """A survey known by its slug; its wording lives in immutable versions."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The URL name from the definition file, e.g. ``family-experience``.
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    #: The title of the newest version, for listings.
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number"
    )


class SurveyVersion(Base):
    """One exact wording of a survey; never changed once stored."""

    __tablename__ = "survey_versions"
    __table_args__ = (
        UniqueConstraint("survey_id", "checksum"),
        UniqueConstraint("survey_id", "number", name="uq_survey_versions_survey_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    #: 1, 2, 3… in the order the wordings were first served.
    number: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the canonical definition, so the same wording is stored once.
    checksum: Mapped[str] = mapped_column(String(64))
    #: The whole validated definition as it was answered.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")


class Draft(Base):
    """Answers in progress, saved after every page so nothing typed is lost."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    #: SHA-256 of the secret in the resume link; the secret itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: A short code a person can write down to come back, e.g. ``K7PM4QXD``.
    resume_code: Mapped[str] = mapped_column(String(16), unique=True)
    #: Language and format (standard or easy read) in use.
    language: Mapped[str] = mapped_column(String(8), default="en")
    format: Mapped[str] = mapped_column(String(16), default="standard")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    version: Mapped[SurveyVersion] = relationship()
    response: Mapped[Response | None] = relationship(back_populates="draft")
    answers: Mapped[list[DraftAnswer]] = relationship(
        back_populates="draft", cascade="all, delete-orphan"
    )


class DraftAnswer(Base):
    """One page's answer in a draft; a row per question so two tabs never overwrite each other."""

    __tablename__ = "draft_answers"
    __table_args__ = (UniqueConstraint("draft_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(80))
    #: The stored answer, or null when the person skipped the question.
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="answers")


class Response(Base):
    """A sent survey: exactly one per draft, pointing at the wording that was answered."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"), index=True)
    #: The draft it was sent from; unique, so sending twice makes one response.
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"), unique=True)
    #: The code the person is given, e.g. ``RSP-7K4M-2QXD``.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    format: Mapped[str] = mapped_column(String(16), default="standard")
    #: How it arrived: ``online`` (the web form) or ``demo``.
    channel: Mapped[str] = mapped_column(String(20), default="online")
    #: Who answered, from the survey's "about you" questions; empty when not said.
    role: Mapped[str] = mapped_column(String(30), default="unknown")
    age_band: Mapped[str | None] = mapped_column(String(20))
    school_phase: Mapped[str | None] = mapped_column(String(40))
    primary_need: Mapped[str | None] = mapped_column(String(40))
    area: Mapped[str | None] = mapped_column(String(40))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    version: Mapped[SurveyVersion] = relationship()
    draft: Mapped[Draft | None] = relationship(back_populates="response")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Base):
    """One question's answer within a response, in the question type's stored form."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(80))
    #: ``None`` never stored: a skipped question has no answer row.
    value: Mapped[Any] = mapped_column(JSON)

    response: Mapped[Response] = relationship(back_populates="answers")


class Statement(Base):
    """The unit of evidence: one thing one person (or group) said, with who, where and when."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_said_at", "said_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
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


class User(Base):
    """A member of staff: facilitator, analyst or admin. Respondents never sign in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    #: facilitator, analyst or admin.
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Flask-Login's user protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class SignInAttempt(Base):
    """A sign-in try, kept to throttle guessing across every worker."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The address as typed, lower-cased.
    email: Mapped[str] = mapped_column(String(254))
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(Base):
    """Something a member of staff or the system did that someone may need to account for."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: What happened, e.g. ``sign_in``, ``user_created``.
    action: Mapped[str] = mapped_column(String(60))
    #: What it happened to, e.g. ``user:3``.
    subject: Mapped[str | None] = mapped_column(String(120))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
