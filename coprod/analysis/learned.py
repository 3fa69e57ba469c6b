"""The part of the tagger that learns: a regularised logistic regression per focus area over
word and two-word features, trained on the framework's examples and the analysts' corrections.

scikit-learn fits it; the fitted weights are then kept as plain dictionaries, so scoring a
statement is a few look-ups (no NumPy per statement), the model can be stored as JSON, and the
words that pushed a statement towards an area can be shown to the lead beside the tag.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coprod.analysis.framework import Example
from coprod.analysis.text import word_pairs, words

STOP_WORDS_FILE = Path(__file__).parent / "data" / "stop_words.yaml"
#: Words too common to tell areas apart; they never become features on their own.
_STOP = frozenset(yaml.safe_load(STOP_WORDS_FILE.read_text(encoding="utf-8"))["stop_words"])
#: An area needs this many examples for and against before it gets a classifier of its own.
MIN_EXAMPLES = 3
#: A feature is given as a reason for a class only if it pushes at least this much towards it,
#: and only this many are given.
EVIDENCE_WEIGHT = 0.05
EVIDENCE_LIMIT = 3


def features(text: str) -> set[str]:
    """Words (less the commonest) and adjacent word pairs."""
    said = words(text)
    found = {w for w in said if w not in _STOP and len(w) > 1}
    found.update(word_pairs(text))
    return found


def is_stop_words(feature: str) -> bool:
    """Whether a feature is only stop words ("to the"), which explain nothing to a reader."""
    return _STOP.issuperset(feature.split())


def sigmoid(z: float) -> float:
    """The logistic function, from a linear score to a probability."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class LinearWeights:
    """A fitted logistic regression: an intercept and a weight per feature."""

    intercept: float
    weights: dict[str, float]

    def probability(self, found: set[str]) -> float:
        """How likely a statement with these features is in the class (an area, "positive")."""
        return sigmoid(self.intercept + sum(map(self.weights.get, found, itertools.repeat(0.0))))


@dataclass(frozen=True)
class LearnedModel:
    """A classifier per area that had enough examples; other areas are left to the terms."""

    areas: dict[str, LinearWeights] = field(default_factory=dict)
    examples: int = 0

    def to_data(self) -> dict[str, Any]:
        """A JSON-safe form of the model."""
        return {
            "examples": self.examples,
            "areas": {
                slug: {"intercept": a.intercept, "weights": a.weights}
                for slug, a in self.areas.items()
            },
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LearnedModel:
        """The model from :meth:`to_data`'s form."""
        return cls(
            {
                slug: LinearWeights(float(a["intercept"]), dict(a["weights"]))
                for slug, a in data["areas"].items()
            },
            int(data["examples"]),
        )


def fit(
    found: Sequence[set[str]],
    labels: Sequence[bool],
    sample_weight: Sequence[float],
    strength: float = 1.0,
) -> LinearWeights:
    """Fit one logistic regression; ``strength`` is the inverse of the regularisation."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([dict.fromkeys(f, 1) for f in found])
    model = LogisticRegression(C=strength, class_weight="balanced", max_iter=1000)
    model.fit(matrix, list(labels), sample_weight=list(sample_weight))
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) > 1e-3
    }
    return LinearWeights(float(model.intercept_[0]), weights)


def enough(labels: Sequence[bool]) -> bool:
    """Whether there are enough examples each way to learn from."""
    return sum(labels) >= MIN_EXAMPLES and len(labels) - sum(labels) >= MIN_EXAMPLES


def train(examples: Sequence[Example], areas: Iterable[str], strength: float = 1.0) -> LearnedModel:
    """Fit a classifier per area that has enough examples for and against."""
    found = [features(e.text) for e in examples]
    weights = [e.weight for e in examples]
    fitted: dict[str, LinearWeights] = {}
    for slug in areas:
        labels = [slug in e.areas for e in examples]
        if enough(labels):
            fitted[slug] = fit(found, labels, weights, strength)
    return LearnedModel(fitted, len(examples))
