"""Counts kept for monitoring periods that have ended, so that the evidence counts only the
periods still open and reads the rest back.

Kept counts are read back only while nothing said in their period has changed since: the
database notes every change against the day the statement was said (see
``models.period_counts``), and a period's stamp is the sum of those notes over its days. The
stamp is read before counting starts, so a change made while counting leaves the stamp behind and
the counts are never trusted again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from coprod.evidence.cells import Cell, Scope
from coprod.evidence.periods import Period
from coprod.models import PeriodCounts, SaidDayChanges

#: A period is kept once it ended at least this long ago: the database and the web server may
#: disagree about what day it is, and a statement said just before midnight must still count.
SETTLED_AFTER = timedelta(days=2)
#: How long keeping counts may wait for SQLite's write lock before it gives up (they are simply
#: counted again next time).
SQLITE_WAIT_MS = 200


def settled(periods: Sequence[Period], today: date | None = None) -> list[Period]:
    """The periods that ended long enough ago for their counts to be kept."""
    today = today or datetime.now(UTC).date()
    return [p for p in periods if p.end + SETTLED_AFTER <= today]


def _filters(scope: Scope) -> str:
    return "|".join(v or "" for v in (scope.role, scope.source, scope.age_band, scope.language))


def stamps(session: Session, periods: Sequence[Period]) -> dict[str, int]:
    """Each period's stamp: how many changes have been noted on its days."""
    if not periods:
        return {}
    days = select(SaidDayChanges.day, SaidDayChanges.changes).where(
        SaidDayChanges.day >= min(p.start for p in periods),
        SaidDayChanges.day < max(p.end for p in periods),
    )
    found = dict.fromkeys((p.key for p in periods), 0)
    for day, changes in session.execute(days):
        for period in periods:
            if period.start <= day < period.end:
                found[period.key] += changes
    return found


def kept(
    session: Session,
    scope: Scope,
    only_area: str | None,
    periods: Sequence[Period],
    stamped: dict[str, int],
) -> dict[str, dict[str, Cell]]:
    """Per period key, the counts kept for it by area, where they are still true."""
    if not periods:
        return {}
    rows = session.scalars(
        select(PeriodCounts).where(
            PeriodCounts.framework == scope.framework,
            PeriodCounts.filters == _filters(scope),
            PeriodCounts.area == (only_area or ""),
            PeriodCounts.starts_on.in_([p.start for p in periods]),
        )
    )
    wanted = {(p.start, p.end, stamped[p.key]): p.key for p in periods}
    return {
        wanted[(row.starts_on, row.ends_on, row.stamp)]: {
            area: Cell.from_json(cell) for area, cell in row.counts.items()
        }
        for row in rows
        if (row.starts_on, row.ends_on, row.stamp) in wanted
    }


def keep(
    session: Session,
    scope: Scope,
    only_area: str | None,
    period: Period,
    stamp: int,
    counted: dict[str, Cell],
) -> None:
    """Keep one period's counts, on a connection of their own so the page's reading is left as
    it is. Another page keeping the same counts at the same moment, or a busy database, is no
    problem: they are counted again next time."""
    with Session(session.get_bind()) as writer:
        sqlite = writer.get_bind().dialect.name == "sqlite"
        waited = None
        try:
            if sqlite:
                waited = writer.execute(text("PRAGMA busy_timeout")).scalar()
                writer.execute(text(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}"))
            key = (
                PeriodCounts.framework == scope.framework,
                PeriodCounts.filters == _filters(scope),
                PeriodCounts.area == (only_area or ""),
                PeriodCounts.starts_on == period.start,
                PeriodCounts.ends_on == period.end,
            )
            writer.execute(delete(PeriodCounts).where(*key))
            writer.add(
                PeriodCounts(
                    framework=scope.framework,
                    filters=_filters(scope),
                    area=only_area or "",
                    starts_on=period.start,
                    ends_on=period.end,
                    stamp=stamp,
                    counts={area: cell.as_json() for area, cell in counted.items()},
                )
            )
            writer.commit()
        except SQLAlchemyError:
            writer.rollback()
        finally:
            if waited is not None:
                writer.execute(text(f"PRAGMA busy_timeout = {int(waited)}"))
