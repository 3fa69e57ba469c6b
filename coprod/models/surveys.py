"""Surveys, their immutable versions, drafts, and the responses sent from them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from coprod.models.statements import Statement


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
    #: For a child under 13: ``parent`` (a parent or carer agreed), ``helper`` (a grown-up
    #: from their group or school is helping) or ``session`` (a group's shared device, whose
    #: session recorded consent). Empty for everyone else.
    grown_up: Mapped[str | None] = mapped_column(String(20))
    #: The session it is answered in, on a shared device at a group or event.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="SET NULL"), index=True
    )
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
    #: For a child under 13: ``parent`` (a parent or carer agreed), ``helper`` (a grown-up
    #: from their group or school is helping) or ``session`` (a group's shared device, whose
    #: session recorded consent). Empty for everyone else.
    grown_up: Mapped[str | None] = mapped_column(String(20))
    #: How it arrived: ``online`` (the web form), ``import`` (from another tool's file) or
    #: ``demo``.
    channel: Mapped[str] = mapped_column(String(20), default="online")
    #: For an imported response: the file it came from (its provenance) …
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"), index=True)
    #: … and a key for its row (the tool's own response id, or a hash of the row), unique, so
    #: importing the same file again adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The session it was answered in, on a shared device at a group or event.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="SET NULL"), index=True
    )
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
