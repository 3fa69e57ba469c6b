"""A request for a reply: the only place a respondent's contact details are ever kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coprod.db import Base, UTCDateTime, utcnow


class ReplyRequest(Base):
    """Someone asked to be contacted. Stored apart from every answer, with nothing that links it
    to a response, and deleted once the reply is made (or after DRAFT_DAYS unanswered)."""

    __tablename__ = "reply_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The survey whose confirmation page they came from.
    survey: Mapped[str] = mapped_column(String(80))
    #: An email address or phone number, as they typed it.
    contact: Mapped[str] = mapped_column(String(200))
    #: What they would like a reply about, in their words.
    about: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
