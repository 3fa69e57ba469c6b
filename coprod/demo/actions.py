"""Demo "you said, we did" actions, each linked to a few statements from its focus area."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.models import Statement, StatementTag, User
from coprod.services.actions import new_action

ACTIONS = Path(__file__).with_name("actions.yaml")


def _months_ago(today: date, months: Any) -> date | None:
    return None if months is None else today - timedelta(days=round(int(months) * 30.44))


def fill_demo_actions(session: Session, analyst: User, today: date) -> int:
    """Add the demo actions, published, each linked to three statements of its area."""
    written = yaml.safe_load(ACTIONS.read_text(encoding="utf-8"))
    for item in written:
        linked = session.scalars(
            select(Statement.id)
            .join(StatementTag, StatementTag.statement_id == Statement.id)
            .where(
                StatementTag.focus_area == item["area"],
                Statement.kind == "free_text",
                Statement.safeguarding.is_(False),
                Statement.sentiment_label == "negative",
            )
            .order_by(Statement.said_at)
            .limit(3)
        ).all()
        fields = {
            "focus_area": item["area"],
            "you_said": item["you_said"],
            "we_did": item["we_did"],
            "easy_you_said": item.get("easy_you_said"),
            "easy_we_did": item.get("easy_we_did"),
            "translations": {"ur": item["ur"]} if "ur" in item else {},
            "status": item["status"],
            "owner": item["owner"],
            "started_on": _months_ago(today, item.get("started")),
            "due_on": _months_ago(today, item.get("due")),
            "done_on": _months_ago(today, item.get("done")),
            "published": True,
        }
        new_action(session, "default", fields, linked, analyst.id)
    session.commit()
    return len(written)
