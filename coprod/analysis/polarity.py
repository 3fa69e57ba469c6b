"""TextBlob's polarity of words already split, -1 to 1: its lexicon, read by its rules, without
its per-word overhead.

TextBlob scores the words its lexicon knows. A word it marks as a modifier ("very") multiplies
the next known word by its intensity; a negation ("not") before a known word turns that word
round at half strength, and reaches past short words ("not a good"). The average of the scored
words is the polarity. TextBlob looks each word up several times through a dictionary that loads
itself lazily, which is most of its cost; here the lexicon is read once into a plain dictionary.
``tests/analysis/test_polarity.py`` holds the two to the same answer on every statement we have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from textblob.en import sentiment as textblob_sentiment

#: A known word after a negation counts this much of its polarity: "not bad" is slightly good.
_HALF_TURNED = -0.5


@dataclass(frozen=True)
class _Lexicon:
    #: Each known word's (polarity, intensity, whether it may modify the next word).
    known: dict[str, tuple[float, float, bool]]
    negations: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    len(textblob_sentiment)  # TextBlob loads its lexicon on first use
    modifiers = tuple(textblob_sentiment.modifiers)
    known = {
        str(word): (
            float(senses[None][0]),
            float(senses[None][2]),
            any(map(senses.__contains__, modifiers)),
        )
        for word, senses in dict.items(textblob_sentiment)
    }
    return _Lexicon(known, frozenset(textblob_sentiment.negations))


def polarity(said: Iterable[str]) -> float:
    """The polarity TextBlob gives these lower-case words (with no part-of-speech tags)."""
    lexicon = _lexicon()
    known, negations = lexicon.known, lexicon.negations
    # Each scored word as [polarity, intensity, turned round].
    scored: list[list[float]] = []
    modifier = ""  # the last known word, while it may still modify a known word after it
    negation = ""  # the last negation, while it still reaches
    for word in said:
        entry = known.get(word)
        if entry is None:
            if word in negations:
                negation = word
            elif negation and len(word.strip("'")) > 1:
                negation = ""
            if negation and modifier and modifier.endswith("ly"):
                scored[-1][2] = 1.0  # "really not good"
                negation = ""
            elif modifier and len(word) > 2:
                modifier = ""
            continue
        value, intensity, modifies = entry
        if modifier:
            last = scored[-1]
            last[0] = max(-1.0, min(value * last[1], 1.0))
            last[1] = intensity
        else:
            scored.append([value, intensity, 0.0])
        if negation:
            last = scored[-1]
            last[1] = 1.0 / last[1]
            last[2] = 1.0
        modifier = word if modifies else ""
        negation = word if word in negations else ""
    if not scored:
        return 0.0
    return sum(v * _HALF_TURNED if turned else v for v, _i, turned in scored) / len(scored)
