"""Our reading of TextBlob's lexicon gives TextBlob's own polarity, word for word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textblob.en import sentiment as textblob_sentiment

from coprod.analysis.polarity import polarity
from coprod.analysis.text import words

DATA = Path(__file__).parents[1] / "data" / "analysis"


def textblob_polarity(said: list[str]) -> float:
    """TextBlob's own assessments of the words, averaged as TextBlob averages them."""
    assessed = textblob_sentiment.assessments([(w, None) for w in said])
    return sum(a[1] for a in assessed) / (len(assessed) or 1)


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("the school is good", 1),
        ("the school is very good", 1),
        ("the school is not good", -1),
        ("not a good school", -1),  # a negation reaches past a short word
        ("it is not bad", 1),  # "not bad" is slightly good
        ("really not good at all", -1),
        ("never happy", -1),
        ("the meeting was on tuesday", 0),
        ("", 0),
        ("awful awful awful", -1),
        ("extremely helpful and very kind but a bit slow", 1),
    ],
)
def test_negation_and_modifiers_read_as_textblob_reads_them(text: str, leans: int) -> None:
    found = polarity(words(text))
    assert found == pytest.approx(textblob_polarity(words(text)))
    assert (found > 0) - (found < 0) == leans


def test_every_statement_we_have_scores_as_textblob_scores_it() -> None:
    texts = [
        json.loads(line)["text"]
        for path in sorted(DATA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 800
    for text in texts:
        said = words(text)
        assert polarity(said) == pytest.approx(textblob_polarity(said)), text
        # …and each part of it, as the sentiment scorer reads statements in parts.
        for cut in range(1, len(said), 3):
            assert polarity(said[:cut]) == pytest.approx(textblob_polarity(said[:cut])), text
