"""Pure text analysis, no Flask and no database: split, tag, score, redact and safeguard.

``analyse(text)`` gives everything the platform knows about one statement, with the shipped
default framework and the model its examples train. The app builds its own :class:`Analyser`
with the partnership's framework, its analysts' corrections and its list of school names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from coprod.analysis.framework import DEFAULT_FRAMEWORK, TermFramework, shipped_framework
from coprod.analysis.language import ENGLISH, NO_WORDS, detect
from coprod.analysis.learned import LearnedModel, LinearWeights, train
from coprod.analysis.redact import redact
from coprod.analysis.safeguarding import Safeguarding, check
from coprod.analysis.sentences import split_sentences
from coprod.analysis.sentiment import Sentiment, score, shipped_model
from coprod.analysis.tagger import AreaTag, Tagger
from coprod.analysis.text import clean


class NothingToAnalyse(ValueError):
    """Raised for text with no words, numbers or symbols in it."""

    def __init__(self) -> None:
        super().__init__("There is no text to analyse: it is empty or only spaces.")


@dataclass(frozen=True)
class Analysis:
    """What the analysis found in one statement."""

    text: str
    language: str
    sentences: tuple[str, ...]
    tags: tuple[AreaTag, ...]
    sentiment: Sentiment
    safeguarding: Safeguarding
    redacted: str

    @property
    def focus_areas(self) -> list[str]:
        """The tagged areas' slugs, most confident first."""
        return [t.area for t in self.tags]

    def to_json(self) -> dict[str, Any]:
        """The result as ``coprod analyse`` writes it (see DESIGN.md), with the reasons too."""
        return {
            "focus_areas": self.focus_areas,
            "sentiment": {
                "score": self.sentiment.score,
                "label": self.sentiment.label,
                "needs_translation": self.sentiment.needs_translation,
            },
            "safeguarding": self.safeguarding.flagged,
            "redacted": self.redacted,
            "language": self.language,
            "tags": [
                {"area": t.area, "confidence": t.confidence, "terms": list(t.terms)}
                for t in self.tags
            ],
            "safeguarding_reasons": [
                {"reason": c.reason, "words": c.words} for c in self.safeguarding.concerns
            ],
        }


class Analyser:
    """Analyses statements against one framework, with a model and a list of school names."""

    def __init__(
        self,
        framework: TermFramework,
        model: LearnedModel | None = None,
        sentiment_model: LinearWeights | None = None,
        schools: Iterable[str] = (),
    ) -> None:
        self.tagger = Tagger(framework, model)
        self.sentiment_model = sentiment_model
        self.schools = tuple(schools)

    def analyse(self, text: str) -> Analysis:
        """Everything found in one statement; raises NothingToAnalyse for empty text."""
        cleaned = clean(text)
        sentences = tuple(split_sentences(cleaned))
        if not sentences:
            raise NothingToAnalyse()
        language = detect(cleaned)
        english = language in (ENGLISH, NO_WORDS)
        return Analysis(
            text=cleaned,
            language=language,
            sentences=sentences,
            tags=tuple(self.tagger.tag(cleaned)) if english else (),
            sentiment=score(cleaned, self.sentiment_model, english, sentences),
            safeguarding=check(cleaned),
            redacted=redact(cleaned, self.schools).text,
        )


@cache
def default_analyser(framework: str = DEFAULT_FRAMEWORK) -> Analyser:
    """An analyser for a shipped framework, its models trained on the shipped examples."""
    loaded = shipped_framework(framework)
    return Analyser(loaded, train(loaded.examples, loaded.slugs), shipped_model())


def analyse(text: str) -> Analysis:
    """Analyse one statement against the default framework."""
    return default_analyser().analyse(text)


__all__ = ["Analyser", "Analysis", "NothingToAnalyse", "analyse", "default_analyser"]
