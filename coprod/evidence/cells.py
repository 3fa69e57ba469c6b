"""What the evidence counts, as plain data: which statements (a scope), and the true counts
for one focus area in one period, before disclosure control."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The sentiment labels counted, with "unscored" for statements waiting for translation.
LABELS = ("positive", "negative", "neutral", "mixed", "unscored")


@dataclass(frozen=True)
class Scope:
    """Which statements count: one framework, and optionally one role, source, age band and
    language (None means all)."""

    framework: str
    role: str | None = None
    source: str | None = None
    age_band: str | None = None
    language: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the statements."""
        return any((self.role, self.source, self.age_band, self.language))


@dataclass(frozen=True)
class ClosedResult:
    """A closed question's answers in one period: how many answered, how many favourably."""

    question_id: str
    answered: int
    favourable: int


@dataclass
class Cell:
    """The true counts for one focus area in one period."""

    statements: int = 0
    by_role: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_label: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    #: Scored statements, and the sum and sum of squares of their scores (for mean and spread).
    scored: int = 0
    score_sum: float = 0.0
    score_squares: float = 0.0
    #: People heard: survey responses, plus everyone recorded at the sessions it came from.
    responses: int = 0
    session_people: int = 0
    #: The answers to each closed question that scores them, in order of question id.
    closed: list[ClosedResult] = field(default_factory=list)

    @property
    def people(self) -> int:
        """How many people these statements could have come from."""
        return self.responses + self.session_people

    def as_json(self) -> dict[str, Any]:
        """The counts as plain JSON values, to keep."""
        return asdict(self)

    @classmethod
    def from_json(cls, kept: dict[str, Any]) -> Cell:
        """The counts as ``as_json`` kept them."""
        closed = [ClosedResult(**result) for result in kept.get("closed", [])]
        return cls(**{**kept, "closed": closed})


@dataclass(frozen=True)
class Quote:
    """A statement that may be quoted: its redacted words and how it leans."""

    statement_id: int
    text: str
    label: str
    role: str
    source: str
