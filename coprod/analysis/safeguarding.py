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
    #: (slug, label) per reason.
    reasons: tuple[tuple[str, str], ...]
    patterns: tuple[re.Pattern[str], ...]
    #: The reason (its place in ``reasons``) of each pattern.
    reason_of: tuple[int, ...]
    triggers: TriggerIndex
    #: Phrases that only look like harm ("cut the budget"), and the words they start with.
    not_harm: tuple[re.Pattern[str], ...]
    harmless: TriggerIndex


@cache
def _rules() -> _Rules:
    raw: dict[str, Any] = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    reasons = list(raw["reasons"].items())
    written = [(r, p) for r, (_slug, entry) in enumerate(reasons) for p in entry["patterns"]]
    return _Rules(
        tuple((slug, str(entry["label"])) for slug, entry in reasons),
        tuple(re.compile(p) for _r, p in written),
        tuple(r for r, _p in written),
        TriggerIndex([trigger(p) for _r, p in written]),
        tuple(re.compile(p) for p in raw["not_harm"]),
        TriggerIndex([trigger(p) for p in raw["not_harm"]]),
    )


def normalise(text: str) -> str:
    """The words of text as the patterns expect them."""
    said = words(_REPEATS.sub(r"\1\1", text))
    return " ".join(map(_SPOKEN.get, said, said))


def _word_starts(said: str) -> dict[str, list[int]]:
    """Where each word of the normalised statement starts (its words are parted by single
    spaces, and blanked phrases are only spaces)."""
    at: dict[str, list[int]] = {}
    offset = 0
    for word in said.split(" "):
        if word:
            at.setdefault(word, []).append(offset)
        offset += len(word) + 1
    return at


def without_harmless(said: str) -> tuple[str, dict[str, list[int]]]:
    """The normalised statement with the phrases that only look like harm blanked out (every
    other word keeps its place), and where each of its remaining words starts."""
    rules = _rules()
    at = _word_starts(said)
    harmless = rules.harmless.starts(at)
    spans = [
        found.span()
        for n in rules.harmless.always.union(harmless)
        for found in _matches(rules.not_harm[n], said, harmless.get(n))
    ]
    if not spans:
        return said, at
    for start, end in spans:
        said = said[:start] + " " * (end - start) + said[end:]
    return said, _word_starts(said)


def _matches(pattern: re.Pattern[str], said: str, starts: list[int] | None) -> list[re.Match[str]]:
    """Every match, tried only at ``starts`` where they are known."""
    if starts is None:
        return list(pattern.finditer(said))
    return [found for start in starts if (found := pattern.match(said, start))]


def check(text: str) -> Safeguarding:
    """The concerns a statement raises, none if it raises none."""
    rules = _rules()
    said, at = without_harmless(normalise(text))
    starts = rules.triggers.starts(at)
    # The leftmost match of each reason's patterns (its first pattern's on a tie): patterns are
    # numbered in reason order, so trying them in order keeps the first on a tie.
    best: dict[int, re.Match[str]] = {}
    for n in sorted(rules.triggers.always.union(starts)):
        pattern = rules.patterns[n]
        places = starts.get(n)
        if places is None:
            match = pattern.search(said)
        else:  # the leftmost of the places it could start
            match = None
            for place in sorted(places) if len(places) > 1 else places:
                if match := pattern.match(said, place):
                    break
        reason = rules.reason_of[n]
        if match and (reason not in best or match.start() < best[reason].start()):
            best[reason] = match
    return Safeguarding(
        tuple(
            Concern(slug, label, best[reason].group().strip())
            for reason, (slug, label) in enumerate(rules.reasons)
            if reason in best
        )
    )
