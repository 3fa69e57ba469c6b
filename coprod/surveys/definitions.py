"""Validated survey definitions as frozen values, built from a definition's dict."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from coprod.vocabulary import PREFER_NOT_TO_SAY


@dataclass(frozen=True)
class Option:
    """One answer a person can choose."""

    value: str
    label: str
    hint: str | None = None
    #: Where the option sits from -1 (bad experience) to 1 (good), if it has a meaning.
    score: float | None = None
    easy_read: str | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class Card:
    """A topic card in a card sort, with the focus areas it stands for."""

    value: str
    label: str
    focus_areas: tuple[str, ...] = ()
    easy_read: str | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class Question:
    """One question, shown on a page of its own."""

    id: str
    type: str
    text: str
    hint: str | None = None
    required: bool = False
    focus_areas: tuple[str, ...] = ()
    #: Which fact about the respondent this records (role, age_band…), if any.
    representation: str | None = None
    prefer_not_to_say: bool = False
    options: tuple[Option, ...] = ()
    cards: tuple[Card, ...] = ()
    #: For agreement questions worded negatively ("I waited too long"): agreeing is bad.
    reverse: bool = False
    max_length: int = 1500
    minimum: int | None = None
    maximum: int | None = None
    unit: str | None = None
    #: Easy-read wording: one idea a sentence, at most 15 words, everyday words.
    easy_read: str | None = None
    easy_read_hint: str | None = None
    #: An easy-read explanation of a hard word, shown as "What does this mean?".
    explain: str | None = None
    #: An OpenMoji code (e.g. ``1F3EB``) and what the picture shows, for screen readers.
    symbol: str | None = None
    symbol_alt: str | None = None
    #: Set on a presented copy shown in easy read; never in a stored definition.
    easy_read_mode: bool = field(default=False, compare=False)

    def all_options(self) -> tuple[Option, ...]:
        """The options with "Prefer not to say" added where the question offers it."""
        if not self.prefer_not_to_say:
            return self.options
        return (*self.options, Option(value=PREFER_NOT_TO_SAY, label="Prefer not to say"))


@dataclass(frozen=True)
class SurveyDefinition:
    """A whole survey as written in its YAML file."""

    slug: str
    title: str
    summary: str
    audience: str
    framework: str
    questions: tuple[Question, ...]
    status: str = "open"
    estimated_minutes: int = 10
    #: Role recorded for every answer when the survey asks no role question.
    respondent_role: str | None = None
    about: tuple[str, ...] = ()
    what_happens_next: tuple[str, ...] = ()
    #: Months its sent answers are kept (see coprod/services/purge.py); None: RETENTION_MONTHS.
    retention_months: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @cached_property
    def checksum(self) -> str:
        """SHA-256 of the canonical definition: equal wording, equal checksum."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def question(self, question_id: str) -> Question | None:
        """The question with that id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def index_of(self, question_id: str) -> int:
        """The position of a question, 0-based."""
        return next(i for i, q in enumerate(self.questions) if q.id == question_id)


def survey_from_dict(raw: dict[str, Any]) -> SurveyDefinition:
    """Build a definition from a dict that has already passed the schema."""
    return SurveyDefinition(
        slug=raw["slug"],
        title=raw["title"],
        summary=raw["summary"],
        audience=raw["audience"],
        framework=raw.get("framework", "default"),
        status=raw.get("status", "open"),
        estimated_minutes=raw.get("estimated_minutes", 10),
        respondent_role=raw.get("respondent_role"),
        about=tuple(raw.get("about", ())),
        what_happens_next=tuple(raw.get("what_happens_next", ())),
        retention_months=raw.get("retention_months"),
        questions=tuple(_question_from_dict(q) for q in raw["questions"]),
        raw=raw,
    )


def _question_from_dict(raw: dict[str, Any]) -> Question:
    return Question(
        id=raw["id"],
        type=raw["type"],
        text=raw["text"],
        hint=raw.get("hint"),
        required=raw.get("required", False),
        focus_areas=tuple(raw.get("focus_areas", ())),
        representation=raw.get("representation"),
        prefer_not_to_say=raw.get("prefer_not_to_say", False),
        options=tuple(Option(**o) for o in raw.get("options", ())),
        cards=tuple(
            Card(**{**c, "focus_areas": tuple(c.get("focus_areas", ()))})
            for c in raw.get("cards", ())
        ),
        reverse=raw.get("reverse", False),
        max_length=raw.get("max_length", 1500),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        unit=raw.get("unit"),
        easy_read=raw.get("easy_read"),
        easy_read_hint=raw.get("easy_read_hint"),
        explain=raw.get("explain"),
        symbol=raw.get("symbol"),
        symbol_alt=raw.get("symbol_alt"),
    )
