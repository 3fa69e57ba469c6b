"""Who has been heard in a period, counted by the database for the representation comparison.

These are true counts, small ones included: they go through ``coprod.evidence.population``
(``representation``), which applies disclosure control, before anyone sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from coprod.evidence.periods import Period
from coprod.evidence.population import NOT_SAID
from coprod.models import Response
from coprod.vocabulary import PREFER_NOT_TO_SAY, REPRESENTATION_ATTRIBUTES

#: The roles whose "about you" answers describe a child or young person with SEND: a parent or
#: carer answers about their child, a young person about themselves.
ROLES_DESCRIBING_A_CHILD = ("parent_carer", "young_person")


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def heard(
    session: Session, period: Period, attributes: Iterable[str] = REPRESENTATION_ATTRIBUTES
) -> dict[str, dict[str, int]]:
    """Per attribute, per answer, how many survey responses were sent in ``period`` (from its
    start up to its end, at midnight UTC); those with no answer or "prefer not to say" are
    counted under NOT_SAID. Only responses from parents and carers and from young people count:
    a professional's or someone else's answers do not describe a child with SEND, so they would
    only blur the comparison with the children the partnership serves."""
    found: dict[str, dict[str, int]] = {}
    for attribute in attributes:
        if attribute not in REPRESENTATION_ATTRIBUTES:
            raise ValueError(f"{attribute!r} is not a representation attribute")
        column = getattr(Response, attribute)
        query = (
            select(column, func.count(distinct(Response.id)))
            .where(
                Response.submitted_at >= _moment(period.start),
                Response.submitted_at < _moment(period.end),
                Response.role.in_(ROLES_DESCRIBING_A_CHILD),
            )
            .group_by(column)
        )
        counts: dict[str, int] = {}
        for value, n in session.execute(query):
            key = NOT_SAID if value in (None, "", PREFER_NOT_TO_SAY) else str(value)
            counts[key] = counts.get(key, 0) + int(n)
        found[attribute] = counts
    return found
