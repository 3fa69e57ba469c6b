"""Flag statements that suggest a risk of harm to a child or young person, with the reason.

The patterns live in ``data/safeguarding.yaml`` so a safeguarding lead can read and extend them.
They run over the statement's words normalised (lower case, no apostrophes, repeated letters
cut), so "I dont feeel safe" and "I don't feel safe" read alike. A pattern is tried only on a
statement with a word it can start with (see triggers), which spares most of the work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coprod.analysis.text import words
from coprod.analysis.triggers import TriggerIndex, trigger

PATTERNS_FILE = Path(__file__).parent / "data" / "safeguarding.yaml"
_REPEATS = re.compile(r"(\w)\1{2,}")
#: Text speak and common misspellings, read as the words they stand for.
_SPOKEN = {
    "2": "to",
    "skl": "school",
    "skool": "school",
    "skol": "school",
    "any1": "anyone",
    "no1": "no one",
    "some1": "someone",
    "every1": "everyone",
    "nite": "night",
    "coz": "because",
    "cos": "because",
    "u": "you",
    "ur": "your",
    "dose": "does",
    "dosnt": "doesnt",
    "wanna": "want to",
    "gonna": "going to",
    "lok": "lock",
    "cary": "carry",
    "agen": "again",
    "agin": "again",
    "evry": "every",
    "giv": "give",
    "hav": "have",
    "sum": "some",
    "rn": "right now",
    "bleds": "bleeds",
    "scrach": "scratch",
    "cuting": "cutting",
    "cuboard": "cupboard",
    "nuthing": "nothing",
    "nothin": "nothing",
    "tabs": "tablets",
    "mi": "my",
}


@dataclass(frozen=True)
class Concern:
    """One reason a statement was flagged, and the words that raised it."""

    reason: str
    label: str
    words: str


@dataclass(frozen=True)
class Safeguarding:
    """Whether a statement is flagged, and why."""

    concerns: tuple[Concern, ...]

    @property
    def flagged(self) -> bool:
        """Whether anything suggests a risk of harm."""
        return bool(self.concerns)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons' slugs, such as ``self_harm``."""
        return tuple(c.reason for c in self.concerns)


@dataclass(frozen=True)
class _Rules:
    #: (slug, label, the numbers of its patterns in ``patterns``) per reason.
    reasons: tuple[tuple[str, str, tuple[int, ...]], ...]
    patterns: tuple[re.Pattern[str], ...]
    triggers: TriggerIndex
    not_harm: re.Pattern[str]


@cache
def _rules() -> _Rules:
    raw: dict[str, Any] = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    written = [(slug, p) for slug, entry in raw["reasons"].items() for p in entry["patterns"]]
    return _Rules(
        tuple(
            (
                slug,
                str(entry["label"]),
                tuple(n for n, (of, _p) in enumerate(written) if of == slug),
            )
            for slug, entry in raw["reasons"].items()
        ),
        tuple(re.compile(p) for _slug, p in written),
        TriggerIndex([trigger(p) for _slug, p in written]),
        re.compile("|".join(f"(?:{p})" for p in raw["not_harm"])),
    )


def normalise(text: str) -> str:
    """The words of text as the patterns expect them."""
    return " ".join(_SPOKEN.get(w, w) for w in words(_REPEATS.sub(r"\1\1", text)))


def _word_starts(said: str) -> dict[str, list[int]]:
    """Where each word of the normalised statement starts."""
    at: dict[str, list[int]] = {}
    for found in re.finditer(r"\S+", said):
        at.setdefault(found.group(), []).append(found.start())
    return at


def _first_match(
    pattern: re.Pattern[str], said: str, starts: list[int] | None
) -> re.Match[str] | None:
    """The leftmost match, tried only at ``starts`` where they are known."""
    if starts is None:
        return pattern.search(said)
    for start in sorted(starts):
        match = pattern.match(said, start)
        if match:
            return match
    return None


def check(text: str) -> Safeguarding:
    """The concerns a statement raises, none if it raises none."""
    rules = _rules()
    said = normalise(text)
    # Blank out phrases that only look like harm, keeping positions for the other patterns.
    said = rules.not_harm.sub(lambda m: " " * len(m.group()), said)
    starts = rules.triggers.starts(_word_starts(said))
    always = rules.triggers.always
    concerns = []
    for slug, label, numbers in rules.reasons:
        # The leftmost match of any of the reason's patterns (the first pattern's on a tie).
        best = None
        for n in numbers:
            if n not in starts and n not in always:
                continue
            match = _first_match(rules.patterns[n], said, starts.get(n))
            if match and (best is None or match.start() < best.start()):
                best = match
        if best:
            concerns.append(Concern(slug, label, best.group().strip()))
    return Safeguarding(tuple(concerns))
