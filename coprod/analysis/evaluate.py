"""Measure the analysis against statements people labelled: per-area precision, recall and F1,
macro-F1 with a bootstrap 95% interval, and sentiment F1."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

#: The sentiment labels the headline figure is over: did we tell good from bad?
POLAR = ("positive", "negative")
SENTIMENT_LABELS = ("positive", "negative", "neutral", "mixed")


@dataclass(frozen=True)
class Labelled:
    """What a person said a statement is about, and how it leans; and what the analysis said."""

    expected_areas: frozenset[str]
    found_areas: frozenset[str]
    expected_sentiment: str | None
    found_sentiment: str | None


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one class, with how many statements truly had it."""

    precision: float
    recall: float
    f1: float
    support: int


def _scores(tp: int, fp: int, fn: int) -> Scores:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp + fn)


def area_scores(items: Sequence[Labelled], areas: Sequence[str]) -> dict[str, Scores]:
    """Each area's scores, treating every statement as a yes or no for that area."""
    result = {}
    for area in areas:
        tp = sum(area in i.expected_areas and area in i.found_areas for i in items)
        fp = sum(area not in i.expected_areas and area in i.found_areas for i in items)
        fn = sum(area in i.expected_areas and area not in i.found_areas for i in items)
        result[area] = _scores(tp, fp, fn)
    return result


def macro_f1(items: Sequence[Labelled], areas: Sequence[str]) -> float:
    """The mean of the areas' F1, each area counting the same however common it is."""
    scores = area_scores(items, areas)
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def sentiment_scores(items: Sequence[Labelled], labels: Sequence[str] = POLAR) -> dict[str, Scores]:
    """Each sentiment label's scores, over the statements labelled with any of ``labels``."""
    kept = [i for i in items if i.expected_sentiment in labels]
    return {
        label: _scores(
            sum(i.expected_sentiment == label and i.found_sentiment == label for i in kept),
            sum(i.expected_sentiment != label and i.found_sentiment == label for i in kept),
            sum(i.expected_sentiment == label and i.found_sentiment != label for i in kept),
        )
        for label in labels
    }


def sentiment_macro_f1(items: Sequence[Labelled], labels: Sequence[str] = POLAR) -> float:
    """The mean F1 over the sentiment labels."""
    scores = sentiment_scores(items, labels)
    return sum(s.f1 for s in scores.values()) / len(scores)


def bootstrap_interval(
    items: Sequence[Labelled], areas: Sequence[str], rounds: int = 1000, seed: int = 7
) -> tuple[float, float]:
    """A 95% interval for macro-F1: resample the statements with replacement, many times."""
    if not items:
        return (0.0, 0.0)
    rng = random.Random(seed)  # noqa: S311  # nosec B311 # resampling for a statistic
    found = sorted(
        macro_f1([items[rng.randrange(len(items))] for _ in items], areas) for _ in range(rounds)
    )
    return found[int(rounds * 0.025)], found[min(rounds - 1, int(rounds * 0.975))]
