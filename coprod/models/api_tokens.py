"""Tokens with which an analyst's own tools (Power BI, a council dashboard) read the JSON API."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from coprod.db import Base, UTCDateTime, utcnow


class ApiToken(Base):
    """One analyst's key to the read-only API. Only a hash of its secret is kept: the secret is
    shown once, when it is made, and cannot be shown again."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The member of staff it belongs to; it works only while they may see the evidence.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: What the analyst calls it, e.g. "Power BI board dashboard".
    name: Mapped[str] = mapped_column(String(100))
    #: What it may read, e.g. ["statements:read", "aggregates:read"].
    scopes: Mapped[list[str]] = mapped_column(JSON)
    #: The SHA-256 of the secret, in hex.
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: After this moment it is refused; empty means it works until revoked.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
