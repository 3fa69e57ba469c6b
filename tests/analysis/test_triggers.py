"""Safeguarding patterns are tried only where a word they can start with occurs: the words are
read from each pattern, and a pattern whose start is uncertain is always tried, so no
disclosure is missed for the sake of speed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod.analysis import safeguarding
from coprod.analysis.triggers import Trigger, TriggerIndex, trigger

DATA = Path(__file__).resolve().parents[1] / "data" / "analysis"


@pytest.mark.parametrize(
    ("pattern", "words", "prefixes"),
    [
        (r"\b(wont|will not|not going to) be (around|here)\b", {"wont", "will", "not"}, ()),
        (r"\b(do|does) (it |this )?to (my|him)", {"do", "does"}, ()),
        (r"\bneglect\w*", set(), ("neglect",)),
        (r"\bsu+[ie]?[cs]+[iey]*d\w*", set(), ("su",)),
        (r"\b(my|his) ?self", set(), ("his", "my")),
        (r"\bdeath\b.{0,30}\bwant|\bwish\w*", set(), ("death", "wish")),
        (r"\bletters? (to|for) ", set(), ("letter",)),
        # Too many ways on to follow: the first words are still certain.
        (
            r"\b(marks|cuts) (on|up) (my|his|her|their) (arm|leg|skin|body|face|hand|neck|back)",
            {"marks", "cuts"},
            (),
        ),
    ],
)
def test_the_words_a_pattern_can_start_with(
    pattern: str, words: set[str], prefixes: tuple[str, ...]
) -> None:
    assert trigger(pattern) == Trigger(frozenset(words), prefixes)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b[ck]ut\b",  # a character class first
        r"\b(i )?scared",  # an optional first word
        r"\b(home|back) (at )?[1-5] in|\b([1-5]|three) in",  # one branch starts with a class
        r"(?i)\bhurt",  # flags
        r"\b(a|be)",  # a one-letter prefix would match nearly everything
        r"\bx(",  # not a pattern at all
    ],
)
def test_a_pattern_whose_start_is_uncertain_is_always_tried(pattern: str) -> None:
    assert trigger(pattern) is None


def _statements() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(DATA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _word_starts(said: str) -> dict[str, list[int]]:
    at: dict[str, list[int]] = {}
    for found in re.finditer(r"\S+", said):
        at.setdefault(found.group(), []).append(found.start())
    return at


def test_every_match_of_every_safeguarding_pattern_starts_where_its_trigger_says() -> None:
    rules = safeguarding._rules()
    checked = 0
    for text in _statements():
        normalised = safeguarding.normalise(text)
        # The phrases that only look like harm are found by their triggers too…
        harmless = rules.harmless.starts(_word_starts(normalised))
        for n, pattern in enumerate(rules.not_harm):
            for match in pattern.finditer(normalised):
                assert match.start() in harmless.get(n, ()), (pattern.pattern, text)
                checked += 1
        # …and so are the patterns of harm, in what is left when those are blanked out.
        said = safeguarding.without_harmless(normalised)[0]
        starts = rules.triggers.starts(_word_starts(said))
        for n, pattern in enumerate(rules.patterns):
            match = pattern.search(said)
            if match and n not in rules.triggers.always:
                assert match.start() in starts.get(n, ()), (pattern.pattern, text)
                checked += 1
    assert checked > 200  # the sets hold hundreds of disclosures


def test_the_index_finds_a_pattern_by_its_exact_word_or_its_prefix() -> None:
    index = TriggerIndex(
        [Trigger(frozenset({"will"}), ()), Trigger(frozenset(), ("neglect",)), None]
    )
    found = index.starts({"he": [0], "will": [3], "neglected": [8, 30]})
    assert found == {0: [3], 1: [8, 30]}
    assert index.always == {2}
