"""Safeguarding alerts: whether an answer raised one, and the queue the lead works through."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from coprod.models import SafeguardingAlert


def raised_concern(session: Session, response_id: int) -> bool:
    """Whether anything in the response raised a safeguarding alert."""
    return bool(
        session.scalar(select(exists().where(SafeguardingAlert.response_id == response_id)))
    )
