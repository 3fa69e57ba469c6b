"""The audit log: who did what, when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from coprod.models import AuditEvent


def record(
    session: Session,
    action: str,
    *,
    user_id: int | None = None,
    subject: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit event to the session; the caller's commit stores it with the change."""
    session.add(AuditEvent(action=action, user_id=user_id, subject=subject, detail=detail))
