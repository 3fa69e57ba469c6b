"""Analyse statements as they are saved: fill in their redacted text, sentiment, safeguarding
flag and automatic focus-area tags, and raise an alert for each flag, in the same transaction.

A statement whose analysis fails is saved all the same, with the problem noted, so it waits in
the review queue instead of being lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from flask import current_app, has_app_context
from sqlalchemy import Connection, Table, exists, insert, select

from coprod.analysis import Analyser, Analysis
from coprod.analysis.framework import FRAMEWORKS_DIR, load_framework
from coprod.analysis.learned import train
from coprod.analysis.sentiment import shipped_examples, train_sentiment
from coprod.models import SafeguardingAlert, Statement, StatementTag, utcnow
from coprod.services import corrections
from coprod.services.alert_email import note_alerts_raised

log = logging.getLogger(__name__)

STATEMENTS = cast(Table, Statement.__table__)
TAGS = cast(Table, StatementTag.__table__)
ALERTS = cast(Table, SafeguardingAlert.__table__)


#: The fields every analysed row sets (rows go in as one INSERT, so all need the same keys);
#: sentiment is left to the row, where a closed answer's option already scored it.
_NOTHING_FOUND: dict[str, Any] = {
    "redacted_text": None,
    "needs_translation": False,
    "safeguarding": False,
    "safeguarding_reasons": None,
    "analysed_at": None,
    "analysis_problem": None,
}


@dataclass
class Analysed:
    """A statement row's analysis fields, its automatic tags and what an alert needs."""

    fields: dict[str, Any]
    tags: list[dict[str, Any]] = field(default_factory=list)
    concerns: list[dict[str, str]] = field(default_factory=list)


def _frameworks_dir() -> Path:
    if has_app_context():
        return Path(current_app.config["SURVEYS_DIR"]) / "frameworks"
    return FRAMEWORKS_DIR


def _schools() -> tuple[str, ...]:
    return tuple(current_app.config.get("SCHOOL_NAMES", ())) if has_app_context() else ()


@dataclass(frozen=True)
class _Trained:
    """An analyser and what it was built from: the framework file as it was, and the reviews."""

    key: tuple[Any, ...]
    analyser: Analyser


#: The newest analyser per framework file, in this process only; each worker builds its own.
_TRAINED: dict[Path, _Trained] = {}
_TRAINING = threading.Lock()


def analyser_for(framework: str, connection: Connection) -> Analyser:
    """The analyser for a framework of this deployment: its terms, its examples and every
    statement a person has reviewed. Rebuilt when the file or the reviews change."""
    path = _frameworks_dir() / f"{framework}.yaml"
    schools = _schools()
    key = (path.stat().st_mtime, schools, corrections.fingerprint(connection, framework))
    with _TRAINING:  # one thread trains; the others then find its analyser
        trained = _TRAINED.get(path)
        if trained is None or trained.key != key:
            loaded = load_framework(path)
            areas = (*loaded.examples, *corrections.area_examples(connection, framework))
            sentiment = (
                *shipped_examples(),
                *corrections.sentiment_examples(connection, framework),
            )
            analyser = Analyser(
                loaded, train(areas, loaded.slugs), train_sentiment(sentiment), schools
            )
            trained = _TRAINED[path] = _Trained(key, analyser)
        return trained.analyser


def free_text_in(framework: str) -> Any:
    """A condition for free-text statements of a framework: those with no tag from another."""
    other = exists().where(TAGS.c.statement_id == Statement.id, TAGS.c.framework != framework)
    return (Statement.kind == "free_text") & ~other


def analyse_statement(analyser: Analyser, text: str, kind: str, framework: str) -> Analysed:
    """The analysis of one statement, ready to store; never raises."""
    if kind != "free_text":
        # A closed answer is the survey's own words, already scored by its option.
        return Analysed({**_NOTHING_FOUND, "analysed_at": utcnow(), "redacted_text": text})
    try:
        found = analyser.analyse(text)
    except Exception as error:  # the statement is kept and queued for review, whatever failed
        log.warning("analysis failed for a statement: %s", error)
        return Analysed({**_NOTHING_FOUND, "analysis_problem": str(error) or type(error).__name__})
    return Analysed(_fields(found), _tags(found, framework), _concerns(found))


