"""Score how a statement leans, -1 to 1, with a label: positive, negative, neutral or mixed.

Two views are averaged. The rules: each sentence is cut at its turning words ("but", "however",
"although"); each part is scored by TextBlob's polarity and by the field's own phrases
(``data/sentiment.yaml``), with negation and intensifiers; the part after "but" counts more than
the part before it. The learned view: a logistic regression over words (marked when negated) and
word pairs, trained on labelled statements (``data/sentiment_examples.jsonl``) and the analysts'
corrections. A statement with strong parts both ways whose overall lean is weak is "mixed".
Text not in English gets no score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coprod.analysis.framework import AreaTerms, TermFramework, term
from coprod.analysis.language import is_english
from coprod.analysis.learned import LinearWeights, enough, fit
from coprod.analysis.polarity import polarity
from coprod.analysis.sentences import split_sentences
from coprod.analysis.terms import TermMatch, TermMatcher
from coprod.analysis.text import pairs, word_pairs, words

LEXICON_FILE = Path(__file__).parent / "data" / "sentiment.yaml"
EXAMPLES_FILE = Path(__file__).parent / "data" / "sentiment_examples.jsonl"
POLAR = ("positive", "negative")
#: How much the learned view counts against the rules, where no phrase was found and where one was.
MODEL_SHARE = 0.7
MODEL_SHARE_BESIDE_PHRASES = 0.3
#: A part leaning at least this far either way is "strong" when deciding on "mixed".
STRONG = 0.2
#: A statement with strong parts both ways that leans less than this overall is "mixed".
MIXED_BAND = 0.15
#: A statement leaning less than this is neutral.
NEUTRAL_BAND = 0.05
#: How much of a part's score comes from the field's phrases when any are found.
PHRASE_SHARE = 0.7
#: A negated phrase keeps this much of its strength, turned round ("not helpful").
NEGATED = 0.7
#: Where a clause ends inside a sentence.
_CLAUSE_END = re.compile(r"[,;:–]")
#: Negators reach this many words forward.
NEGATION_REACH = 3


@dataclass(frozen=True)
class Sentiment:
    """A statement's lean; ``score`` and ``label`` are None when it needs translating first."""

    score: float | None
    label: str | None
    needs_translation: bool = False


@dataclass(frozen=True)
class _Lexicon:
    matcher: TermMatcher
    scores: dict[str, float]
    emoji: dict[str, float]
    negators: frozenset[str]
    diminishers: TermMatcher
    bare_negation: float
    intensifiers: dict[str, float]
    after_counts_more: frozenset[str]
    before_counts_less: tuple[tuple[str, ...], ...]
    #: The first words of the phrases that open a part counting less.
    opening_words: frozenset[str]
    #: Whether any symbol scored is plain ASCII (":)"); emoji are not, nor most sentences.
    ascii_symbols: bool


@cache
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    phrases = {str(k): float(v) for k, v in raw["phrases"].items()}
    said = {k: v for k, v in phrases.items() if words(k.rstrip("*"))}
    areas = tuple(
        AreaTerms(
            side,
            tuple(term(k, abs(v)) for k, v in said.items() if (v > 0) == (side == "positive")),
        )
        for side in ("positive", "negative")
    )
    return _Lexicon(
        TermMatcher(TermFramework("sentiment", areas)),
        said,
        {k: v for k, v in phrases.items() if k not in said},
        frozenset(raw["negators"]),
        TermMatcher(
            TermFramework(
                "diminishers", (AreaTerms("less", tuple(term(w) for w in raw["diminishers"])),)
            )
        ),
        float(raw["bare_negation"]),
        {str(k): float(v) for k, v in raw["intensifiers"].items()},
        frozenset(raw["after_counts_more"]),
        tuple(tuple(w.split()) for w in raw["before_counts_less"]),
        frozenset(w.split()[0] for w in raw["before_counts_less"]),
        any(k.isascii() for k in phrases if k not in said),
    )


def _parts(sentence: str, lexicon: _Lexicon) -> list[tuple[list[str], float]]:
    """The sentence's words cut at turning words, each part with how much it counts. An
    "although" part ends at the next comma: "Although it was late, it is good"."""
    parts: list[tuple[list[str], float]] = []
    opening, after = lexicon.opening_words, lexicon.after_counts_more
    for clause in _CLAUSE_END.split(sentence):
        said = words(clause)
        if not opening.intersection(said) and not after.intersection(said):
            if said:
                parts.append((said, 1.0))
            continue
        current: list[str] = []
        weight = 1.0
        for i, word in enumerate(said):
            opens_less = word in opening and any(
                tuple(said[i : i + len(p)]) == p for p in lexicon.before_counts_less
            )
            if (word in after or opens_less) and current:
                parts.append((current, weight))
                current, weight = [], 1.0
            if opens_less:
                weight = 0.5
            elif word in after:
                if parts:
                    parts[-1] = (parts[-1][0], parts[-1][1] * 0.5)
                weight = 1.5
            current.append(word)
        if current:
            parts.append((current, weight))
    return parts


def _phrase_score(
    match: TermMatch, part: list[str], shrinking: set[int], lexicon: _Lexicon
) -> float:
    score = lexicon.scores[match.term.text]
    reach = range(max(0, match.start - NEGATION_REACH), match.start)
    before = part[reach.start : reach.stop]
    if any(w in lexicon.negators for w in before) or shrinking.intersection(reach):
        return -score * (NEGATED if score > 0 else NEGATED / 2)
    if before and before[-1] in lexicon.intensifiers:
        score *= lexicon.intensifiers[before[-1]]
    return max(-1.0, min(1.0, score))


