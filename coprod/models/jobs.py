"""Long work run in the background (board packs, imports): what was asked, how far it has got,
and what it made. Kept in the database so that any process on any host can show it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coprod.db import Base, UTCDateTime, utcnow

#: A job's statuses, in the order a job moves through them (failed may come at any point).
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class Job(Base):
    """One piece of background work, started by a member of staff or a command."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_created_by_created_at", "created_by", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The registered kind of work, e.g. ``board_pack``.
    kind: Mapped[str] = mapped_column(String(60))
    #: The keyword arguments the kind's function is called with.
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: queued, running, done or failed.
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    #: Steps done, of ``total`` (None while the job does not know yet).
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    #: The current step in plain words, in the language of the person who started it.
    message: Mapped[str | None] = mapped_column(String(200))
    #: What the job returned: {"data": {...}, "link": ..., "audit": {...}}.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: A file to download, kept here so that any host can serve it.
    result_file: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    result_filename: Mapped[str | None] = mapped_column(String(200))
    result_mimetype: Mapped[str | None] = mapped_column(String(120))
    #: Why it failed, in plain words for the person (the traceback goes to the server log only).
    error: Mapped[str | None] = mapped_column(Text)
    #: The language the job's words and documents are written in.
    language: Mapped[str] = mapped_column(String(16), default="en")
    #: Who started it; None for a command.
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Written every few seconds while it runs: a stale one means its worker stopped.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
