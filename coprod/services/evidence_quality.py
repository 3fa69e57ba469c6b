"""How far the period's evidence can be trusted: how many statements a person has checked, how
many no focus area claims, how many wait for translation or for the analysis. One query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from coprod.evidence.cells import Scope
from coprod.evidence.periods import Period
from coprod.models import Statement, StatementTag
from coprod.services.evidence_queries import _in_scope, _moment


@dataclass(frozen=True)
class Quality:
    """True counts for the whole period (every area together); disclose them with care."""

    statements: int
    reviewed: int
    untagged: int
    awaiting_translation: int
    not_analysed: int
    safeguarding: int


def data_quality(session: Session, scope: Scope, period: Period) -> Quality:
    """The period's statements under the scope's filters, and how many of them are in each
    state that limits what the evidence can say."""
    tagged = (
        select(StatementTag.statement_id)
        .where(StatementTag.framework == scope.framework)
        .where(StatementTag.statement_id == Statement.id)
        .exists()
    )

    def counted(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = select(
        func.count(),
        counted(Statement.reviewed_at.is_not(None)),
        counted(~tagged),
        counted(Statement.needs_translation.is_(True)),
        counted(Statement.analysed_at.is_(None)),
        counted(Statement.safeguarding.is_(True)),
    ).where(
        Statement.said_at >= _moment(period.start),
        Statement.said_at < _moment(period.end),
        *_in_scope(scope),
    )
    row = session.execute(query).one()
    return Quality(*(int(n) for n in row))
