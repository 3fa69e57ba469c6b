"""Tag a statement with the focus areas it speaks to, each with a confidence and the words behind
it, from the framework's terms and (where it has learned enough) the learned model."""

from __future__ import annotations

import math
from dataclasses import dataclass

from coprod.analysis.framework import TermFramework
from coprod.analysis.learned import (
    EVIDENCE_LIMIT,
    EVIDENCE_WEIGHT,
    LearnedModel,
    features,
    is_stop_words,
    sigmoid,
)
from coprod.analysis.terms import TermMatcher
from coprod.analysis.text import words

#: An area is tagged at this confidence or more.
THRESHOLD = 0.3
#: Term weights add up; this much weight gives a confidence of about 0.63.
TERM_SCALE = 2.5
#: How much the learned model counts against the terms where it has an opinion.
MODEL_SHARE = 0.5


@dataclass(frozen=True)
class AreaTag:
    """A focus area the tagger found, how sure it is (0 to 1) and the words that led to it."""

    area: str
    confidence: float
    terms: tuple[str, ...]


class Tagger:
    """Tags statements against one framework; build it once and use it for many statements."""

    def __init__(
        self,
        framework: TermFramework,
        model: LearnedModel | None = None,
        threshold: float = THRESHOLD,
    ) -> None:
        self.framework = framework
        self.model = model or LearnedModel()
        self.threshold = threshold
        self._matcher = TermMatcher(framework)
        # Each feature's weights in the learned areas' order (0 where an area ignores it), so a
        # statement is read once for every area; and the features that may be shown as a reason
        # (those not only stop words).
        areas = self.model.areas.values()
        known = {feature for learned in areas for feature in learned.weights}
        self._dense = {f: tuple(learned.weights.get(f, 0.0) for learned in areas) for f in known}
        self._features = frozenset(known)
        # Per learned area, the features that may be given as its reasons (not only stop words,
        # and pushing towards it enough) with how hard each pushes.
        self._reasons = {
            slug: {
                f: w
                for f, w in learned.weights.items()
                if w > EVIDENCE_WEIGHT and not is_stop_words(f)
            }
            for slug, learned in self.model.areas.items()
        }
        self._reasons_known = {slug: frozenset(r) for slug, r in self._reasons.items()}

    def _learned(self, found: set[str]) -> tuple[dict[str, float], set[str]]:
        """Each learned area's probability for a statement with these features, and which of
        the features the models know."""
        known = found.intersection(self._features)
        rows = [self._dense[f] for f in known]
        columns = zip(*rows, strict=True) if rows else [()] * len(self.model.areas)
        return {
            slug: sigmoid(sum(column, learned.intercept))
            for (slug, learned), column in zip(self.model.areas.items(), columns, strict=True)
        }, known

    def _evidence(self, slug: str, known: set[str]) -> list[str]:
        """The features that pushed most towards an area, stop words alone never."""
        weights = self._reasons[slug]
        pushing = known & self._reasons_known[slug]
        return sorted(pushing, key=lambda f: (weights[f], f), reverse=True)[:EVIDENCE_LIMIT]

    def tag(self, text: str) -> list[AreaTag]:
        """The areas at or above the threshold, most confident first, each with its reasons:
        the framework's terms found and the words that pushed the learned model most."""
        said = words(text)
        weight: dict[str, float] = {}
        why: dict[str, list[str]] = {}
        for match in self._matcher.matches(said):
            weight[match.area] = weight.get(match.area, 0.0) + match.term.weight
            why.setdefault(match.area, []).append(match.said)
        found = features(text) if self.model.areas else set()
        probabilities, known = self._learned(found) if found else ({}, set())
        tags = []
        for slug in self.framework.slugs:
            found_weight = weight.get(slug)
            confidence = 1.0 - math.exp(-found_weight / TERM_SCALE) if found_weight else 0.0
            learned = self.model.areas.get(slug)
            if learned is not None:
                p = probabilities[slug] if found else sigmoid(learned.intercept)
                confidence = (1 - MODEL_SHARE) * confidence + MODEL_SHARE * p
            confidence = round(confidence, 3)
            if confidence < self.threshold:
                continue
            reasons = list(why.get(slug, ()))
            if learned is not None:
                reasons += [f for f in self._evidence(slug, known) if f not in reasons]
            tags.append(AreaTag(slug, confidence, tuple(reasons)))
        return sorted(tags, key=lambda t: -t.confidence)
