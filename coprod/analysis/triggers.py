"""The words a regular expression can start with, so a statement without any of them need not be
searched at all.

Most safeguarding patterns start at a word with a literal word or a choice of them:
``\\b(wont|will not) be (around|here)``. A statement without "wont" or "will" cannot match
that, and is not searched. Working the words out reads the pattern with Python's own regular
expression parser; anything it cannot be sure of (a pattern starting with a character class, an
optional part, a lookaround) gives no trigger, and the pattern is then always tried. So a trigger
can only spare work, never miss a match.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import product
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

#: A prefix shorter than this would send nearly every statement to the pattern.
SHORTEST_PREFIX = 2
#: How many different words' patterns are remembered (a few megabytes at most).
REMEMBERED_WORDS = 200_000
#: Openings are followed no further than this many alternatives.
_MOST = 200


@dataclass(frozen=True)
class Trigger:
    """A pattern can start only at one of ``words``, or at a word starting with a ``prefixes``."""

    words: frozenset[str]
    prefixes: tuple[str, ...]


class TriggerIndex:
    """Many patterns' triggers, indexed by word, so a statement is read once for all of them."""

    def __init__(self, triggers: list[Trigger | None]) -> None:
        self.always = frozenset(n for n, t in enumerate(triggers) if t is None)
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._by_start: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for n, found in enumerate(triggers):
            if found is None:
                continue
            for word in found.words:
                self._exact[word].append(n)
            for prefix in found.prefixes:
                self._by_start[prefix[:SHORTEST_PREFIX]].append((prefix, n))
        self._seen: dict[str, tuple[int, ...]] = {}
        #: The remembered words that some pattern could start at.
        self._live: set[str] = set()

    def patterns_at(self, word: str) -> tuple[int, ...]:
        """The patterns (by number) that could start at this word, remembered per word: the
        same words come up statement after statement."""
        found = self._seen.get(word)
        if found is None:
            found = tuple(self._exact.get(word, ())) + tuple(
                n
                for prefix, n in self._by_start.get(word[:SHORTEST_PREFIX], ())
                if word.startswith(prefix)
            )
            if len(self._seen) < REMEMBERED_WORDS:
                self._seen[word] = found
                if found:
                    self._live.add(word)
        return found

    def starts(self, at: dict[str, list[int]]) -> dict[int, list[int]]:
        """For each pattern (by number) that could match, where in the statement it could
        start, given where each of the statement's words starts."""
        # Most of a statement's words start no pattern: they are set aside all at once.
        starting = self._live.intersection(at)
        starting.update(w for w in set(at).difference(self._seen) if self.patterns_at(w))
        found: dict[int, list[int]] = defaultdict(list)
        seen = self._seen
        for word in starting:
            for n in seen.get(word) or self.patterns_at(word):
                found[n] += at[word]
        return found


Starts = tuple[set[str], bool]


def _literal_starts(items: list[tuple[Any, Any]]) -> Starts | None:
    """Every literal text a sequence can start with, up to its first part that is not literal,
    and whether those texts are the whole sequence; None if nothing literal is certain."""
    found = {""}
    for op, value in items:
        if op is constants.LITERAL:
            found = {f + chr(value) for f in found}
            continue
        if op is constants.SUBPATTERN and value[1] == 0 and value[2] == 0:
            inner = _literal_starts(list(value[3]))
        elif op is constants.BRANCH:
            inner = _branch_starts(value[1])
        elif op is constants.MAX_REPEAT and value[0] >= 1:
            first = _literal_starts(list(value[2]))  # its first copy is certain, no more
            inner = (first[0], False) if first else None
        else:
            inner = None
        if inner is None:
            return _stopped(found)
        longer = {a + b for a, b in product(found, inner[0])}
        if len(longer) > _MOST:
            return _stopped(found)  # what is certain so far is enough
        found = longer
        if not inner[1]:
            return _stopped(found)
    return found, True


def _stopped(found: set[str]) -> Starts | None:
    """What is certain when the literal part ends here."""
    return None if "" in found else (found, False)


def _branch_starts(branches: list[Any]) -> Starts | None:
    found: set[str] = set()
    complete = True
    for branch in branches:
        starts = _literal_starts(list(branch)) if branch else ({""}, True)
        if starts is None:
            return None
        found |= starts[0]
        complete = complete and starts[1]
    return found, complete


def trigger(pattern: str) -> Trigger | None:
    """The words the pattern can start with, or None if it could start anywhere."""
    try:
        tree = parser.parse(pattern)
    except Exception:  # an unusual pattern: always try it
        return None
    if tree.state.flags & ~constants.SRE_FLAG_UNICODE:
        return None  # (?i) and the like change what the words could be
    parsed = list(tree)
    if parsed and parsed[0] == (constants.AT, constants.AT_BOUNDARY):
        parsed = parsed[1:]
    if len(parsed) == 1 and parsed[0][0] is constants.BRANCH:
        branches = parsed[0][1][1]
        found = _branch_starts(
            [b[1:] if b and b[0] == (constants.AT, constants.AT_BOUNDARY) else b for b in branches]
        )
    else:
        found = _literal_starts(parsed)
    if found is None:
        return None
    starts = found[0]
    if not starts or any(not s or not s[0].isalnum() for s in starts):
        return None
    words = frozenset(s.split(" ")[0] for s in starts if " " in s)
    prefixes = tuple(sorted({s for s in starts if " " not in s}))
    if any(len(p) < SHORTEST_PREFIX for p in prefixes):
        return None
    return Trigger(words, prefixes)
