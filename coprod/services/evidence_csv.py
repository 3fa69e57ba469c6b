"""The statements of a period as CSV, safe to hand on: redacted words only (never what was
typed), no age band, language or date (which together could point to a family), safeguarding
flags without their words, and only focus areas in which enough people were heard.

Rows are read from the database in batches and written as they come, so a large period never
sits in memory whole.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.evidence.cells import Scope
from coprod.evidence.disclosure import checked_threshold
from coprod.evidence.periods import Period
from coprod.models import Statement, StatementTag
from coprod.services.evidence_queries import cells

COLUMNS = (
    "period",
    "source",
    "role",
    "kind",
    "focus_areas",
    "sentiment",
    "sentiment_score",
    "redacted_text",
)
#: Written instead of the words of a statement that raised a safeguarding concern.
WITHHELD = "[withheld: safeguarding]"
#: Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 2000


def cell_text(text: str) -> str:
    """Text as a spreadsheet shows it, never run as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _rows(
    session: Session, framework: str, period: Period, shown_areas: set[str]
) -> Iterator[list[str]]:
    start = datetime.combine(period.start, time.min, tzinfo=UTC)
    end = datetime.combine(period.end, time.min, tzinfo=UTC)
    query = (
        select(Statement.id, Statement.source, Statement.role, Statement.kind)
        .add_columns(
            Statement.sentiment_label,
            Statement.sentiment_score,
            Statement.redacted_text,
            Statement.safeguarding,
        )
        .where(Statement.said_at >= start, Statement.said_at < end)
        .order_by(Statement.id)
    )
    tags = select(StatementTag.statement_id, StatementTag.focus_area).where(
        StatementTag.framework == framework
    )
    for batch in session.execute(query.execution_options(yield_per=BATCH)).partitions():
        ids = [row[0] for row in batch]
        areas: dict[int, set[str]] = {}
        for statement_id, area in session.execute(tags.where(StatementTag.statement_id.in_(ids))):
            if area in shown_areas:
                areas.setdefault(statement_id, set()).add(area)
        for statement_id, source, role, kind, label, score, redacted, flagged in batch:
            if statement_id not in areas:
                continue
            text = WITHHELD if flagged else (redacted or "")
            yield [
                period.key,
                source,
                role,
                kind,
                ";".join(sorted(areas[statement_id])),
                label or "",
                "" if score is None else f"{score:.3f}",
                cell_text(text),
            ]


def statement_rows(
    session: Session, framework: str, period: Period, threshold: int
) -> Iterator[list[str]]:
    """The period's statements as rows under COLUMNS, only in focus areas in which at least
    ``threshold`` people were heard; words redacted, and withheld where safeguarding is raised."""
    threshold = checked_threshold(threshold)
    counted = cells(session, Scope(framework), [period])
    shown = {
        area
        for (key, area), cell in counted.items()
        if cell.people >= threshold and cell.statements >= threshold
    }
    return _rows(session, framework, period, shown)


def write_statements(
    session: Session, framework: str, period: Period, out: TextIO, threshold: int
) -> int:
    """Write the period's statements to ``out`` as CSV (RFC 4180 line ends); return how many."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written = 0
    for row in statement_rows(session, framework, period, threshold):
        writer.writerow(row)
        written += 1
    return written
