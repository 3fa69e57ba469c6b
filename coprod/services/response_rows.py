"""The responses sent to one survey in one period, one row per response, safe to hand to an
analyst: a row number instead of the person's reference code, free text only as its redacted
statements (withheld where it raised a safeguarding concern), and in the columns that could
single someone out, a value too few people gave is hidden.

Rows are read from the database in batches and built as they come, so a large survey never sits
in memory whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from coprod.analysis.patterns import CODE
from coprod.evidence.disclosure import checked_threshold, suppress_line
from coprod.evidence.periods import Period
from coprod.models import Answer, Response, Statement, Survey, SurveyVersion
from coprod.services.evidence_csv import cell_text
from coprod.services.response_columns import (
    NOT_CHECKED,
    PROTECTED,
    WITHHELD,
    Column,
    hidden_marker,
    response_columns,
)
from coprod.services.survey_versions import definition_of

BATCH = 1000


class UnknownSurvey(LookupError):
    """No survey has this slug."""


@dataclass(frozen=True)
class ResponseTable:
    """The columns of a survey's export and its rows, read as they are wanted."""

    survey: str
    period: Period
    columns: tuple[Column, ...]
    rows: Iterator[list[str]]


def survey_choices(session: Session) -> list[tuple[str, str]]:
    """Every survey that has been stored, as its slug and title, by title."""
    return [
        (slug, title)
        for slug, title in session.execute(
            select(Survey.slug, Survey.title)
            .where(Survey.versions.any())
            .order_by(Survey.title, Survey.slug)
        )
    ]


def response_table(session: Session, slug: str, period: Period, threshold: int) -> ResponseTable:
    """The survey's responses sent in ``period`` as rows under their columns. Raises
    UnknownSurvey for a slug no survey has."""
    threshold = checked_threshold(threshold)
    versions = session.scalars(
        select(SurveyVersion)
        .join(Survey)
        .where(Survey.slug == slug)
        .order_by(SurveyVersion.number.desc())
    ).all()
    if not versions:
        raise UnknownSurvey(slug)
    start = datetime.combine(period.start, time.min, tzinfo=UTC)
    end = datetime.combine(period.end, time.min, tzinfo=UTC)
    sent = [
        Response.survey_version_id.in_([v.id for v in versions]),
        Response.submitted_at >= start,
        Response.submitted_at < end,
    ]
    used = set(session.scalars(select(Response.survey_version_id).where(*sent).distinct()))
    definitions = [definition_of(v) for v in versions if v.id in used or v is versions[0]]
    columns = tuple(response_columns(slug, definitions, threshold))
    hidden = {attribute: _hidden(session, sent, attribute, threshold) for attribute in PROTECTED}
    numbers = {v.id: v.number for v in versions}
    rows = _rows(session, sent, slug, numbers, columns, hidden, hidden_marker(threshold))
    return ResponseTable(slug, period, columns, rows)


def _hidden(
    session: Session, sent: list[ColumnElement[bool]], attribute: str, threshold: int
) -> set[str]:
    """The values of one column too few people gave to show (with any hidden alongside them)."""
    column = getattr(Response, attribute)
    counts = {
        value: count
        for value, count in session.execute(
            select(column, func.count()).where(*sent).group_by(column)
        )
        if value is not None
    }
    return set(suppress_line(counts, threshold).hidden) if counts else set()


def _channel(channel: str, session_id: int | None, grown_up: str | None) -> str:
    if channel == "online" and (session_id is not None or grown_up == "session"):
        return "shared_device"
    return channel


def _free_texts(session: Session, ids: list[int]) -> dict[tuple[int, str], str]:
    """Each free-text answer of these responses as its statements' redacted words."""
    words: dict[tuple[int, str], list[str]] = defaultdict(list)
    flagged: set[tuple[int, str]] = set()
    unchecked: set[tuple[int, str]] = set()
    query = (
        select(
            Statement.response_id,
            Statement.question_id,
            Statement.redacted_text,
            Statement.safeguarding,
        )
        .where(Statement.response_id.in_(ids), Statement.kind == "free_text")
        .order_by(Statement.id)
    )
    for response_id, question_id, redacted, safeguarding in session.execute(query):
        key = (response_id or 0, question_id or "")
        if safeguarding:
            flagged.add(key)
        elif redacted is None:
            unchecked.add(key)
        else:
            words[key].append(redacted)
    texts = {key: " ".join(said) for key, said in words.items()}
    texts.update(dict.fromkeys(unchecked, NOT_CHECKED))
    texts.update(dict.fromkeys(flagged, WITHHELD))
    return texts


def _answers(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = defaultdict(dict)
    query = select(Answer.response_id, Answer.question_id, Answer.value).where(
        Answer.response_id.in_(ids)
    )
    for response_id, question_id, value in session.execute(query):
        found[response_id][question_id] = value
    return found


def _rows(
    session: Session,
    sent: list[ColumnElement[bool]],
    slug: str,
    numbers: dict[int, int],
    columns: tuple[Column, ...],
    hidden: dict[str, set[str]],
    marker: str,
) -> Iterator[list[str]]:
    query = (
        select(
            Response.id,
            Response.survey_version_id,
            Response.submitted_at,
            Response.language,
            Response.format,
            Response.channel,
            Response.session_id,
            Response.grown_up,
            Response.role,
            *(getattr(Response, attribute) for attribute in PROTECTED if attribute != "language"),
        )
        .where(*sent)
        .order_by(Response.submitted_at, Response.id)
    )
    row_number = 0
    for batch in session.execute(query.execution_options(yield_per=BATCH)).partitions():
        ids = [row.id for row in batch]
        answers = _answers(session, ids)
        texts = _free_texts(session, ids)
        for row in batch:
            row_number += 1
            about = {
                "row": str(row_number),
                "survey": slug,
                "survey_version": str(numbers[row.survey_version_id]),
                "submitted_on": row.submitted_at.astimezone(UTC).date().isoformat(),
                "format": row.format,
                "channel": _channel(row.channel, row.session_id, row.grown_up),
                "role": row.role,
            }
            for attribute in PROTECTED:
                value = getattr(row, attribute)
                shown = marker if value in hidden[attribute] else value
                about[attribute] = shown or ""
            yield [
                cell_text(_value(column, about, answers[row.id], texts, row.id))
                for column in columns
            ]


def _value(
    column: Column,
    about: dict[str, str],
    answers: dict[str, Any],
    texts: dict[tuple[int, str], str],
    response_id: int,
) -> str:
    if column.question_id is None:
        return about[column.name]
    if column.free_text:
        # Statements redacted before codes were recognised may still hold one.
        return CODE.sub("[code]", texts.get((response_id, column.question_id), ""))
    return column.cell(answers.get(column.question_id))