def _fields(found: Analysis) -> dict[str, Any]:
    return {
        "redacted_text": found.redacted,
        "sentiment_score": found.sentiment.score,
        "sentiment_label": found.sentiment.label,
        "needs_translation": found.sentiment.needs_translation,
        "safeguarding": found.safeguarding.flagged,
        "safeguarding_reasons": [
            {"reason": c.reason, "words": c.words} for c in found.safeguarding.concerns
        ]
        or None,
        "analysed_at": utcnow(),
        "analysis_problem": None,
    }


def _tags(found: Analysis, framework: str) -> list[dict[str, Any]]:
    return [
        {
            "framework": framework,
            "focus_area": tag.area,
            "origin": "auto",
            "confidence": tag.confidence,
            "terms": list(tag.terms),
            "user_id": None,
        }
        for tag in found.tags
    ]


def _concerns(found: Analysis) -> list[dict[str, str]]:
    return [
        {"reason": c.reason, "label": c.label, "words": c.words}
        for c in found.safeguarding.concerns
    ]


def alert_row(statement_id: int, analysed: Analysed, row: dict[str, Any]) -> dict[str, Any] | None:
    """The safeguarding alert a stored statement raises, if it raises one."""
    if not analysed.concerns:
        return None
    return {
        "statement_id": statement_id,
        "response_id": row.get("response_id"),
        "session_id": row.get("session_id"),
        "role": row["role"],
        "age_band": row.get("age_band"),
        "text": row["text"],
        "reasons": analysed.concerns,
        "created_at": utcnow(),
        "email_attempts": 0,
    }


def given_tag(framework: str, area: str, origin: str, user_id: int | None = None) -> dict[str, Any]:
    """A tag from the survey's definition or a person, shaped like the automatic ones."""
    return {
        "framework": framework,
        "focus_area": area,
        "origin": origin,
        "confidence": None,
        "terms": None,
        "user_id": user_id,
    }


def store_analysed(
    connection: Connection,
    framework: str,
    rows: list[dict[str, Any]],
    given_tags: list[list[dict[str, Any]]],
    analysed: Sequence[Analysed] | None = None,
) -> None:
    """Analyse each statement row (its ``text`` and ``kind``), insert the rows as one INSERT,
    then their given tags (from a survey or a person), automatic tags and alerts. An alert for
    words already raised from the same response or session is not raised twice."""
    if analysed is None:
        analyser = analyser_for(framework, connection)
        analysed = [analyse_statement(analyser, r["text"], r["kind"], framework) for r in rows]
    rows = [{**row, **found.fields} for row, found in zip(rows, analysed, strict=True)]
    ids = (
        connection.execute(
            insert(STATEMENTS).returning(STATEMENTS.c.id, sort_by_parameter_order=True), rows
        )
        .scalars()
        .all()
    )
    tags = []
    alerts = []
    for sid, given, found, row in zip(ids, given_tags, analysed, rows, strict=True):
        tags += [{"statement_id": sid, **tag} for tag in (*given, *found.tags)]
        if (alert := alert_row(sid, found, row)) is not None:
            alerts.append(alert)
    if tags:
        connection.execute(insert(TAGS), tags)
    raised = _raised_already(connection, alerts)
    alerts = [a for a in alerts if a["text"] not in raised]
    if alerts:
        connection.execute(insert(ALERTS), alerts)
        note_alerts_raised()


def _raised_already(connection: Connection, alerts: list[dict[str, Any]]) -> set[str]:
    """Words already alerted on from the same session: rebuilding its statements (an admin's
    edit after finalising) must not raise the same alert again."""
    sessions = {a["session_id"] for a in alerts if a["session_id"] is not None}
    if not sessions:
        return set()
    found = connection.execute(select(ALERTS.c.text).where(ALERTS.c.session_id.in_(sessions)))
    return set(found.scalars())
