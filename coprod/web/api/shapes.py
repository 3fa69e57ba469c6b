"""What the API's answers look like: plain JSON values from the services' objects, in the
shapes openapi.yaml describes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coprod.evidence.cells import LABELS
from coprod.evidence.periods import Period
from coprod.evidence.summary import PeriodFigures
from coprod.services.api_statements import SharedStatement


def period_json(period: Period, current: bool) -> dict[str, Any]:
    """A monitoring period: its name, first and last day."""
    return {
        "key": period.key,
        "starts_on": period.start.isoformat(),
        "ends_on": (period.end - timedelta(days=1)).isoformat(),
        "current": current,
    }


def statement_json(statement: SharedStatement) -> dict[str, Any]:
    """One statement: redacted words only, and who said it by role, never a name. Like the
    statements CSV it gives the period but not the day, age band or language, which together
    could point to a family."""
    return {
        "id": statement.id,
        "period": statement.period,
        "source": statement.source,
        "kind": statement.kind,
        "role": statement.role,
        "text": statement.redacted_text,
        "sentiment": {"score": statement.sentiment_score, "label": statement.sentiment_label},
        "focus_areas": [
            {"focus_area": t.focus_area, "origin": t.origin, "confidence": t.confidence}
            for t in statement.tags
        ],
        "weight": statement.weight,
    }


def aggregate_json(area: str, figures: PeriodFigures) -> dict[str, Any]:
    """One area in one period after disclosure control: a hidden count is null, and then
    ``suppressed`` is true."""
    nobody = not figures.too_few and figures.people is None
    sentiment: dict[str, int | None]
    if figures.too_few:
        sentiment = dict.fromkeys(LABELS)
    elif nobody:
        sentiment = dict.fromkeys(LABELS, 0)
    else:
        sentiment = {label: figures.by_label.counts.get(label) for label in LABELS}
    people = 0 if nobody else figures.people
    statements = 0 if nobody else figures.statements
    return {
        "focus_area": area,
        "period": figures.period.key,
        "people": people,
        "statements": statements,
        "sentiment": sentiment,
        "mean_sentiment": figures.mean,
        "suppressed": people is None or statements is None or None in sentiment.values(),
    }
