"""Recurring themes: the words and two-word phrases people use noticeably more often about one
focus area than about the others.

How it works, in plain words:

- Every statement is cut into words, and pairs of neighbouring words ("waiting list"). Very
  common words ("the", "and", "we") are left out, and so are numbers, single letters and the
  placeholders that replaced personal details ("[name]", "[school]"). A word counts once per
  statement, however often it is repeated in it.
- For each focus area we compare how often a phrase comes up in its statements with how often it
  comes up in the statements about every other area. A phrase that is just as common everywhere
  ("support", "school") tells us nothing about the area and is left out.
- A phrase used only a handful of times can look distinctive by luck, so every count is first
  pulled towards how common the phrase is across everything people said (a "prior"; the method
  is the weighted log-odds ratio of Monroe, Colaresi and Quinn, 2008, "Fightin' Words", with the
  prior taken from all the statements). The difference is then divided by its uncertainty, giving
  a z-score: how many standard errors apart the area and the rest are. A theme must be more than
  1.96 apart, the usual 95% level, so chance alone would rarely produce it.
- A theme must also have been used by at least as many different people as the disclosure
  threshold (10 by default): a phrase only a few people used could point to a family, and is not
  a theme anyway. Someone who says the same thing fifteen times counts once; everyone heard at a
  group session counts as one, so the number of people is never overstated.
- Where a pair of words and one of its words are both themes, used by nearly the same people
  ("waiting list" and "waiting"), only the pair is shown, as it says more.

The strongest few per area are shown, most distinctive first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from coprod.analysis.learned import is_stop_words
from coprod.analysis.text import words
from coprod.evidence.disclosure import checked_threshold

#: A theme's z-score must be above this: the 95% level.
Z_MIN = 1.96
#: A word is not shown beside a phrase holding it when the phrase was used by at least this
#: share of the people who used the word.
NEARLY = 0.8
#: Placeholders for personal details, and punctuation a phrase does not run across.
_BREAKS = re.compile(r"\[[^\[\]\n]{0,40}\]|[.!?;:,()\"\n]+")
#: A word as written, apostrophes kept ("didn't"); ``words`` drops them ("didnt").
_WRITTEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

#: One statement in one area: the area, who said it (any key that is the same for the same person
#: or group session) and its redacted text.
Row = tuple[str, Hashable, str]


@dataclass(frozen=True)
class Theme:
    """A word or phrase that stands out in a focus area, and how many used it there."""

    #: As people wrote it, in lower case.
    phrase: str
    #: Different people (or group sessions) who used it in this area.
    people: int
    statements: int
    #: The z-score of the weighted log-odds ratio against the other areas.
    score: float


@lru_cache(maxsize=1 << 16)
def _term(word: str) -> str | None:
    """The word, if it says something on its own: not a stop word, a number or a single letter."""
    return None if len(word) < 2 or word.isdigit() or is_stop_words(word) else word


def terms(text: str) -> tuple[set[str], dict[str, str]]:
    """The words and two-word phrases a statement uses, and how those written otherwise than
    their key were written ("didnt": "didn't")."""
    # A break becomes a number, which is never a term and so ends any phrase.
    text = _BREAKS.sub(" 0 ", text)
    keys = words(text)
    kept = list(map(_term, keys))
    found = set(filter(None, kept))
    # A phrase may neither start nor end with a stop word: for two words, both must count.
    before = None
    for word in kept:
        if before and word:
            found.add(f"{before} {word}")
        before = word
    spelled = _respelled(text, keys, kept) if "'" in text or "’" in text else {}
    return found, spelled


def _respelled(text: str, keys: list[str], kept: list[str | None]) -> dict[str, str]:
    """The words and phrases whose spelling has an apostrophe, as written."""
    written = _WRITTEN.findall(text.lower().replace("’", "'"))
    if len(written) != len(keys):
        return {}
    found = {k: w for k, w in zip(keys, written, strict=True) if k != w}
    for i, (a, b) in enumerate(itertools.pairwise(kept)):
        if a and b and (a in found or b in found):
            found[f"{a} {b}"] = f"{written[i]} {written[i + 1]}"
    return found


def _z_score(in_area: int, area_total: int, overall: int, total: int) -> float | None:
    """The weighted log-odds z-score of a term in an area against the rest, with the informative
    Dirichlet prior set from the whole corpus (each term's prior is its overall count); None when
    the odds cannot be formed (a corpus of one term)."""
    elsewhere, rest_total = overall - in_area, total - area_total
    prior, prior_total = overall, total
    area_odds = area_total + prior_total - in_area - prior
    rest_odds = rest_total + prior_total - elsewhere - prior
    if area_odds <= 0 or rest_odds <= 0:
        return None
    delta = math.log((in_area + prior) / area_odds) - math.log((elsewhere + prior) / rest_odds)
    variance = 1 / (in_area + prior) + 1 / (elsewhere + prior)
    return delta / math.sqrt(variance)


def _without_covered_words(found: dict[str, Theme]) -> list[Theme]:
    """The themes less any single word that a two-word theme holding it nearly always covers."""
    covered = set()
    for key, theme in found.items():
        if " " not in key:
            continue
        for word in key.split():
            single = found.get(word)
            if single is not None and theme.people >= NEARLY * single.people:
                covered.add(word)
    return [theme for key, theme in found.items() if key not in covered]


def distinctive(rows: Iterable[Row], threshold: int, limit: int = 5) -> dict[str, list[Theme]]:
    """Per area, up to ``limit`` themes that set it apart from the other areas in ``rows``
    (``(area, person key, redacted text)``, one per statement and area), most distinctive first;
    only themes used by at least ``threshold`` different people in the area."""
    threshold = checked_threshold(threshold)
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    said_by: dict[str, list[tuple[Hashable, str]]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    # Terms are kept as one string per statement, not a set: thousands of live sets would have
    # the garbage collector walk the whole process again and again. A statement in two areas
    # is read once.
    read: dict[str, tuple[str, dict[str, str]]] = {}
    for area, person, text in rows:
        if (known := read.get(text)) is None:
            found, spelled = terms(text)
            known = read[text] = ("\n".join(found), spelled)
        joined, spelled = known
        if joined:
            counted[area].update(joined.split("\n"))
            said_by[area].append((person, joined))
        for key, written in spelled.items():
            spellings[key][written] += 1
    overall: Counter[str] = Counter()
    for counts in counted.values():
        overall.update(counts)
    total = sum(overall.values())
    return {
        area: _themes_of(counts, said_by[area], overall, total, spellings, threshold, limit)
        for area, counts in counted.items()
    }


def _themes_of(
    counts: Counter[str],
    said_by: list[tuple[Hashable, str]],
    overall: Counter[str],
    total: int,
    spellings: dict[str, Counter[str]],
    threshold: int,
    limit: int,
) -> list[Theme]:
    """One area's themes: distinctive, used by enough people, phrases before their words."""
    area_total = sum(counts.values())
    scores = {}
    for key, n in counts.items():
        if n >= threshold:  # fewer statements cannot come from enough people
            z = _z_score(n, area_total, overall[key], total)
            if z is not None and z > Z_MIN:
                scores[key] = z
    if not scores:
        return []
    candidates = set(scores)
    used: dict[Hashable, set[str]] = {}
    for person, joined in said_by:
        if hit := candidates.intersection(joined.split("\n")):
            used.setdefault(person, set()).update(hit)
    people: Counter[str] = Counter()
    for hit in used.values():
        people.update(hit)
    shown = {
        key: Theme(_phrase(key, overall[key], spellings), people[key], counts[key], scores[key])
        for key in scores
        if people[key] >= threshold
    }
    kept = _without_covered_words(shown)
    return sorted(kept, key=lambda t: (-t.score, t.phrase))[:limit]


def _phrase(key: str, overall: int, spellings: dict[str, Counter[str]]) -> str:
    """The commonest way a term was written: "didn't" over "didnt" when most wrote it so."""
    written = spellings.get(key)
    if not written:
        return key
    spelling, n = min(written.items(), key=lambda item: (-item[1], item[0]))
    return spelling if n > overall - sum(written.values()) else key
