"""Flag statements that suggest a risk of harm to a child or young person, with the reason.

The patterns live in ``data/safeguarding.yaml`` so a safeguarding lead can read and extend them.
They run over the statement's words normalised (lower case, no apostrophes, repeated letters
cut), so "I dont feeel safe" and "I don't feel safe" read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coprod.analysis.text import words

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
    reasons: tuple[tuple[str, str, re.Pattern[str]], ...]
    not_harm: re.Pattern[str]


def _either(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching any of these. Those that start at a word boundary share it, so the
    search tries them only where a word starts: most of the text is passed over at once."""
    at_words = [p.removeprefix(r"\b") for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    alternatives = [r"\b(?:" + "|".join(f"(?:{p})" for p in at_words) + ")"] if at_words else []
    return re.compile("|".join(alternatives + [f"(?:{p})" for p in others]))


@cache
def _rules() -> _Rules:
    raw: dict[str, Any] = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    return _Rules(
        tuple(
            (slug, str(entry["label"]), _either(entry["patterns"]))
            for slug, entry in raw["reasons"].items()
        ),
        _either(raw["not_harm"]),
    )


def normalise(text: str) -> str:
    """The words of text as the patterns expect them."""
    return " ".join(_SPOKEN.get(w, w) for w in words(_REPEATS.sub(r"\1\1", text)))


def check(text: str) -> Safeguarding:
    """The concerns a statement raises, none if it raises none."""
    rules = _rules()
    said = normalise(text)
    # Blank out phrases that only look like harm, keeping positions for the other patterns.
    said = rules.not_harm.sub(lambda m: " " * len(m.group()), said)
    concerns = []
    for slug, label, pattern in rules.reasons:
        match = pattern.search(said)
        if match:
            concerns.append(Concern(slug, label, match.group().strip()))
    return Safeguarding(tuple(concerns))
