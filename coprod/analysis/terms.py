"""Find a framework's terms in a statement's words, fast: each word looks up only the terms
that could start with it, so the cost grows with the statement, not with the framework."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from coprod.analysis.framework import Term, TermFramework


@dataclass(frozen=True)
class TermMatch:
    """A term found in a statement: which area, which term, the words as written and where."""

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


def _word_matches(term_word: str, word: str, prefix: bool) -> bool:
    if prefix:
        return word.startswith(term_word)
    return term_word in _variants(word)


class TermMatcher:
    """Every term of a framework, indexed by the word it starts with."""

    def __init__(self, framework: TermFramework) -> None:
        self._by_first: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        self._prefixed: list[tuple[str, str, Term]] = []
        for area in framework.areas:
            for t in area.terms:
                first = t.words[0]
                if t.prefix and len(t.words) == 1:
                    self._prefixed.append((first, area.slug, t))
                else:
                    self._by_first[first].append((area.slug, t))
        self._starting: dict[str, list[tuple[str, Term]]] = {}

    def _starting_with(self, word: str) -> list[tuple[str, Term]]:
        """Terms that may start at this word, remembered per word."""
        found = self._starting.get(word)
        if found is None:
            found = [c for v in _variants(word) for c in self._by_first.get(v, ())]
            found += [(area, t) for first, area, t in self._prefixed if word.startswith(first)]
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
                n = len(t.words)
                if (area, t.text) in found or i + n > len(said):
                    continue
                if all(
                    _word_matches(t.words[k], said[i + k], t.prefix and k == n - 1)
                    for k in range(1, n)
                ):
                    found[(area, t.text)] = TermMatch(area, t, " ".join(said[i : i + n]), i)
        return list(found.values())
