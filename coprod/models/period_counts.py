"""Counts kept for monitoring periods that have ended, so the evidence need not count them again.

A row is only trusted while its ``stamp`` still matches the changes noted for the days of its
period: the database notes every change to a statement, a focus-area tag or a session's
attendance on the day the statement was said (triggers, migration 0007), so a correction, a late
session record or a deletion makes the kept counts of that period stale at once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coprod.db import Base, UTCDateTime, utcnow


class SaidDayChanges(Base):
    """How many times statements said on one day (or their tags, or their session's attendance)
    have changed since they were first stored, for days before today."""

    __tablename__ = "said_day_changes"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    changes: Mapped[int] = mapped_column(Integer)


class PeriodCounts(Base):
    """One period's true counts per focus area for one framework and set of filters."""

    __tablename__ = "period_counts"
    __table_args__ = (UniqueConstraint("framework", "filters", "area", "starts_on", "ends_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework: Mapped[str] = mapped_column(String(60))
    #: The scope's filters as ``role|source|age band|language``, empty where not filtered.
    filters: Mapped[str] = mapped_column(String(200))
    #: The one area counted, or empty for all of them.
    area: Mapped[str] = mapped_column(String(60))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    #: The sum of ``said_day_changes`` over the period's days when counting began.
    stamp: Mapped[int] = mapped_column(Integer)
    #: {area: the Cell's fields}.
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
