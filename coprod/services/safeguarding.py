"""Safeguarding alerts: whether an answer raised one, and the queue the lead works through."""

from __future__ import annotations

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from coprod.models import SafeguardingAlert, User, utcnow
from coprod.services.audit import record

#: How many acknowledged alerts the queue shows below the open ones.
RECENTLY_ACKNOWLEDGED = 50


class AlreadyAcknowledged(ValueError):
    """Someone acknowledged the alert first; theirs stands."""


def raised_concern(session: Session, response_id: int) -> bool:
    """Whether anything in the response raised a safeguarding alert."""
    return bool(
        session.scalar(select(exists().where(SafeguardingAlert.response_id == response_id)))
    )


def open_count(session: Session) -> int:
    """How many alerts nobody has acknowledged yet."""
    return (
        session.scalar(
            select(func.count(SafeguardingAlert.id)).where(
                SafeguardingAlert.acknowledged_at.is_(None)
            )
        )
        or 0
    )


def open_alerts(session: Session) -> list[SafeguardingAlert]:
    """Alerts waiting for the lead, the longest-waiting first."""
    return list(
        session.scalars(
            select(SafeguardingAlert)
            .where(SafeguardingAlert.acknowledged_at.is_(None))
            .order_by(SafeguardingAlert.created_at, SafeguardingAlert.id)
        )
    )


def acknowledged_alerts(session: Session) -> list[tuple[SafeguardingAlert, str]]:
    """The most recently acknowledged alerts, with who acknowledged each."""
    rows = session.execute(
        select(SafeguardingAlert, User.name)
        .join(User, User.id == SafeguardingAlert.acknowledged_by)
        .order_by(SafeguardingAlert.acknowledged_at.desc(), SafeguardingAlert.id.desc())
        .limit(RECENTLY_ACKNOWLEDGED)
    ).all()
    return [(alert, name) for alert, name in rows]


def acknowledger(session: Session, alert: SafeguardingAlert) -> str | None:
    """The name of whoever acknowledged the alert."""
    if alert.acknowledged_by is None:
        return None
    return session.scalar(select(User.name).where(User.id == alert.acknowledged_by))


def acknowledge(session: Session, alert: SafeguardingAlert, user: User, note: str) -> None:
    """Record that the lead has dealt with the alert, and what they did; commits.

    Two people acknowledging at once: the first is kept, the second gets AlreadyAcknowledged.
    """
    done = session.execute(
        update(SafeguardingAlert)
        .where(SafeguardingAlert.id == alert.id, SafeguardingAlert.acknowledged_at.is_(None))
        .values(acknowledged_at=utcnow(), acknowledged_by=user.id, note=note)
        .returning(SafeguardingAlert.id)
    ).all()
    if not done:
        session.rollback()
        raise AlreadyAcknowledged()
    record(session, "safeguarding_acknowledged", user_id=user.id, subject=f"alert:{alert.id}")
    session.commit()
    session.refresh(alert)
