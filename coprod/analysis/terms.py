"""Find a framework's terms in a statement's words, fast: each word looks up only the terms
that could start with it, so the cost grows with the statement, not with the framework."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from coprod.analysis.framework import Term, TermFramework


class TermMatch(NamedTuple):
    """A term found in a statement: which area, which term, the words as written and where.
    (A named tuple: a statement may hold dozens, and one is quicker to make than a dataclass.)"""

    area: str
    term: Term
    said: str
    start: int


@lru_cache(maxsize=100_000)
def _variants(word: str) -> tuple[str, ...]:
    """The word and its singular: "plans" may match the term "plan", "reviews" "review"."""
    found = [word]
    if len(word) > 3 and word.endswith("s"):
        found.append(word[:-1])
        if word.endswith("es"):
            found.append(word[:-2])
    return tuple(found)


def _rest_matches(t: Term, said: list[str], i: int) -> bool:
    """Whether the term's words after its first follow word ``i`` of the statement."""
    last = len(t.words) - 1
    for k in range(1, last + 1):
        term_word, word = t.words[k], said[i + k]
        if term_word[0] != word[0]:
            return False  # a word and its singular begin alike
        if t.prefix and k == last:
            if not word.startswith(term_word):
                return False
        elif term_word not in _variants(word):
            return False
    return True


class TermMatcher:
    """Every term of a framework, indexed by the word it starts with."""

    def __init__(self, framework: TermFramework) -> None:
        self._by_first: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        prefixed: list[tuple[str, str, Term]] = []
        for area in framework.areas:
            for t in area.terms:
                first = t.words[0]
                if t.prefix and len(t.words) == 1:
                    prefixed.append((first, area.slug, t))
                else:
                    self._by_first[first].append((area.slug, t))
        # Prefixes ("assess*") by their opening letters, so a new word tries only a few.
        self._opening = min((len(first) for first, _a, _t in prefixed), default=1)
        self._prefixed: dict[str, list[tuple[str, str, Term]]] = defaultdict(list)
        for found in prefixed:
            self._prefixed[found[0][: self._opening]].append(found)
        self._starting: dict[str, list[tuple[str, Term]]] = {}

    def _starting_with(self, word: str) -> list[tuple[str, Term]]:
        """Terms that may start at this word, remembered per word."""
        found = self._starting.get(word)
        if found is None:
            found = [c for v in _variants(word) for c in self._by_first.get(v, ())]
            found += [
                (area, t)
                for first, area, t in self._prefixed.get(word[: self._opening], ())
                if word.startswith(first)
            ]
            if len(self._starting) < 200_000:
                self._starting[word] = found
        return found

    def matches(self, said: list[str]) -> list[TermMatch]:
        """Each term found in the words, once per area, in the order first found."""
        found: dict[tuple[str, str], TermMatch] = {}
        starting = self._starting
        for i, word in enumerate(said):
            candidates = starting.get(word)
            if candidates is None:
                candidates = self._starting_with(word)
            for area, t in candidates:
                key = (area, t.text)
                if key in found:
                    continue
                n = len(t.words)
                if n == 1:
                    found[key] = TermMatch(area, t, word, i)
                elif (
                    i + n <= len(said)
                    and said[i + 1][0] == t.words[1][0]  # most tries end at this look
                    and _rest_matches(t, said, i)
                ):
                    found[key] = TermMatch(area, t, " ".join(said[i : i + n]), i)
        return list(found.values())