def _part_score(part: list[str], lexicon: _Lexicon) -> tuple[float, bool]:
    """The part's lean, and whether the field's phrases (not TextBlob alone) decided it."""
    matches = sorted(lexicon.matcher.matches(part), key=lambda m: (m.start, -len(m.term.words)))
    shrinking = (
        {m.start + len(m.term.words) - 1 for m in lexicon.diminishers.matches(part)}
        if matches
        else set()
    )
    covered_to = -1
    found = []
    for match in matches:
        if match.start <= covered_to:
            continue  # "not listened" is one phrase, not also "listened"
        covered_to = match.start + len(match.term.words) - 1
        if lexicon.scores[match.term.text]:
            found.append(_phrase_score(match, part, shrinking, lexicon))
    general = polarity(part)
    if not found and lexicon.negators.intersection(part):
        found.append(lexicon.bare_negation)
    if not found:
        return general, False
    phrases = sum(found) / len(found)
    return PHRASE_SHARE * phrases + (1 - PHRASE_SHARE) * general, True


def sentiment_features(text: str) -> set[str]:
    """Words, marked ``not:`` for three words after a negator, and adjacent word pairs."""
    found = _words_of(words(text), _lexicon())
    found.update(word_pairs(text))
    return found


def _features_of(said: list[str], lexicon: _Lexicon) -> set[str]:
    found = _words_of(said, lexicon)
    found.update(pairs(said))
    return found


def _words_of(said: list[str], lexicon: _Lexicon) -> set[str]:
    negators = lexicon.negators
    if negators.isdisjoint(said):
        return set(said)
    found: set[str] = set()
    reach = 0
    for word in said:
        if word in negators:
            reach = NEGATION_REACH
            found.add(word)
            continue
        found.add(f"not:{word}" if reach > 0 else word)
        reach -= 1
    return found


def train_sentiment(examples: Sequence[tuple[str, str, float]]) -> LinearWeights | None:
    """A model of positive against negative from (text, label, weight) examples."""
    polar = [(t, label == "positive", w) for t, label, w in examples if label in POLAR]
    labels = [p for _t, p, _w in polar]
    if not enough(labels):
        return None
    return fit([sentiment_features(t) for t, _p, _w in polar], labels, [w for *_x, w in polar])


def shipped_examples() -> list[tuple[str, str, float]]:
    """The labelled statements that ship with coprod, as (text, label, weight)."""
    lines = EXAMPLES_FILE.read_text(encoding="utf-8").splitlines()
    return [(item["text"], item["sentiment"], 1.0) for item in map(json.loads, filter(None, lines))]


@cache
def shipped_model() -> LinearWeights | None:
    """The model the shipped examples train, once per process."""
    return train_sentiment(shipped_examples())


def score(
    text: str,
    model: LinearWeights | None = None,
    english: bool | None = None,
    sentences: Sequence[str] | None = None,
) -> Sentiment:
    """The statement's lean and label, from the rules and, if given, the learned model;
    ``english`` and ``sentences`` save working out again what the caller already knows."""
    if not (is_english(text) if english is None else english):
        return Sentiment(None, None, needs_translation=True)
    lexicon = _lexicon()
    sentences = split_sentences(text) if sentences is None else sentences
    parts = [(part, weight) for sentence in sentences for part, weight in _parts(sentence, lexicon)]
    turned = any(weight != 1.0 for _part, weight in parts)
    whole = None
    if model is not None and not turned:
        whole = 2 * model.probability(sentiment_features(text)) - 1
    scored: list[tuple[float, float]] = [
        (sum(found) / len(found), 1.0)
        for sentence in sentences
        if (lexicon.ascii_symbols or not sentence.isascii())
        and (found := [v for ch, v in lexicon.emoji.items() if ch in sentence])
    ]
    for part, weight in parts:
        lean, by_phrases = _part_score(part, lexicon)
        if model is not None:
            # The model reads a whole statement best, unless it turns on a "but"; it counts
            # for less where the field's own phrases have spoken.
            learned = whole if whole is not None else _learned(model, part, lexicon)
            share = MODEL_SHARE_BESIDE_PHRASES if by_phrases else MODEL_SHARE
            lean = (1 - share) * lean + share * learned
        scored.append((lean, weight))
    leaning = [(s, w) for s, w in scored if abs(s) > 0.01]
    if not leaning:
        return Sentiment(0.0, "neutral")
    total = sum(s * w for s, w in leaning) / sum(w for _s, w in leaning)
    total = round(max(-1.0, min(1.0, total)), 3)
    return Sentiment(total, _label(total, [s for s, _w in leaning]))


def _learned(model: LinearWeights, part: list[str], lexicon: _Lexicon) -> float:
    return 2 * model.probability(_features_of(part, lexicon)) - 1


def _label(total: float, parts: list[float]) -> str:
    strong_both = any(s >= STRONG for s in parts) and any(s <= -STRONG for s in parts)
    if strong_both and abs(total) < MIXED_BAND:
        return "mixed"
    if total >= NEUTRAL_BAND:
        return "positive"
    if total <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"
